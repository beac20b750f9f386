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

/**
 * Page object for scripting the Capscope window with TestFX, by the stable ids of docs/ui-ids.md.
 * Shipped in capscope-testkit (docs/testing-ui.md). Every query runs on the FX thread; waits use
 * {@link WaitForAsyncUtils#waitFor}, never sleeps; a helper that does not find what it looks
 * for fails with a message naming it. The main window's helpers are here; the diff window's and
 * the restore wizard's in {@link WorkflowWindowsPage}; waiting, menus and keys in {@link FxPage}.
 */
public final class CapscopePage extends WorkflowWindowsPage<CapscopePage> {
    public CapscopePage(FxRobot robot) {
        super(robot);
    }

    public CapTreeView tree() {
        return robot.lookup("#capTree").queryAs(CapTreeView.class);
    }

    public OccupancyMapView map() {
        return robot.lookup("#occupancyMap").queryAs(OccupancyMapView.class);
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

    /** Text of the filter's match label ("3 matches", "2 of 3"). */
    public String filterMatches() {
        return fx(() -> robot.lookup("#filterMatches").queryLabeled().getText());
    }
}
