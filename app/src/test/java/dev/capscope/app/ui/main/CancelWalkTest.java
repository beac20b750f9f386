package dev.capscope.app.ui.main;

import dev.capscope.app.ui.sources.LiveTarget;
import dev.capscope.app.ui.testing.CapscopeHarness;
import dev.capscope.app.ui.testing.CapscopePage;
import dev.capscope.app.ui.testing.GatedTarget;
import dev.capscope.bridge.BridgeTarget;
import dev.capscope.bridge.CapsimProcess;
import dev.capscope.core.model.TaskInfo;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cancelling a walk in the window: a real capsim (default scenario, several tasks) behind a gate
 * that holds the walk between its calls, so the test cancels it while it runs and then lets it go.
 */
@ExtendWith(ApplicationExtension.class)
class CancelWalkTest {
    private CapscopeHarness h;
    private CapsimProcess capsim;
    private final AtomicReference<GatedTarget> gated = new AtomicReference<>();

    @Start
    void start(Stage stage) {
        capsim = CapsimProcess.start(CapsimProcess.Options.of(CapsimProcess.findScenario("default")),
                Duration.ofSeconds(20));
        h = CapscopeHarness.withWorker();
        String uri = capsim.uri();
        h.targets.put(uri, () -> {
            GatedTarget t = new GatedTarget(BridgeTarget.connect(uri, BridgeTarget.DEFAULT_TIMEOUT));
            gated.set(t);
            return t;
        });
        h.show(stage);
        h.vm.attachTo(uri);
    }

    @AfterEach
    void close() {
        GatedTarget g = gated.get();
        if (g != null) g.open();
        h.close();
        capsim.close();
    }

    private boolean cancelShown(CapscopePage page) {
        return page.fx(() -> page.control("statusCancel").isVisible());
    }

    /** Picks a task not walked yet and holds its walk at the gate; returns the task's name. */
    private String holdTheWalkOfAnotherTask(CapscopePage page) {
        page.waitForTree();
        LiveTarget t = page.fx(() -> h.vm.sources().targets().get(0));
        String shown = page.fx(() -> h.vm.tree().spaceProperty().get().taskName());
        String other = page.fx(() -> t.tasks().stream().map(TaskInfo::name).filter(n -> !n.equals(shown) && n.contains(" -> "))
                .findFirst().orElseThrow());
        assertFalse(cancelShown(page), "nothing cancellable runs: no Cancel button");
        gated.get().closeGate();
        page.interact(() -> h.vm.sources().selectTask(t, other));
        page.waitUntil("the walk of " + other + " at the gate", () -> gated.get().waiting());
        assertTrue(cancelShown(page), "a walk runs: the Cancel button shows");
        return other;
    }

    @Test
    void cancellingTheWalkOfANewTaskShowsNothingOfIt(FxRobot robot) {
        CapscopePage page = new CapscopePage(robot);
        String other = holdTheWalkOfAnotherTask(page);
        page.click("#statusCancel");
        gated.get().open();
        page.waitUntil("the status after cancelling", () -> !h.vm.status().work().runningProperty().get()
                && h.vm.status().messageProperty().get().startsWith("Walk of " + other + " cancelled"));
        assertFalse(cancelShown(page), "idle again: the Cancel button is gone");
        assertNull(page.fx(() -> h.vm.tree().spaceProperty().get()),
                "the previous task is not shown under the new task's name, nor a partial walk");
        assertTrue(page.fx(() -> page.tree().getRoot().getChildren().isEmpty()));
        LiveTarget t = page.fx(() -> h.vm.sources().targets().get(0));
        assertEquals(LiveTarget.State.CONNECTED, page.fx(() -> t.stateProperty().get()),
                "a cancelled walk is no target failure");
        assertEquals("", page.fx(() -> h.vm.errorProperty().get()));
        assertEquals(0.0, page.fx(() -> h.vm.status().progressProperty().get()));

        // the target is idle and usable: Refresh walks the task to the end
        page.interact(() -> h.vm.refresh());
        page.waitForTree();
        assertEquals(other, page.fx(() -> h.vm.tree().spaceProperty().get().taskName()));
    }

    @Test
    void escCancelsARefreshAndTheLastCompleteWalkStays(FxRobot robot) {
        CapscopePage page = new CapscopePage(robot);
        String other = holdTheWalkOfAnotherTask(page);
        gated.get().open();
        page.waitUntil(() -> h.vm.tree().spaceProperty().get() != null
                && other.equals(h.vm.tree().spaceProperty().get().taskName()) && !h.vm.status().work().runningProperty().get());
        var walked = page.fx(() -> h.vm.tree().spaceProperty().get());
        // the task moves, so the refresh really walks it (an unchanged one costs one GENERATION)
        capsim.send("alloc-dataspace " + other.substring(other.lastIndexOf("-> ") + 3) + " 4K");
        String answer = capsim.awaitLine(l -> l.startsWith("ok") || l.startsWith("error"), Duration.ofSeconds(10));
        assertTrue(answer.startsWith("ok"), answer);
        gated.get().closeGate();
        page.interact(() -> h.vm.refresh());
        page.waitUntil("the refresh at the gate", () -> gated.get().waiting());
        page.press(KeyCode.ESCAPE);
        gated.get().open();
        page.waitUntil("the status after cancelling", () -> !h.vm.status().work().runningProperty().get()
                && h.vm.status().messageProperty().get().startsWith("Walk of " + other + " cancelled; the tree still shows"));
        assertTrue(page.fx(() -> h.vm.tree().spaceProperty().get()) == walked, "the last complete walk stays on screen");
        assertFalse(cancelShown(page));
    }
}
