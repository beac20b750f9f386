package dev.capscope.app.ui.testing;

import javafx.scene.Node;
import javafx.scene.control.Label;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What every page object of Capscope's windows needs: waiting for a condition, queries and actions
 * on the FX thread, keys, clicks, menus. Waits use {@link WaitForAsyncUtils#waitFor}, never sleeps.
 *
 * @param <P> the page type, so that chained calls keep it
 */
public class FxPage<P extends FxPage<P>> {
    public static final long TIMEOUT_SECONDS = 15;
    protected final FxRobot robot;

    protected FxPage(FxRobot robot) {
        this.robot = robot;
    }

    @SuppressWarnings("unchecked")
    protected final P self() {
        return (P) this;
    }

    /** Waits until a condition (evaluated on the FX thread) holds. */
    public P waitUntil(Callable<Boolean> condition) {
        return waitUntil("the condition", condition);
    }

    /**
     * Waits until a condition holds; on timeout the failure names {@code what} it waited for and
     * what the status bar said then.
     */
    public P waitUntil(String what, Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> fx(condition));
        } catch (TimeoutException e) {
            String status = robot.lookup("#statusMessage").tryQuery()
                    .map(n -> ((Label) n).getText()).orElse("(no status bar)");
            throw new AssertionError("waited " + TIMEOUT_SECONDS + " s for " + what + "; the status bar says: "
                    + status, e);
        }
        return self();
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
    public P interact(Runnable action) {
        robot.interact(action);
        WaitForAsyncUtils.waitForFxEvents();
        return self();
    }

    /** The system clipboard's text (FX thread). */
    public String clipboard() {
        return fx(dev.capscope.app.ui.copy.ClipboardText::get);
    }

    /** Presses and releases keys (e.g. F3; SHIFT, F3) with the focus where it is. */
    public P press(javafx.scene.input.KeyCode... keys) {
        robot.press(keys);
        robot.release(keys);
        WaitForAsyncUtils.waitForFxEvents();
        return self();
    }

    /** Runs a menu item by id as a click on it would (toggling a check item) and waits for what it causes. */
    public P menu(String id) {
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
    public P click(String query) {
        waitUntil(() -> robot.lookup(query).tryQuery().map(n -> n.isVisible() && !n.isDisabled()).orElse(false));
        robot.clickOn(query);
        WaitForAsyncUtils.waitForFxEvents();
        return self();
    }
}
