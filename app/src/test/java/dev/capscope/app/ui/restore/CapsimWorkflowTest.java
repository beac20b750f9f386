package dev.capscope.app.ui.restore;

import dev.capscope.app.ui.diff.DiffSide;
import dev.capscope.app.ui.sources.LiveTarget;
import dev.capscope.app.ui.sources.SnapshotSource;
import dev.capscope.app.ui.task.FxTaskRunner;
import dev.capscope.app.ui.testing.CapscopeHarness;
import dev.capscope.app.ui.testing.CapscopePage;
import dev.capscope.app.ui.testing.SnapshotFiles;
import dev.capscope.bridge.BridgeTarget;
import dev.capscope.bridge.CapsimProcess;
import javafx.stage.Stage;
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

/**
 * The checkpoint loop against real capsim processes through the window: take a snapshot, churn
 * (stdin open-session), diff live against the snapshot, restore through the wizard (verified),
 * refused on a read-only target, rolled back on an injected fault.
 */
@ExtendWith(ApplicationExtension.class)
class CapsimWorkflowTest {
    private static final String TASK = "init -> log_client";
    private static final Duration START = Duration.ofSeconds(10);
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
        ((FxTaskRunner) h.runner).close();
        if (capsim != null) capsim.close();
    }

    /** Starts capsim (log-client scenario), attaches, shows the task and takes a snapshot of it. */
    private CapscopePage attachAndSnapshot(FxRobot robot, boolean allowRestore, String fault) {
        CapsimProcess.Options o = CapsimProcess.Options.of(CapsimProcess.findScenario("log-client")).allowRestore(allowRestore);
        capsim = CapsimProcess.start(fault == null ? o : o.injectFault(fault), START);
        String uri = capsim.uri();
        h.targets.put(uri, () -> BridgeTarget.connect(uri, BridgeTarget.DEFAULT_TIMEOUT));
        CapscopePage page = new CapscopePage(robot);
        page.interact(() -> h.vm.attachTo(uri));
        try {
            page.waitUntil(() -> target() != null && target().stateProperty().get() == LiveTarget.State.CONNECTED
                    && !target().tasks().isEmpty());
        } catch (AssertionError e) {
            throw new AssertionError("not attached: " + page.fx(() -> target() == null ? "no target"
                    : target().stateProperty().get() + " " + target().errorProperty().get()) + " " + h.dialogs.errors(), e);
        }
        page.interact(() -> h.vm.sources().selectTask(target(), TASK));
        // the walk of the first task (shown on attach) may still run: walk the chosen task once the target is free
        page.waitUntil(() -> {
            var space = h.vm.tree().spaceProperty().get();
            if (space != null && TASK.equals(space.taskName())) return true;
            if (!target().busy()) h.vm.refresh();
            return false;
        });
        h.dialogs.saveFiles.add(tmp.resolve("first.json"));
        page.interact(() -> h.vm.snapshots().take());
        page.waitUntil(() -> h.vm.sources().snapshots().size() == 1 && h.vm.sources().snapshots().get(0).file() != null);
        return page;
    }

    private LiveTarget target() {
        return h.vm.sources().targets().isEmpty() ? null : h.vm.sources().targets().get(0);
    }

    private SnapshotSource first() {
        return h.vm.sources().snapshots().get(0);
    }

    /** A capsim stdin command; returns its "ok ..." answer. */
    private String command(String line) {
        capsim.send(line);
        String answer = capsim.awaitLine(l -> l.startsWith("ok") || l.startsWith("error"), START);
        assertTrue(answer.startsWith("ok"), line + " -> " + answer);
        return answer;
    }

    private CapscopePage openWizard(CapscopePage page) {
        page.interact(() -> h.vm.sources().selectTask(target(), TASK));
        page.interact(() -> h.vm.workflow().openRestore());
        page.waitUntil(() -> page.fx(() -> h.vm.workflow().wizardProperty().get() != null));
        return page;
    }

    @Test
    void liveDiffAfterChurnShowsTheNewSession(FxRobot robot) {
        CapscopePage page = attachAndSnapshot(robot, false, null);
        int added = Integer.decode(command("open-session 2 LOG extra-log").split(" ")[1]);
        page.interact(() -> h.vm.workflow().openDiff(new DiffSide.OfSnapshot(first()), new DiffSide.OfLive(target(), TASK)));
        page.waitForDiff();
        assertEquals("added", page.diffRowStatus(added));
        assertEquals(1, page.diffCounts().get("cap-map entries").added(), page.diffCounts().toString());
        assertTrue(page.diffSummary().contains("difference"), page.diffSummary());
        assertTrue(h.dialogs.errors().isEmpty(), h.dialogs.errors().toString());
    }

    @Test
    void restoreWithPlanReviewApplyAndVerifiedResult(FxRobot robot) {
        CapscopePage page = attachAndSnapshot(robot, true, null);
        command("open-session 2 LOG extra-log");
        openWizard(page);
        assertEquals("", page.text("#restoreDisabledReason"));
        page.click("#restorePreflightButton");
        page.waitUntil(() -> !page.listItems("#restorePlanList").isEmpty());
        assertTrue(page.listItems("#restorePlanList").get(0).contains("1. ["), page.listItems("#restorePlanList").toString());
        assertTrue(page.text("#restoreVerdict").startsWith("Preflight passed"), page.text("#restoreVerdict"));
        page.click("#restoreNextButton");
        assertTrue(page.disabled("#restoreApplyButton"), "apply needs the explicit confirmation");
        page.click("#restoreConfirmCheck");
        page.click("#restoreApplyButton");
        page.waitUntil(() -> !page.text("#restoreOutcome").isEmpty());
        assertEquals("RESTORED_VERIFIED", page.text("#restoreOutcome"), page.text("#restoreResultText"));
        assertTrue(page.listItems("#restoreProgressLog").stream().anyMatch(l -> l.startsWith("apply [")),
                page.listItems("#restoreProgressLog").toString());
        // the live task equals the snapshot again (identities aside)
        page.interact(() -> h.vm.workflow().openDiff(new DiffSide.OfSnapshot(first()), new DiffSide.OfLive(target(), TASK)));
        page.waitForDiff();
        page.interact(() -> h.vm.workflow().openDiffs().get(0).matchKeyProperty().set(dev.capscope.core.diff.MatchKey.BADGE));
        page.waitUntil(() -> page.diffSummary().startsWith("no differences"));
    }

    @Test
    void restoreOnAReadOnlyTargetIsDisabledWithTheReason(FxRobot robot) {
        CapscopePage page = attachAndSnapshot(robot, false, null);
        openWizard(page);
        String reason = page.text("#restoreDisabledReason");
        assertTrue(reason.contains("read-only") && reason.contains("TARGET_READ_ONLY"), reason);
        assertTrue(page.disabled("#restorePreflightButton"));
    }

    @Test
    void aRestoreWhoseVerificationFailsIsRolledBackAndShownSo(FxRobot robot) {
        CapscopePage page = attachAndSnapshot(robot, true, "restore-drops-last-op");
        command("open-session 2 LOG extra-log");
        openWizard(page);
        String outcome = page.restoreThroughWizard();
        assertEquals("ROLLED_BACK", outcome, page.text("#restoreResultText"));
        assertTrue(page.text("#restoreRollbackText").startsWith("Rollback (VERIFY_FAILED)"), page.text("#restoreRollbackText"));
    }
}
