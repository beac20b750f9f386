package dev.capscope.core.restore;

import dev.capscope.core.diff.DiffEngine;
import dev.capscope.core.diff.MatchKey;
import dev.capscope.core.diff.SpaceBuilder;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.ObjectKind;
import dev.capscope.core.model.Rights;
import dev.capscope.core.model.Snapshot;
import dev.capscope.core.target.RestoreOperation;
import dev.capscope.core.target.Target;
import dev.capscope.core.target.TargetException;
import dev.capscope.core.testing.InMemoryTarget;
import dev.capscope.core.testing.InMemoryTarget.Call;
import dev.capscope.core.testing.SampleSnapshots;
import dev.capscope.core.walk.Walker;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.capscope.core.restore.RestoreFixtures.KERNEL;
import static dev.capscope.core.restore.RestoreFixtures.TASK;
import static dev.capscope.core.restore.RestoreFixtures.component;
import static dev.capscope.core.restore.RestoreFixtures.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RestoreRunnerTest {
    private static final DiffEngine DIFF = DiffEngine.forProfile(SpaceBuilder.FOC19);

    /** The wanted state. */
    private static final Snapshot WANTED = snapshot(component().session(0x303, 64, "RM", "", "core").build());

    /** The live state: a session closed, one extra, one moved, one ref count changed. */
    private static CapSpace drifted() {
        SpaceBuilder live = component().session(0x310, 100, "Report", "state", "report_rom");
        long timerGate = live.slotAt(0x302).objectId();
        live.close(0x302).slot(0x320, ObjectKind.IPC_GATE, timerGate, Rights.RWS, 12L)
                .entry(0x320, 12, 1, component().entryAt(0x302).semantics());
        live.entry(0x301, 8, 3, component().entryAt(0x301).semantics());
        return live.build();
    }

    private static InMemoryTarget memory(CapSpace live) {
        return new InMemoryTarget("memory:test", KERNEL, "genode-foc-19").addTask(live);
    }

    private static CapSpace walk(Target t) {
        return new Walker(t).walk(TASK, SpaceBuilder.FOC19);
    }

    private static boolean sameIgnoringIdentity(CapSpace a, CapSpace b) {
        return DIFF.compare(a, b, MatchKey.BADGE).isEmpty();
    }

    @Test
    void restoreIsAppliedAndVerifiedWithTranslatedBadges() {
        InMemoryTarget target = memory(drifted());
        RestoreRunner runner = new RestoreRunner(target, SpaceBuilder.FOC19);
        PreparedRestore dry = runner.prepare(WANTED, TASK);
        assertFalse(dry.plan().isRefused(), dry.plan()::render);
        assertEquals(0, target.calls(Call.APPLY), "a dry run changes nothing");

        RestoreResult r = runner.apply(dry, RestoreListener.NONE);
        assertEquals(RestoreOutcome.RESTORED_VERIFIED, r.outcome(), r::summary);
        assertEquals("OK", r.code());
        assertEquals(0, r.outcome().exitCode());
        assertEquals(dry.plan().steps().size(), r.appliedSteps());
        assertTrue(r.verification().isEmpty());
        assertEquals(1, r.badgeTranslations().size(), "the RM session got a fresh badge");
        assertTrue(sameIgnoringIdentity(WANTED.space(), walk(target)));
        assertFalse(DIFF.compare(WANTED.space(), walk(target), MatchKey.SELECTOR).isEmpty(),
                "identities did change: the check above must be identity-insensitive");
    }

    @Test
    void recreatedSessionWithRefCountIsWrittenWithTheNewBadge() {
        Snapshot wanted = snapshot(component().entry(0x301, 8, 2, component().entryAt(0x301).semantics()).build());
        InMemoryTarget target = memory(component().close(0x301).build());
        RestoreRunner runner = new RestoreRunner(target, SpaceBuilder.FOC19);
        RestoreResult r = runner.apply(runner.prepare(wanted, TASK), RestoreListener.NONE);
        assertEquals(RestoreOutcome.RESTORED_VERIFIED, r.outcome(), r::summary);
        long newBadge = r.badgeTranslations().get(8L);
        assertEquals(newBadge, walk(target).capMapEntry(0x301).rawId());
        assertEquals(2, walk(target).capMapEntry(0x301).refCount());
    }

    @Test
    void swappedCapsAreRestored() {
        SpaceBuilder live = component();
        long logGate = live.slotAt(0x300).objectId();
        long romGate = live.slotAt(0x301).objectId();
        live.slot(0x300, ObjectKind.IPC_GATE, romGate, Rights.RWS, 8L).entry(0x300, 8, 1, component().entryAt(0x301).semantics())
                .slot(0x301, ObjectKind.IPC_GATE, logGate, Rights.RWS, 4L).entry(0x301, 4, 1, component().entryAt(0x300).semantics());
        InMemoryTarget target = memory(live.build());
        RestoreRunner runner = new RestoreRunner(target, SpaceBuilder.FOC19);
        Snapshot wanted = snapshot(component().build());
        RestoreResult r = runner.apply(runner.prepare(wanted, TASK), RestoreListener.NONE);
        assertEquals(RestoreOutcome.RESTORED_VERIFIED, r.outcome(), r::summary);
        assertTrue(DIFF.compare(wanted.space(), walk(target), MatchKey.SELECTOR).isEmpty(), "the very same gates are back");
    }

    @Test
    void sampleLogClientIsRestoredOverItsLaterState() {
        Snapshot wanted = SampleSnapshots.logClient();
        InMemoryTarget target = new InMemoryTarget("memory:test", SampleSnapshots.KERNEL, "genode-foc-19")
                .addTask(SampleSnapshots.logClientAfter().space());
        RestoreRunner runner = new RestoreRunner(target, SpaceBuilder.FOC19);
        PreparedRestore dry = runner.prepare(wanted, "log_client");
        assertFalse(dry.plan().isRefused(), dry.plan()::render);
        RestoreResult r = runner.apply(dry, RestoreListener.NONE);
        assertEquals(RestoreOutcome.RESTORED_VERIFIED, r.outcome(), r::summary);
        assertTrue(sameIgnoringIdentity(wanted.space(), new Walker(target).walk("log_client", SpaceBuilder.FOC19)));
    }

    @Test
    void readOnlyTargetIsRefusedAndNothingChanges() {
        InMemoryTarget target = memory(drifted()).restoreAllowed(false);
        CapSpace before = walk(target);
        RestoreRunner runner = new RestoreRunner(target, SpaceBuilder.FOC19);
        PreparedRestore dry = runner.prepare(WANTED, TASK);
        RestoreResult r = runner.apply(dry, RestoreListener.NONE);
        assertEquals(RestoreOutcome.REFUSED, r.outcome());
        assertEquals("TARGET_READ_ONLY", r.code());
        assertEquals(1, r.outcome().exitCode());
        assertEquals(0, target.calls(Call.APPLY));
        assertEquals(before, walk(target));
    }

    @Test
    void targetChangedAfterPlanningIsRefused() {
        InMemoryTarget target = memory(drifted());
        RestoreRunner runner = new RestoreRunner(target, SpaceBuilder.FOC19);
        PreparedRestore dry = runner.prepare(WANTED, TASK);
        target.unmap(TASK, 0x310);
        RestoreResult r = runner.apply(dry, RestoreListener.NONE);
        assertEquals(RestoreOutcome.REFUSED, r.outcome());
        assertEquals(RefusalReason.TARGET_CHANGED.name(), r.code());
        assertEquals(0, target.calls(Call.APPLY));
    }

    @Test
    void failedOperationIsRolledBack() {
        InMemoryTarget target = memory(drifted())
                .failOn(Call.APPLY, 4, new TargetException(TargetException.Code.REJECTED, "L4_ERROR: -EINVAL"));
        CapSpace before = walk(target);
        RestoreRunner runner = new RestoreRunner(target, SpaceBuilder.FOC19);
        RestoreResult r = runner.apply(runner.prepare(WANTED, TASK), RestoreListener.NONE);
        assertEquals(RestoreOutcome.ROLLED_BACK, r.outcome(), r::summary);
        assertEquals(RollbackReason.OPERATION_FAILED.name(), r.code());
        assertEquals(4, r.appliedSteps());
        assertTrue(r.message().contains("operation 5 of") && r.message().contains("-EINVAL"), r.message());
        assertNotNull(r.rollbackPlan());
        assertFalse(r.rollbackPlan().steps().isEmpty());
        assertTrue(sameIgnoringIdentity(before, walk(target)), "the target ends as it was before the restore");
    }

    @Test
    void droppedOperationFailsVerificationAndIsRolledBack() {
        InMemoryTarget memory = memory(drifted());
        CapSpace before = walk(memory);
        DroppingTarget target = new DroppingTarget(memory, 3);
        RestoreRunner runner = new RestoreRunner(target, SpaceBuilder.FOC19);
        List<RestoreStage> stages = new ArrayList<>();
        RestoreResult r = runner.apply(runner.prepare(WANTED, TASK), new RestoreListener() {
            @Override
            public void stage(RestoreStage stage) {
                stages.add(stage);
            }
        });
        assertEquals(RestoreOutcome.ROLLED_BACK, r.outcome(), r::summary);
        assertEquals(RollbackReason.VERIFY_FAILED.name(), r.code());
        assertTrue(r.verification().hasChanges());
        assertEquals(List.of(RestoreStage.APPLY, RestoreStage.VERIFY, RestoreStage.ROLLBACK, RestoreStage.ROLLBACK,
                RestoreStage.ROLLBACK_VERIFY), stages);
        assertTrue(sameIgnoringIdentity(before, walk(memory)), "the target ends as it was before the restore");
    }

    @Test
    void failingRollbackEndsFailed() {
        TargetException down = new TargetException(TargetException.Code.UNREACHABLE, "connection reset");
        InMemoryTarget target = memory(drifted()).failOn(Call.APPLY, 1, down).failOn(Call.APPLY, 0, down);
        RestoreRunner runner = new RestoreRunner(target, SpaceBuilder.FOC19);
        RestoreResult r = runner.apply(runner.prepare(WANTED, TASK), RestoreListener.NONE);
        assertEquals(RestoreOutcome.FAILED, r.outcome(), r::summary);
        assertEquals(FailureReason.ROLLBACK_FAILED.name(), r.code());
        assertEquals(2, r.outcome().exitCode());
    }

    @Test
    void progressReportsEveryOperationInOrder() {
        InMemoryTarget target = memory(drifted());
        RestoreRunner runner = new RestoreRunner(target, SpaceBuilder.FOC19);
        PreparedRestore dry = runner.prepare(WANTED, TASK);
        List<String> seen = new ArrayList<>();
        runner.apply(dry, new RestoreListener() {
            @Override
            public void step(RestoreStage stage, int index, int total, RestoreOperation op) {
                seen.add(stage + " " + index + "/" + total);
            }
        });
        int n = dry.plan().steps().size();
        assertEquals(n, seen.size());
        assertEquals("APPLY 1/" + n, seen.get(0));
        assertEquals("APPLY " + n + "/" + n, seen.get(n - 1));
    }
}
