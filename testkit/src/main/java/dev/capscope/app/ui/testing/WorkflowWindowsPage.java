package dev.capscope.app.ui.testing;

import dev.capscope.app.ui.model.Row;
import javafx.scene.control.Label;
import javafx.scene.control.TreeItem;
import org.testfx.api.FxRobot;

/**
 * Helpers for the windows the main window opens: the diff window and the restore wizard.
 *
 * @param <P> the page type, so that chained calls keep it
 */
public class WorkflowWindowsPage<P extends WorkflowWindowsPage<P>> extends FxPage<P> {
    protected WorkflowWindowsPage(FxRobot robot) {
        super(robot);
    }

    // ---- diff window and restore wizard (issue 6) ---------------------------------------------

    /** The diff view of the (last) open diff window. */
    public dev.capscope.app.ui.diff.DiffView diffView() {
        return robot.lookup("#diffView").queryAs(dev.capscope.app.ui.diff.DiffView.class);
    }

    /** Waits until the diff window shows a comparison (its counts table is filled and not busy). */
    public P waitForDiff() {
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
