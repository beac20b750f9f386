package dev.capscope.bridge;

import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.profile.ProfileRegistry;
import dev.capscope.core.target.RestoreLease;
import dev.capscope.core.target.RestoreOperation;
import dev.capscope.core.target.TargetException;
import dev.capscope.core.target.TargetException.Code;
import dev.capscope.core.walk.CancellationToken;
import dev.capscope.core.walk.WalkPhase;
import dev.capscope.core.walk.Walker;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** BridgeTarget against a real capsim: refusals, mutations, a target killed mid-walk, churn seen live. */
class CapsimLiveTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final LayoutProfile PROFILE = ProfileRegistry.builtin().get("genode-foc-19");
    private static final String TASK = "init -> log_client";

    private static Path scenario(String name) {
        return CapsimProcess.findScenario(name);
    }

    /** A badge-carrying cap-map entry in the component area whose selector is valid. */
    private static CapMapEntry someSession(CapSpace space) {
        return space.capMap().stream()
                .filter(e -> e.hasBadge() && e.index() >= PROFILE.userBaseCap() && space.isValid(e.index()))
                .findFirst().orElseThrow();
    }

    @Test
    void readOnlyTargetRefusesMutationsAndStaysAsItWas() {
        try (CapsimProcess capsim = CapsimProcess.start(CapsimProcess.Options.of(scenario("log-client")), TIMEOUT);
             BridgeTarget target = BridgeTarget.connect(capsim.uri(), TIMEOUT)) {
            assertFalse(target.info().restoreAllowed());
            CapSpace before = new Walker(target).walk(TASK, PROFILE);
            int sel = someSession(before).index();
            TargetException e = assertThrows(TargetException.class,
                    () -> target.apply(TASK, new RestoreOperation.Unmap(sel)));
            assertEquals(Code.REFUSED, e.code());
            assertTrue(e.getMessage().contains("refused: read-only target"), e.getMessage());
            assertEquals(before, new Walker(target).walk(TASK, PROFILE));
        }
    }

    @Test
    void mutationsChangeTheSpaceWhenRestoreIsAllowed() {
        try (CapsimProcess capsim = CapsimProcess.start(
                CapsimProcess.Options.of(scenario("log-client")).allowRestore(true), TIMEOUT);
             BridgeTarget target = BridgeTarget.connect(capsim.uri(), TIMEOUT)) {
            assertTrue(target.info().restoreAllowed());
            CapSpace before = new Walker(target).walk(TASK, PROFILE);
            CapMapEntry victim = someSession(before);
            RestoreLease lease = target.acquireLease(TASK, before.generation());
            target.apply(TASK, new RestoreOperation.Unmap(victim.index()));
            target.apply(TASK, new RestoreOperation.ClearCapMapEntry(victim.index()));
            CapSpace after = new Walker(target).walk(TASK, PROFILE);
            assertFalse(after.isValid(victim.index()));
            assertEquals(null, after.capMapEntry(victim.index()));
            assertTrue(after.generation() > before.generation());

            var created = target.apply(TASK, new RestoreOperation.CreateSession(victim.index(), victim.semantics(),
                    victim.badge()));
            CapSpace again = new Walker(target).walk(TASK, PROFILE);
            assertTrue(again.isValid(victim.index()));
            assertEquals(created.newBadge(), again.capMapEntry(victim.index()).badge());
            assertEquals(victim.semantics().rpcInterface(), again.capMapEntry(victim.index()).semantics().rpcInterface());
            assertEquals(again.generation(), lease.generation()); // the lease followed every mutation
            lease.close();
        }
    }

    @Test
    void targetKilledMidWalkFailsFastAndTheJvmCarriesOn() {
        try (CapsimProcess capsim = CapsimProcess.start(CapsimProcess.Options.of(scenario("gui-stack")), TIMEOUT);
             BridgeTarget target = BridgeTarget.connect(capsim.uri(), TIMEOUT)) {
            String task = target.taskRecords().get(target.taskRecords().size() - 1).name();
            AtomicBoolean killed = new AtomicBoolean();
            long t0 = System.nanoTime();
            // In chunks, not pipelined: a pipelined walk may have all its answers in before the kill.
            TargetException e = assertThrows(TargetException.class, () -> new Walker(target, 1100, 3).walk(task, PROFILE,
                    (phase, fraction) -> {
                        if (phase == WalkPhase.VALIDITY && fraction > 0 && killed.compareAndSet(false, true)) {
                            capsim.kill();
                        }
                    }, CancellationToken.none()));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(killed.get());
            assertEquals(Code.UNREACHABLE, e.code(), e.getMessage());
            assertTrue(ms < 5000, "took " + ms + " ms");
        }
    }

    @Test
    void serialLineOverAPtyWalksTheSameSpaceAsTheUnixSocket(@org.junit.jupiter.api.io.TempDir Path tmp) {
        CapsimProcess.Options viaPty = CapsimProcess.Options.of(scenario("log-client"))
                .listen("pty:" + tmp.resolve("capsim.pty"));
        try (CapsimProcess capsim = CapsimProcess.start(viaPty, TIMEOUT)) {
            assertTrue(capsim.uri().startsWith("serial:"), capsim.uri());
            CapSpace overPty;
            try (BridgeTarget target = BridgeTarget.connect(capsim.uri(), TIMEOUT)) {
                overPty = new Walker(target).walk(TASK, PROFILE);
            }
            try (CapsimProcess again = CapsimProcess.start(CapsimProcess.Options.of(scenario("log-client")), TIMEOUT);
                 BridgeTarget target = BridgeTarget.connect(again.uri(), TIMEOUT)) {
                assertEquals(new Walker(target).walk(TASK, PROFILE), overPty);
            }
        }
    }

    @Test
    void churnShowsUpAsANewGeneration() {
        try (CapsimProcess capsim = CapsimProcess.start(CapsimProcess.Options.of(scenario("init")), TIMEOUT);
             BridgeTarget target = BridgeTarget.connect(capsim.uri(), TIMEOUT)) {
            var before = target.info().tasks();
            long total = before.stream().mapToLong(t -> t.generation()).sum();
            capsim.send("churn-step 5");
            String answer = capsim.awaitLine(l -> l.startsWith("ok") || l.startsWith("error"), TIMEOUT);
            assertTrue(answer.startsWith("ok"), answer);
            long after = target.info().tasks().stream().mapToLong(t -> t.generation()).sum();
            assertNotEquals(total, after);
        }
    }
}
