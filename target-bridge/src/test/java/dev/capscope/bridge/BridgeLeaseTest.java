package dev.capscope.bridge;

import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.Rights;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.profile.ProfileRegistry;
import dev.capscope.core.target.RestoreLease;
import dev.capscope.core.target.RestoreOperation;
import dev.capscope.core.target.TargetException;
import dev.capscope.core.target.TargetException.Code;
import dev.capscope.core.walk.Walker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The restore lease through BridgeTarget, libcapbridge and a real capsim (docs/protocol.md 0x16-0x18). */
class BridgeLeaseTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String TASK = "init -> log_client";
    private static final LayoutProfile PROFILE = ProfileRegistry.builtin().get("genode-foc-19");
    private static final int ROUNDS = 50;

    private static CapsimProcess capsim(String scenario, CapsimProcess.Options extra) {
        return CapsimProcess.start(extra == null
                ? CapsimProcess.Options.of(CapsimProcess.findScenario(scenario)).allowRestore(true) : extra, TIMEOUT);
    }

    /** What one client's attempt in a round came to: null = it won (and mutated), else the refusal. */
    private static Code attempt(BridgeTarget t, long planned, int round, CyclicBarrier barrier) throws Exception {
        barrier.await(10, TimeUnit.SECONDS);
        RestoreLease lease;
        try {
            lease = t.acquireLease(TASK, planned);
        } catch (TargetException e) {
            return e.code();
        }
        try (lease) {
            t.apply(TASK, new RestoreOperation.MapCopy(1, 0x600 + round % 32, new Rights(Rights.R)));
            assertEquals(t.generation(TASK), lease.generation(), "the lease follows the mutation's generation");
        }
        return null;
    }

    @Test
    void twoClientsRacingForTheLeaseExactlyOneWinsEachRound() throws Exception {
        try (CapsimProcess sim = capsim("log-client", null);
             BridgeTarget a = BridgeTarget.connect(sim.uri(), TIMEOUT);
             BridgeTarget b = BridgeTarget.connect(sim.uri(), TIMEOUT)) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            CyclicBarrier barrier = new CyclicBarrier(2);
            List<Code> refusals = new ArrayList<>();
            int winsA = 0;
            try {
                for (int round = 0; round < ROUNDS; round++) {
                    long planned = a.generation(TASK); // both plan at the same generation
                    assertEquals(planned, b.generation(TASK));
                    int r = round;
                    Future<Code> fa = pool.submit(() -> attempt(a, planned, r, barrier));
                    Future<Code> fb = pool.submit(() -> attempt(b, planned, r, barrier));
                    Code ca = fa.get(20, TimeUnit.SECONDS);
                    Code cb = fb.get(20, TimeUnit.SECONDS);
                    assertTrue((ca == null) != (cb == null), "round " + round + ": exactly one wins, got " + ca + " / " + cb);
                    Code lost = ca == null ? cb : ca;
                    assertTrue(Set.of(Code.LEASE_HELD, Code.GENERATION_MOVED).contains(lost), "round " + round + ": " + lost);
                    refusals.add(lost);
                    winsA += ca == null ? 1 : 0;
                    assertTrue(a.generation(TASK) > planned, "round " + round + ": the winner's mutation happened");
                }
            } finally {
                pool.shutdownNow();
            }
            System.out.printf("lease race: %d rounds, a won %d, b won %d; refusals LEASE_HELD %d, GENERATION_MOVED %d%n",
                    ROUNDS, winsA, ROUNDS - winsA, refusals.stream().filter(c -> c == Code.LEASE_HELD).count(),
                    refusals.stream().filter(c -> c == Code.GENERATION_MOVED).count());
        }
    }

    @Test
    void mutationWithoutTheLeaseIsRefusedSayingWhatToDo() {
        try (CapsimProcess sim = capsim("log-client", null);
             BridgeTarget t = BridgeTarget.connect(sim.uri(), TIMEOUT)) {
            long g = t.generation(TASK);
            TargetException e = assertThrows(TargetException.class,
                    () -> t.apply(TASK, new RestoreOperation.Unmap(0x400)));
            assertEquals(Code.REFUSED, e.code());
            assertTrue(e.getMessage().contains("acquire the restore lease"), e.getMessage());
            assertFalse(e.getMessage().contains("--allow-restore"), e.getMessage());
            assertEquals(g, t.generation(TASK));
        }
    }

    @Test
    void leaseAtAnOldGenerationIsRefusedAndReadOnlyTargetsRefuseIt() {
        try (CapsimProcess sim = capsim("log-client", null);
             BridgeTarget t = BridgeTarget.connect(sim.uri(), TIMEOUT)) {
            long planned = t.generation(TASK);
            sim.send("open-session log_client LOG moved");
            assertTrue(sim.awaitLine(l -> l.startsWith("ok") || l.startsWith("error"), TIMEOUT).startsWith("ok"));
            TargetException e = assertThrows(TargetException.class, () -> t.acquireLease(TASK, planned));
            assertEquals(Code.GENERATION_MOVED, e.code());
            assertTrue(e.getMessage().contains("plan again"), e.getMessage());
        }
        try (CapsimProcess sim = capsim("log-client",
                CapsimProcess.Options.of(CapsimProcess.findScenario("log-client")));
             BridgeTarget t = BridgeTarget.connect(sim.uri(), TIMEOUT)) {
            TargetException e = assertThrows(TargetException.class, () -> t.acquireLease(TASK, t.generation(TASK)));
            assertEquals(Code.REFUSED, e.code());
        }
    }

    @Test
    void closeReleasesAndIsHarmlessTwice() {
        try (CapsimProcess sim = capsim("log-client", null);
             BridgeTarget a = BridgeTarget.connect(sim.uri(), TIMEOUT);
             BridgeTarget b = BridgeTarget.connect(sim.uri(), TIMEOUT)) {
            RestoreLease lease = a.acquireLease(TASK, a.generation(TASK));
            assertEquals(Code.LEASE_HELD, assertThrows(TargetException.class,
                    () -> b.acquireLease(TASK, b.generation(TASK))).code());
            lease.close();
            lease.close();
            b.acquireLease(TASK, b.generation(TASK)).close();
        }
    }

    /**
     * The agent drops A's idle connection (and with it A's lease); A's next read reconnects, and
     * a mutation afterwards is refused, saying so, instead of running on a connection without it.
     */
    @Test
    void reconnectLosesTheLeaseAndMutationsSaySo() {
        CapsimProcess.Options opts = CapsimProcess.Options.of(CapsimProcess.findScenario("log-client"))
                .allowRestore(true).idleTimeout(0.3);
        try (CapsimProcess sim = capsim("log-client", opts);
             BridgeTarget a = BridgeTarget.connect(sim.uri(), TIMEOUT);
             BridgeTarget b = BridgeTarget.connect(sim.uri(), TIMEOUT)) {
            RestoreLease lease = a.acquireLease(TASK, a.generation(TASK));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            RestoreLease taken = null;
            while (taken == null && System.nanoTime() < deadline) { // b asks until a's connection is gone
                try {
                    taken = b.acquireLease(TASK, b.generation(TASK));
                } catch (TargetException e) {
                    assertEquals(Code.LEASE_HELD, e.code(), e.getMessage());
                }
            }
            assertTrue(taken != null, "a's lease ended with its connection");
            taken.close();
            Object before = a.session();
            long g = a.generation(TASK); // reconnects
            assertFalse(before == a.session(), "a reconnected");
            TargetException e = assertThrows(TargetException.class,
                    () -> a.apply(TASK, new RestoreOperation.Unmap(0x400)));
            assertEquals(Code.REFUSED, e.code());
            assertTrue(e.getMessage().contains("re-established"), e.getMessage());
            assertEquals(g, a.generation(TASK), "nothing was changed");
            lease.close(); // harmless after the disconnect
        }
    }

    @Test
    void grantMovesTheMappingUnderTheLease() {
        try (CapsimProcess sim = capsim("log-client", null);
             BridgeTarget t = BridgeTarget.connect(sim.uri(), TIMEOUT)) {
            CapSpace before = new Walker(t).walk(TASK, PROFILE);
            int from = before.capMap().stream()
                    .filter(e -> e.hasBadge() && e.index() >= PROFILE.userBaseCap() && before.isValid(e.index()))
                    .findFirst().orElseThrow().index();
            int to = 0x700;
            assertFalse(before.isValid(to));
            try (RestoreLease lease = t.acquireLease(TASK, before.generation())) {
                t.apply(TASK, new RestoreOperation.Grant(from, to, Rights.RWS));
                CapSpace after = new Walker(t).walk(TASK, PROFILE);
                assertFalse(after.isValid(from), "a grant moves the mapping");
                assertEquals(before.slot(from).objectId(), after.slot(to).objectId());
                assertEquals(after.generation(), lease.generation());
            }
        }
    }

    @Test
    void closeSessionClosesItAtTheServer() {
        try (CapsimProcess sim = capsim("default", null);
             BridgeTarget t = BridgeTarget.connect(sim.uri(), TIMEOUT)) {
            String task = "init -> launcher";
            CapSpace before = new Walker(t).walk(task, PROFILE);
            var session = before.capMap().stream()
                    .filter(e -> "LOG".equals(e.semantics().rpcInterface())
                            && "init -> terminal_log".equals(e.semantics().server()))
                    .findFirst().orElseThrow();
            try (RestoreLease lease = t.acquireLease(task, before.generation())) {
                t.apply(task, new RestoreOperation.CloseSession(session.index()));
                CapSpace after = new Walker(t).walk(task, PROFILE);
                assertFalse(after.isValid(session.index()));
                assertNull(after.capMapEntry(session.index()));
                assertEquals(after.generation(), lease.generation());
                assertTrue(new Walker(t).walk("init -> terminal_log", PROFILE).capMap().stream()
                        .noneMatch(e -> e.rawId() == session.rawId()), "the server forgot it");
                TargetException notSession = assertThrows(TargetException.class,
                        () -> t.apply(task, new RestoreOperation.CloseSession(PROFILE.parentCap())));
                assertEquals(Code.REJECTED, notSession.code());
            }
        }
    }
}
