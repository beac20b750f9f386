package dev.capscope.bridge;

import dev.capscope.bridge.testing.WireAgent;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.Rights;
import dev.capscope.core.model.Semantics;
import dev.capscope.core.model.TargetInfo;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.target.OperationResult;
import dev.capscope.core.target.RestoreLease;
import dev.capscope.core.target.RestoreOperation;
import dev.capscope.core.target.TargetException;
import dev.capscope.core.testing.GenodeSpaceBuilder;
import dev.capscope.core.testing.InMemoryTarget;
import dev.capscope.core.testing.Spaces;
import dev.capscope.core.walk.Walker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * BridgeTarget against the tests' own Java agent (docs/protocol.md implemented a second time):
 * everything the port returns must survive the trip through libcapbridge unchanged.
 */
class BridgeTargetWireTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final LayoutProfile PROFILE = Spaces.profile("genode-foc-19");

    /** A component; the protocol knows thread states "running" and "stopped" only. */
    private static CapSpace space(String task, int sessions, long firstObjectId) {
        GenodeSpaceBuilder b = new GenodeSpaceBuilder(PROFILE, task, 42, firstObjectId);
        b.thread("main", "running");
        b.thread("ep", "stopped");
        b.dataspace("heap", 16384, "core");
        b.signalContext("timeout");
        for (int i = 0; i < sessions; i++) {
            b.session("ROM", task + " -> rom " + i, "ram_quota=" + i + "K, label=\"é ü\"", "core", 4096L * (i + 1));
        }
        b.receiveWindow();
        return b.build();
    }

    private static InMemoryTarget memory(boolean allowRestore) {
        return new InMemoryTarget("memory:test", "in-memory kernel", "genode-foc-19")
                .addTask(space("init -> log_client", 40, 0x1000))
                .addTask(space("init -> gui", 300, 0x10000))
                .restoreAllowed(allowRestore);
    }

    @Test
    void walkThroughTheBridgeEqualsTheWalkInMemory() throws Exception {
        InMemoryTarget memory = memory(false);
        try (WireAgent agent = new WireAgent(memory);
             BridgeTarget bridge = BridgeTarget.connect(agent.uri(), TIMEOUT)) {
            TargetInfo info = bridge.info();
            assertEquals(List.of("init -> gui", "init -> log_client"),
                    info.tasks().stream().map(t -> t.name()).sorted().toList());
            assertEquals("in-memory kernel", info.kernel());
            assertEquals("genode-foc-19", info.profile());
            for (var t : info.tasks()) {
                CapSpace viaBridge = new Walker(bridge).walk(t.name(), PROFILE);
                CapSpace direct = new Walker(memory).walk(t.name(), PROFILE);
                assertEquals(direct, viaBridge, t.name());
                assertTrue(viaBridge.capMap().size() > 40);
            }
        }
    }

    @Test
    void capMapArrivesWholeOverManyPages() throws Exception {
        InMemoryTarget memory = memory(false);
        try (WireAgent agent = new WireAgent(memory).capMapPageSize(7);
             BridgeTarget bridge = BridgeTarget.connect(agent.uri(), TIMEOUT)) {
            assertEquals(memory.capMap("init -> gui"), bridge.capMap("init -> gui"));
        }
    }

    @Test
    void mutationsOnAReadOnlyTargetAreRefusedAndChangeNothing() throws Exception {
        InMemoryTarget memory = memory(false);
        CapSpace before = new Walker(memory).walk("init -> gui", PROFILE);
        try (WireAgent agent = new WireAgent(memory);
             BridgeTarget bridge = BridgeTarget.connect(agent.uri(), TIMEOUT)) {
            int sel = before.capMap().get(before.capMap().size() - 1).index();
            TargetException e = assertThrows(TargetException.class,
                    () -> bridge.apply("init -> gui", new RestoreOperation.Unmap(sel)));
            assertEquals(TargetException.Code.REFUSED, e.code());
            assertTrue(e.getMessage().contains("--allow-restore"), e.getMessage());
            assertEquals(before, new Walker(bridge).walk("init -> gui", PROFILE)); // connection still usable
        }
    }

    @Test
    void mutationsGoThroughWhenRestoreIsAllowed() throws Exception {
        InMemoryTarget memory = memory(true);
        try (WireAgent agent = new WireAgent(memory);
             BridgeTarget bridge = BridgeTarget.connect(agent.uri(), TIMEOUT)) {
            assertTrue(bridge.info().restoreAllowed());
            CapSpace before = new Walker(bridge).walk("init -> log_client", PROFILE);
            int victim = before.capMap().stream().filter(e -> e.hasBadge() && before.isValid(e.index()))
                    .reduce((a, b) -> b).orElseThrow().index();
            RestoreLease lease = bridge.acquireLease("init -> log_client", before.generation());
            bridge.apply("init -> log_client", new RestoreOperation.Unmap(victim));
            bridge.apply("init -> log_client", new RestoreOperation.ClearCapMapEntry(victim));
            bridge.apply("init -> log_client", new RestoreOperation.MapCopy(1, 0xF00, Rights.RWS));
            OperationResult created = bridge.apply("init -> log_client", new RestoreOperation.CreateSession(0xF01,
                    new Semantics("LOG", "init -> log_client", "ram_quota=8K", "core", 8192L), 4L));
            assertNotNull(created.newBadge());
            CapSpace after = new Walker(bridge).walk("init -> log_client", PROFILE);
            assertTrue(after.generation() > before.generation());
            assertTrue(before.isValid(victim) && !after.isValid(victim));
            assertEquals(before.slot(1).objectId(), after.slot(0xF00).objectId());
            assertEquals("LOG", after.capMapEntry(0xF01).semantics().rpcInterface());
            assertEquals(created.newBadge(), after.capMapEntry(0xF01).badge());
            assertEquals(memory.capMap("init -> log_client"), after.capMap());
            assertEquals(after.generation(), lease.generation());
            lease.close();
        }
    }

    @Test
    void unknownTaskIsRejectedNamingTheTasksThereAre() throws Exception {
        try (WireAgent agent = new WireAgent(memory(false));
             BridgeTarget bridge = BridgeTarget.connect(agent.uri(), TIMEOUT)) {
            TargetException e = assertThrows(TargetException.class, () -> bridge.generation("nope"));
            assertEquals(TargetException.Code.REJECTED, e.code());
            assertTrue(e.getMessage().contains("'init -> gui'"), e.getMessage());
        }
    }

    @Test
    void oneConnectionServesManyThreadsAtOnce() throws Exception {
        InMemoryTarget memory = memory(false);
        CapSpace expected = new Walker(memory).walk("init -> gui", PROFILE);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (WireAgent agent = new WireAgent(memory);
             BridgeTarget bridge = BridgeTarget.connect(agent.uri(), TIMEOUT)) {
            List<Future<CapSpace>> walks = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                walks.add(pool.submit(() -> new Walker(bridge).walk("init -> gui", PROFILE)));
            }
            for (Future<CapSpace> w : walks) {
                assertEquals(expected, w.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
