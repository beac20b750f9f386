package dev.capscope.app.ui.testing;

import dev.capscope.app.ui.map.OccupancyMapView;
import dev.capscope.app.ui.model.Row;
import dev.capscope.app.ui.tree.CapTreeView;
import javafx.css.PseudoClass;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableRow;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Page object for scripting the Capscope window with TestFX, by the stable ids of docs/ui-ids.md.
 * Shipped in capscope-testkit (docs/testing-ui.md). Every query runs on the FX thread; waits use
 * {@link WaitForAsyncUtils#waitFor}, never sleeps; a helper that does not find what it looks
 * for fails with a message naming it.
 */
public final class CapscopePage {
    public static final long TIMEOUT_SECONDS = 15;
    private final FxRobot robot;

    public CapscopePage(FxRobot robot) {
        this.robot = robot;
    }

    public CapTreeView tree() {
        return robot.lookup("#capTree").queryAs(CapTreeView.class);
    }

    public OccupancyMapView map() {
        return robot.lookup("#occupancyMap").queryAs(OccupancyMapView.class);
    }

    /** Waits until a condition (evaluated on the FX thread) holds. */
    public CapscopePage waitUntil(Callable<Boolean> condition) {
        return waitUntil("the condition", condition);
    }

    /**
     * Waits until a condition holds; on timeout the failure names {@code what} it waited for and
     * what the status bar said then.
     */
    public CapscopePage waitUntil(String what, Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> fx(condition));
        } catch (TimeoutException e) {
            String status = robot.lookup("#statusMessage").tryQuery()
                    .map(n -> ((Label) n).getText()).orElse("(no status bar)");
            throw new AssertionError("waited " + TIMEOUT_SECONDS + " s for " + what + "; the status bar says: "
                    + status, e);
        }
        return this;
    }

    /** A control by its stable id (docs/ui-ids.md), e.g. "capTree"; fails naming the id when it is not on screen. */
    public Node control(String id) {
        String query = id.startsWith("#") ? id : "#" + id;
        return robot.lookup(query).tryQuery().orElseThrow(() -> new AssertionError("no control " + query
                + " on screen (ids: docs/ui-ids.md); is its window open?"));
    }

    /** Runs a query on the FX thread and returns its result. */
    public <T> T fx(Callable<T> query) {
        if (javafx.application.Platform.isFxApplicationThread()) {
            try {
                return query.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        try {
            return WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, WaitForAsyncUtils.asyncFx(query));
        } catch (TimeoutException e) {
            throw new AssertionError("FX query did not finish", e);
        }
    }

    /** Runs an action on the FX thread and waits for it and for pending FX events. */
    public CapscopePage interact(Runnable action) {
        robot.interact(action);
        WaitForAsyncUtils.waitForFxEvents();
        return this;
    }

    /** Waits until the tree shows a space (a walk applied or a snapshot opened). */
    public CapscopePage waitForTree() {
        return waitUntil("a capability space in the tree", () -> !tree().getRoot().getChildren().isEmpty());
    }

    /** Titles of the top-level rows (areas), e.g. "fixed slots  (2)". */
    public List<String> areaTitles() {
        return fx(() -> tree().getRoot().getChildren().stream().map(i -> i.getValue().title()).toList());
    }

    public TreeItem<Row> item(String rowKey) {
        return fx(() -> tree().reconciler().itemFor(rowKey));
    }

    public TreeItem<Row> selectorItem(int selector) {
        return item(Row.selectorKey(selector));
    }

    /** Rows (values) directly below a row. */
    public List<Row> childrenOf(String rowKey) {
        return fx(() -> {
            TreeItem<Row> i = tree().reconciler().itemFor(rowKey);
            return i == null ? List.<Row>of() : i.getChildren().stream().map(TreeItem::getValue).toList();
        });
    }

    public CapscopePage filter(String text) {
        robot.clickOn("#filterField");
        interact(() -> robot.lookup("#filterField").queryAs(TextField.class).setText(text));
        return this;
    }

    /**
     * Selects a row by key ("s:771", "thread:0", "area:COMPONENT") through the tree's selection
     * model, as a click would; fails naming the key when no such row is shown.
     */
    public CapscopePage select(String rowKey) {
        if (item(rowKey) == null) {
            String filter = fx(() -> robot.lookup("#filterField").queryAs(TextField.class).getText());
            throw new AssertionError("no row '" + rowKey + "' in the tree" + (filter.isBlank() ? ""
                    : " (the filter '" + filter + "' may hide it)") + "; areas shown: " + areaTitles());
        }
        return interact(() -> {
            TreeItem<Row> i = tree().reconciler().itemFor(rowKey);
            dev.capscope.app.ui.tree.TreeReconciler.expandTo(i);
            tree().getSelectionModel().clearSelection();
            tree().getSelectionModel().select(i);
        });
    }

    /** Selects a selector's row (515, 0x203, ...); fails naming the selector when it is not shown. */
    public CapscopePage selectSelector(int selector) {
        if (item(Row.selectorKey(selector)) == null) {
            throw new AssertionError("no row for selector " + dev.capscope.core.model.Selectors.format(selector)
                    + " in the tree (empty slots are hidden unless View > Show empty slots; a filter may hide it)"
                    + "; areas shown: " + areaTitles());
        }
        return select(Row.selectorKey(selector));
    }

    public Row selectedRow() {
        return fx(() -> {
            TreeItem<Row> i = tree().getSelectionModel().getSelectedItem();
            return i == null ? null : i.getValue();
        });
    }

    /** Clicks the occupancy map's cell of a selector with the mouse. */
    public CapscopePage clickMapCell(int selector) {
        interact(() -> map().reveal(selector));
        Point2D p = fx(() -> {
            double[] c = map().cellCenter(selector);
            return map().canvas().localToScreen(c[0], c[1]);
        });
        robot.clickOn(p);
        WaitForAsyncUtils.waitForFxEvents();
        return this;
    }

    /** A value of the details by field name (first match), e.g. "interface". */
    public Optional<String> detail(String name) {
        return fx(() -> detailLines().stream().filter(i -> i.name().equals(name))
                .map(dev.capscope.app.ui.details.DetailItem::value).findFirst());
    }

    /** A detail's value by field name ("interface", "label", "badge"); fails listing the fields shown. */
    public String detailValue(String name) {
        return detail(name).orElseThrow(() -> new AssertionError("no detail '" + name + "' for "
                + fx(() -> robot.lookup("#detailsHeading").queryLabeled().getText()) + "; fields shown: "
                + detailLines().stream().map(dev.capscope.app.ui.details.DetailItem::name).toList()));
    }

    /** Every line of the details in order (category lines left out). */
    @SuppressWarnings("unchecked")
    public List<dev.capscope.app.ui.details.DetailItem> detailLines() {
        return fx(() -> {
            var table = (javafx.scene.control.TreeTableView<dev.capscope.app.ui.details.DetailItem>)
                    robot.lookup("#detailsSheet").query();
            List<dev.capscope.app.ui.details.DetailItem> out = new java.util.ArrayList<>();
            table.getRoot().getChildren().forEach(c -> c.getChildren().forEach(l -> out.add(l.getValue())));
            return out;
        });
    }

    /** Whether the visible row of a selector carries a CSS pseudo-class ("new", "removed", "changed"). */
    public boolean rowMarked(int selector, String pseudoClass) {
        PseudoClass pc = PseudoClass.getPseudoClass(pseudoClass);
        return fx(() -> {
            for (Node n : tree().lookupAll(".tree-table-row-cell")) {
                if (n instanceof TreeTableRow<?> r && r.getItem() instanceof Row row && row.selector() == selector
                        && row.isSelector()) {
                    return r.getPseudoClassStates().contains(pc);
                }
            }
            return false;
        });
    }

    /** Scrolls the tree so a selector's row is visible. */
    public CapscopePage reveal(int selector) {
        return interact(() -> {
            TreeItem<Row> i = tree().reconciler().itemFor(Row.selectorKey(selector));
            dev.capscope.app.ui.tree.TreeReconciler.expandTo(i);
            tree().scrollTo(Math.max(0, tree().getRow(i) - 2));
        });
    }

    public String errorText() {
        return fx(() -> robot.lookup("#errorText").queryAs(Label.class).getText());
    }

    public boolean errorVisible() {
        return fx(() -> robot.lookup("#errorBanner").query().isVisible());
    }

    public CapscopePage clickReconnect() {
        robot.clickOn("#reconnectButton");
        return this;
    }

    public String statusText() {
        return fx(() -> robot.lookup("#statusMessage").queryLabeled().getText());
    }

    /** The system clipboard's text (FX thread). */
    public String clipboard() {
        return fx(dev.capscope.app.ui.copy.ClipboardText::get);
    }

    /** Presses and releases keys (e.g. F3; SHIFT, F3) with the focus where it is. */
    public CapscopePage press(javafx.scene.input.KeyCode... keys) {
        robot.press(keys);
        robot.release(keys);
        WaitForAsyncUtils.waitForFxEvents();
        return this;
    }

    /** Runs a menu item by id as a click on it would (toggling a check item) and waits for what it causes. */
    public CapscopePage menu(String id) {
        return interact(() -> {
            javafx.scene.control.MenuBar bar = robot.lookup("#menuBar").queryAs(javafx.scene.control.MenuBar.class);
            javafx.scene.control.MenuItem item = findItem(bar.getMenus(), id);
            if (item == null) throw new AssertionError("no menu item #" + id);
            if (item.isDisable()) throw new AssertionError("menu item #" + id + " is disabled");
            // a click toggles a check item and selects a radio item before its action runs
            if (item instanceof javafx.scene.control.CheckMenuItem c) c.setSelected(!c.isSelected());
            if (item instanceof javafx.scene.control.RadioMenuItem r) r.setSelected(true);
            item.fire();
        });
    }

    private static javafx.scene.control.MenuItem findItem(List<? extends javafx.scene.control.MenuItem> items, String id) {
        for (javafx.scene.control.MenuItem i : items) {
            if (id.equals(i.getId())) return i;
            if (i instanceof javafx.scene.control.Menu m) {
                javafx.scene.control.MenuItem found = findItem(m.getItems(), id);
                if (found != null) return found;
            }
        }
        return null;
    }

    /** Text of the filter's match label ("3 matches", "2 of 3"). */
    public String filterMatches() {
        return fx(() -> robot.lookup("#filterMatches").queryLabeled().getText());
    }

    // ---- diff window and restore wizard (issue 6) ---------------------------------------------

    /** The diff view of the (last) open diff window. */
    public dev.capscope.app.ui.diff.DiffView diffView() {
        return robot.lookup("#diffView").queryAs(dev.capscope.app.ui.diff.DiffView.class);
    }

    /** Waits until the diff window shows a comparison (its counts table is filled and not busy). */
    public CapscopePage waitForDiff() {
        return waitUntil(() -> robot.lookup("#diffCountsTable").tryQuery().isPresent()
                && !counts().getItems().isEmpty()
                && !robot.lookup("#diffBusy").query().isVisible());
    }

    @SuppressWarnings("unchecked")
    private javafx.scene.control.TableView<dev.capscope.app.ui.diff.KindCount> counts() {
        return robot.lookup("#diffCountsTable").queryAs(javafx.scene.control.TableView.class);
    }

    /** The per-kind counts the diff window shows, by line ("Ipc_gate", "all slots", "cap-map entries"). */
    public java.util.Map<String, dev.capscope.core.diff.StatusCounts> diffCounts() {
        return fx(() -> {
            java.util.Map<String, dev.capscope.core.diff.StatusCounts> m = new java.util.LinkedHashMap<>();
            counts().getItems().forEach(k -> m.put(k.what(), k.counts()));
            return m;
        });
    }

    public String diffSummary() {
        return fx(() -> robot.lookup("#diffSummary").queryAs(Label.class).getText());
    }

    /** Status label of the diff tree's row at a selector ("added", "removed", ... , "" unchanged), or null if not shown. */
    public String diffRowStatus(int selector) {
        return fx(() -> {
            TreeItem<dev.capscope.app.ui.diff.DiffRow> i = diffView().tree().itemFor(Row.selectorKey(selector));
            return i == null ? null : i.getValue().statusLabel();
        });
    }

    /** Field/before/after lines of the diff details after selecting a selector's row. */
    public java.util.List<dev.capscope.app.ui.diff.FieldRow> diffDetailsOf(int selector) {
        interact(() -> {
            var tree = diffView().tree();
            tree.getSelectionModel().select(tree.itemFor(Row.selectorKey(selector)));
        });
        return fx(() -> java.util.List.copyOf(robot.lookup("#diffDetailsTable")
                .queryAs(javafx.scene.control.TableView.class).getItems()));
    }

    /** Text of a labeled control of the restore wizard (e.g. "#restoreOutcome", "#restoreDisabledReason"). */
    public String text(String query) {
        return fx(() -> robot.lookup(query).queryLabeled().getText());
    }

    public boolean disabled(String query) {
        return fx(() -> robot.lookup(query).query().isDisabled());
    }

    /** Items of a ListView of the wizard ("#restorePlanList", "#restoreRefusals", "#restoreProgressLog"). */
    public java.util.List<String> listItems(String query) {
        return fx(() -> java.util.List.copyOf(robot.lookup(query).queryListView().getItems().stream()
                .map(String::valueOf).toList()));
    }

    /** Clicks a control once it is visible and enabled. */
    public CapscopePage click(String query) {
        waitUntil(() -> robot.lookup(query).tryQuery().map(n -> n.isVisible() && !n.isDisabled()).orElse(false));
        robot.clickOn(query);
        WaitForAsyncUtils.waitForFxEvents();
        return this;
    }

    /** Preflight -> plan -> confirm -> apply in the open wizard; returns the outcome shown ("RESTORED_VERIFIED", ...). */
    public String restoreThroughWizard() {
        click("#restorePreflightButton");
        waitUntil(() -> robot.lookup("#restorePlanList").query().isVisible());
        click("#restoreNextButton");
        click("#restoreConfirmCheck");
        click("#restoreApplyButton");
        waitUntil(() -> !text("#restoreOutcome").isEmpty());
        return text("#restoreOutcome");
    }
}
