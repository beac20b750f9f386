package dev.capscope.app.ui.restore;

import dev.capscope.app.ui.sources.LiveTarget;
import dev.capscope.app.ui.sources.SnapshotSource;
import dev.capscope.app.ui.testing.CapscopeHarness;
import dev.capscope.app.ui.testing.CapscopePage;
import dev.capscope.bridge.BridgeTarget;
import dev.capscope.bridge.CapsimProcess;
import dev.capscope.core.target.Target;
import org.testfx.api.FxRobot;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real capsim (log-client scenario) attached in the window with one snapshot of its task taken:
 * the start of every restore workflow test. Owns the capsim process; {@link #close()} ends it (the
 * harness is the test's to close).
 */
final class CapsimWindowSession implements AutoCloseable {
    static final String TASK = "init -> log_client";
    static final Duration START = Duration.ofSeconds(10);

    final CapscopeHarness h;
    final CapsimProcess capsim;
    final CapscopePage page;

    private CapsimWindowSession(CapscopeHarness h, CapsimProcess capsim, CapscopePage page) {
        this.h = h;
        this.capsim = capsim;
        this.page = page;
    }

    /** Starts capsim, attaches, shows the task and saves a snapshot of it to {@code dir/first.json}. */
    static CapsimWindowSession attachAndSnapshot(CapscopeHarness h, FxRobot robot, Path dir, boolean allowRestore,
                                                 String fault, UnaryOperator<Target> wrap) {
        CapsimProcess.Options o = CapsimProcess.Options.of(CapsimProcess.findScenario("log-client")).allowRestore(allowRestore);
        CapsimProcess capsim = CapsimProcess.start(fault == null ? o : o.injectFault(fault), START);
        CapsimWindowSession s = new CapsimWindowSession(h, capsim, new CapscopePage(robot));
        String uri = capsim.uri();
        h.targets.put(uri, () -> wrap.apply(BridgeTarget.connect(uri, BridgeTarget.DEFAULT_TIMEOUT)));
        s.page.interact(() -> h.vm.attachTo(uri));
        try {
            s.page.waitUntil(() -> s.target() != null && s.target().stateProperty().get() == LiveTarget.State.CONNECTED
                    && !s.target().tasks().isEmpty());
        } catch (AssertionError e) {
            throw new AssertionError("not attached: " + s.page.fx(() -> s.target() == null ? "no target"
                    : s.target().stateProperty().get() + " " + s.target().errorProperty().get()) + " " + h.dialogs.errors(), e);
        }
        s.page.interact(() -> h.vm.sources().selectTask(s.target(), TASK));
        // the walk of the first task (shown on attach) may still run: walk the chosen task once the target is free
        s.page.waitUntil(() -> {
            var space = h.vm.tree().spaceProperty().get();
            if (space != null && TASK.equals(space.taskName())) return true;
            if (!s.target().busy()) h.vm.refresh();
            return false;
        });
        h.dialogs.saveFiles.add(dir.resolve("first.json"));
        s.page.interact(() -> h.vm.snapshots().take());
        s.page.waitUntil(() -> h.vm.sources().snapshots().size() == 1 && h.vm.sources().snapshots().get(0).file() != null);
        return s;
    }

    LiveTarget target() {
        return h.vm.sources().targets().isEmpty() ? null : h.vm.sources().targets().get(0);
    }

    SnapshotSource first() {
        return h.vm.sources().snapshots().get(0);
    }

    /** A capsim stdin command; returns its "ok ..." answer. */
    String command(String line) {
        capsim.send(line);
        String answer = capsim.awaitLine(l -> l.startsWith("ok") || l.startsWith("error"), START);
        assertTrue(answer.startsWith("ok"), line + " -> " + answer);
        return answer;
    }

    /** Shows the task again and opens the restore wizard on the snapshot. */
    CapscopePage openWizard() {
        page.interact(() -> h.vm.sources().selectTask(target(), TASK));
        page.interact(() -> h.vm.workflow().openRestore());
        page.waitUntil(() -> page.fx(() -> h.vm.workflow().wizardProperty().get() != null));
        return page;
    }

    @Override
    public void close() {
        capsim.close();
    }
}
