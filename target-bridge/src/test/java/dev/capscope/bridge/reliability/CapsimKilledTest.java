package dev.capscope.bridge.reliability;

import dev.capscope.bridge.BridgeTarget;
import dev.capscope.bridge.CapsimProcess;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.Snapshot;
import dev.capscope.core.model.SnapshotMeta;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.restore.PreparedRestore;
import dev.capscope.core.restore.RestoreListener;
import dev.capscope.core.restore.RestoreOutcome;
import dev.capscope.core.restore.RestoreResult;
import dev.capscope.core.restore.RestoreRunner;
import dev.capscope.core.restore.RestoreStage;
import dev.capscope.core.target.RestoreOperation;
import dev.capscope.core.target.TargetException;
import dev.capscope.core.target.TargetException.Code;
import dev.capscope.core.walk.CancellationToken;
import dev.capscope.core.walk.Walker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * capsim dies (SIGKILL) in the middle of a walk and in the middle of a restore: the walk fails
 * with a TargetException naming the cause within 5 s, the restore's result says honestly that
 * the target could not be put back (FAILED / ROLLBACK_FAILED, never "rolled back"), and the JVM
 * goes on.
 */
class CapsimKilledTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final String TASK = "init -> launcher";

    @Test
    void killedMidWalkFailsWithinFiveSecondsAndSaysWhy() throws Exception {
        try (CapsimProcess capsim = CapsimProcess.start(Scenarios.options("init"), TIMEOUT);
             BridgeTarget target = BridgeTarget.connect(capsim.uri(), TIMEOUT)) {
            LayoutProfile profile = Scenarios.profile(target);
            new Walker(target).walk(TASK, profile); // the walk works before the kill
            AtomicLong killedAt = new AtomicLong();
            // Killed right after the walk's first answer, so the next request meets a dead target. A walk
            // in chunks is not pipelined: a pipelined one may have all its answers in before the kill.
            TargetException e = assertThrows(TargetException.class, () -> new Walker(target, 1100, 3).walk(TASK, profile,
                    (phase, fraction) -> {
                        if (killedAt.get() == 0) {
                            capsim.kill();
                            killedAt.set(System.nanoTime());
                        }
                    }, CancellationToken.none()));
            long ms = (System.nanoTime() - killedAt.get()) / 1_000_000;
            assertTrue(killedAt.get() != 0, "the listener never ran");
            assertFalse(capsim.isAlive());
            assertEquals(Code.UNREACHABLE, e.code(), e.getMessage());
            assertTrue(ms < 5000, "failed " + ms + " ms after the kill");
            assertTrue(e.getMessage().contains(capsim.uri()), "names the target: " + e.getMessage());
            // Attaching again fails the same way, quickly.
            TargetException again = assertThrows(TargetException.class,
                    () -> BridgeTarget.connect(capsim.uri(), TIMEOUT).close());
            assertEquals(Code.UNREACHABLE, again.code(), again.getMessage());
        }
    }

    @Test
    void killedMidRestoreSaysTheTargetWasNotPutBack() throws Exception {
        try (CapsimProcess capsim = CapsimProcess.start(Scenarios.options("init").allowRestore(true), TIMEOUT);
             BridgeTarget target = BridgeTarget.connect(capsim.uri(), TIMEOUT)) {
            LayoutProfile profile = Scenarios.profile(target);
            CapSpace before = new Walker(target).walk(TASK, profile);
            Snapshot wanted = new Snapshot(new SnapshotMeta(SnapshotMeta.CURRENT_SCHEMA, "before", Instant.now(),
                    capsim.uri(), TASK, target.hello().kernel(), profile.name(), "test"), before);
            // Changes a restore has to undo with several operations.
            for (String cmd : new String[] {"open-session launcher LOG extra-1", "open-session launcher LOG extra-2",
                                            "alloc-dataspace launcher 8K extra-ds", "open-session launcher ROM extra-rom"}) {
                capsim.send(cmd);
                String answer = capsim.awaitLine(l -> l.startsWith("ok") || l.startsWith("error"), TIMEOUT);
                assertTrue(answer.startsWith("ok"), cmd + ": " + answer);
            }
            RestoreRunner runner = new RestoreRunner(target, profile);
            PreparedRestore prepared = runner.prepare(wanted, TASK);
            int steps = prepared.plan().operations().size();
            assertTrue(steps >= 3, "plan of " + steps + " steps: " + prepared.plan().render());

            long t0 = System.nanoTime();
            RestoreResult result = runner.apply(prepared, new RestoreListener() {
                @Override
                public void stage(RestoreStage stage) {
                }

                @Override
                public void step(RestoreStage stage, int index, int total, RestoreOperation op) {
                    if (stage == RestoreStage.APPLY && index == 2) {
                        capsim.kill(); // after the first operation was applied
                    }
                }
            });
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertFalse(capsim.isAlive());
            assertEquals(RestoreOutcome.FAILED, result.outcome(), result.summary());
            assertEquals("ROLLBACK_FAILED", result.code(), result.summary());
            assertEquals(1, result.appliedSteps(), result.summary());
            assertTrue(result.message().contains("operation 2 of " + steps), result.message());
            assertTrue(result.message().contains("the rollback failed: it could not run"), result.message());
            assertEquals(2, result.outcome().exitCode());
            assertTrue(ms < 5000, "took " + ms + " ms");
        }
    }
}
