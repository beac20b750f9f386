package dev.capscope.app.ui.restore;

import dev.capscope.app.ui.diff.DiffSide;
import dev.capscope.app.ui.sources.LiveTarget;
import dev.capscope.app.ui.sources.SnapshotSource;
import dev.capscope.app.ui.task.FxTaskRunner;
import dev.capscope.app.ui.testing.CapscopeHarness;
import dev.capscope.app.ui.testing.CapscopePage;
import dev.capscope.app.ui.testing.SnapshotFiles;
import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.TargetInfo;
import dev.capscope.core.model.ThreadInfo;
import dev.capscope.core.target.CapInfo;
import dev.capscope.core.target.OperationResult;
import dev.capscope.core.target.RestoreLease;
import dev.capscope.core.target.RestoreOperation;
import dev.capscope.core.target.Target;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The checkpoint loop against real capsim processes through the window: take a snapshot, churn
 * (stdin open-session), diff live against the snapshot, restore through the wizard (verified),
 * refused on a read-only target, rolled back on an injected fault, the target killed mid-restore.
 */
@ExtendWith(ApplicationExtension.class)
class CapsimWorkflowTest {
    private static final String TASK = CapsimWindowSession.TASK;
    @TempDir
    Path tmp;
    private CapscopeHarness h;
    private CapsimWindowSession session;

    @Start
    void start(Stage stage) {
        h = new CapscopeHarness(new FxTaskRunner(), SnapshotFiles.REAL);
        h.show(stage);
    }

    @AfterEach
    void close() {
        h.close();
        if (session != null) {
            session.close();
        }
    }

    private CapscopePage attachAndSnapshot(FxRobot robot, boolean allowRestore, String fault) {
        return attachAndSnapshot(robot, allowRestore, fault, t -> t);
    }

    /** Capsim attached with a snapshot taken; each connection the window opens passed through {@code wrap}. */
    private CapscopePage attachAndSnapshot(FxRobot robot, boolean allowRestore, String fault, UnaryOperator<Target> wrap) {
        session = CapsimWindowSession.attachAndSnapshot(h, robot, tmp, allowRestore, fault, wrap);
        return session.page;
    }

    private LiveTarget target() {
        return session.target();
    }

    private SnapshotSource first() {
        return session.first();
    }

    private String command(String line) {
        return session.command(line);
    }

    private CapscopePage openWizard(CapscopePage page) {
        return session.openWizard();
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
        List<String> ran = page.listItems("#restoreProgressLog");
        assertEquals(1, ran.stream().filter("rollback"::equals).count(), ran.toString());
        assertTrue(page.text("#restoreResultText").contains("What to do"), page.text("#restoreResultText"));
    }

    @Test
    void aTargetGoneMidRestoreEndsFailedWithADialogAndTheAppKeepsWorking(FxRobot robot) {
        AtomicInteger applied = new AtomicInteger();
        // capsim dies (SIGKILL) just before the first operation reaches it, as a crashing target would
        CapscopePage page = attachAndSnapshot(robot, true, null, t -> new KillBeforeFirstApply(t, applied));
        command("open-session 2 LOG extra-log");
        openWizard(page);
        assertEquals("FAILED", page.restoreThroughWizard(), page.text("#restoreResultText"));
        assertEquals(1, applied.get(), "exactly one operation was tried");
        assertTrue(!session.capsim.isAlive());
        String result = page.text("#restoreResultText");
        assertTrue(result.contains("stopped answering") && result.contains("Restart the target"), result);
        // one dialog that says what happened and what to do
        page.waitUntil(() -> h.dialogs.errors().stream().anyMatch(e -> e.startsWith("Restore failed")));
        List<String> errors = h.dialogs.errors().stream().filter(e -> e.startsWith("Restore failed")).toList();
        assertEquals(1, errors.size(), errors.toString());
        String dialog = errors.get(0);
        assertTrue(dialog.contains(TASK) && dialog.contains(session.capsim.uri()) && dialog.contains("stopped answering"), dialog);
        assertTrue(dialog.contains("Restart the target") && dialog.contains("Ctrl+R"), dialog);
        // the wizard can be closed; the main window shows the lost target and keeps working
        assertTrue(!page.disabled("#restoreCloseButton"));
        page.waitUntil(() -> target().stateProperty().get() != LiveTarget.State.CONNECTED);
        page.waitUntil(page::errorVisible);
        page.interact(() -> h.vm.openSnapshotFile(SnapshotFiles.sample("log-client.json")));
        page.waitUntil(() -> h.vm.shown() instanceof dev.capscope.app.ui.sources.SourceRef.SnapshotRef);
        page.waitUntil(() -> page.areaTitles().stream().anyMatch(t -> t.startsWith("component area")));
        // back in the wizard, a new restore is refused with the reason until the target is back
        page.click("#restoreBackButton");
        page.waitUntil(() -> page.text("#restoreDisabledReason").contains("not connected"));
        assertTrue(page.disabled("#restorePreflightButton"));
    }

    /** A connection that kills capsim just before its first restore operation is sent. */
    private final class KillBeforeFirstApply implements Target {
        private final Target t;
        private final AtomicInteger applied;

        KillBeforeFirstApply(Target t, AtomicInteger applied) {
            this.t = t;
            this.applied = applied;
        }

        @Override public TargetInfo info() { return t.info(); }
        @Override public long generation(String task) { return t.generation(task); }
        @Override public BitSet validity(String task, int first, int last) { return t.validity(task, first, last); }
        @Override public List<CapInfo> capInfos(String task, int first, int last) { return t.capInfos(task, first, last); }
        @Override public List<ThreadInfo> threads(String task) { return t.threads(task); }
        @Override public List<CapMapEntry> capMap(String task) { return t.capMap(task); }
        @Override public void close() { t.close(); }
        @Override public RestoreLease acquireLease(String task, long generation) { return t.acquireLease(task, generation); }

        @Override
        public OperationResult apply(String task, RestoreOperation operation) {
            if (applied.getAndIncrement() == 0) {
                session.capsim.kill();
            }
            return t.apply(task, operation);
        }
    }
}
