package dev.capscope.app.ui.restore;

import dev.capscope.app.ui.sources.LiveTarget;
import dev.capscope.app.ui.task.FxTaskRunner;
import dev.capscope.app.ui.testing.CapscopeHarness;
import dev.capscope.app.ui.testing.CapscopePage;
import dev.capscope.app.ui.testing.SnapshotFiles;
import dev.capscope.bridge.CapsimProcess;
import javafx.scene.Node;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The wizard's keyboard: each step focuses its decision (not Close); after apply Back starts a new restore. */
@ExtendWith(ApplicationExtension.class)
class WizardFocusTest {
    private static final String TASK = "init -> log_client";
    @TempDir
    Path tmp;
    private CapscopeHarness h;
    private CapsimProcess capsim;

    @Start
    void start(Stage stage) {
        h = new CapscopeHarness(new FxTaskRunner(), SnapshotFiles.REAL);
        h.show(stage);
    }

    @AfterEach
    void close() {
        h.close();
        if (capsim != null) capsim.close();
    }

    private String focusedId(CapscopePage page) {
        return page.fx(() -> {
            for (Window w : Window.getWindows()) {
                if ("restore".equals(w.getProperties().get("capscope.window")) && w.getScene() != null) {
                    Node n = w.getScene().getFocusOwner();
                    return n == null ? "(none)" : n.getId();
                }
            }
            return "(no wizard)";
        });
    }

    @Test
    void confirmFocusesTheCheckBoxAndTheResultOffersANewRestore(FxRobot robot) {
        capsim = CapsimProcess.start(CapsimProcess.Options.of(CapsimProcess.findScenario("log-client")).allowRestore(true),
                Duration.ofSeconds(10));
        CapscopePage page = new CapscopePage(robot);
        h.useBridge(capsim.uri());
        page.interact(() -> h.vm.attachTo(capsim.uri()));
        LiveTarget[] t = new LiveTarget[1];
        page.waitUntil("the target's tasks", () -> !h.vm.sources().targets().isEmpty()
                && !(t[0] = h.vm.sources().targets().get(0)).tasks().isEmpty() && !t[0].busy());
        page.interact(() -> h.vm.sources().selectTask(t[0], TASK));
        page.waitUntil("the task's space", () -> h.vm.tree().spaceProperty().get() != null
                && TASK.equals(h.vm.tree().spaceProperty().get().taskName()));
        h.dialogs.saveFiles.add(tmp.resolve("before.json"));
        page.interact(() -> h.vm.snapshots().take());
        page.waitUntil("the saved snapshot", () -> h.vm.sources().snapshots().size() == 1
                && h.vm.sources().snapshots().get(0).file() != null);
        capsim.send("open-session 2 LOG extra-log");
        assertTrue(capsim.awaitLine(l -> l.startsWith("ok") || l.startsWith("error"), Duration.ofSeconds(10)).startsWith("ok"));
        page.interact(() -> h.vm.sources().selectTask(t[0], TASK));
        page.interact(() -> h.vm.workflow().openRestore());
        page.click("#restorePreflightButton");
        page.waitUntil("the plan", () -> !page.listItems("#restorePlanList").isEmpty());
        page.waitUntil("Next focused", () -> "restoreNextButton".equals(focusedId(page)));
        page.click("#restoreNextButton");
        page.waitUntil("the confirmation focused", () -> "restoreConfirmCheck".equals(focusedId(page)));
        page.click("#restoreConfirmCheck");
        page.click("#restoreApplyButton");
        page.waitUntil("the outcome", () -> !page.text("#restoreOutcome").isEmpty());
        assertEquals("RESTORED_VERIFIED", page.text("#restoreOutcome"), page.text("#restoreResultText"));
        assertEquals("◂ New restore", page.text("#restoreBackButton"), "applied: no going back to the spent plan");
        page.waitUntil("Close focused", () -> "restoreCloseButton".equals(focusedId(page)));
    }
}
