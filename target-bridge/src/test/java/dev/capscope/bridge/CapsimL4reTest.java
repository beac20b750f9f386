package dev.capscope.bridge;

import dev.capscope.core.lint.Linter;
import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.ObjectKind;
import dev.capscope.core.profile.Area;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.profile.ProfileRegistry;
import dev.capscope.core.profile.SelectorLayout;
import dev.capscope.core.walk.Walker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * capsim's l4re-hello (docs/background.md §4's moe-started program) walked through BridgeTarget + the core
 * Walker under the {@code l4re} profile: Fiasco's default caps, the environment's named caps and
 * the cap allocator's area come out as the profile draws them.
 */
class CapsimL4reTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final LayoutProfile L4RE = ProfileRegistry.builtin().get("l4re");

    /** 1 2 3 5 7 10 16 17 19 20 22-32 35 37-46 1054 1055, as observed on a real kernel. */
    private static final List<Integer> OBSERVED = IntStream.concat(
            IntStream.of(1, 2, 3, 5, 7, 10, 16, 17, 19, 20),
            IntStream.concat(IntStream.rangeClosed(22, 32),
                    IntStream.concat(IntStream.of(35), IntStream.concat(IntStream.rangeClosed(37, 46),
                            IntStream.of(1054, 1055))))).boxed().toList();

    @Test
    void l4reHelloWalksIntoTheL4reAreasAndNames() {
        try (CapsimProcess capsim = CapsimProcess.start(
                CapsimProcess.Options.of(CapsimProcess.findScenario("l4re-hello")), TIMEOUT);
             BridgeTarget target = BridgeTarget.connect(capsim.uri(), TIMEOUT)) {
            assertEquals("l4re", target.hello().profile());
            assertFalse(target.hello().capEqualIdentity(), "unpatched l4_task_cap_equal");
            CapSpace space = new Walker(target).walk("hello", L4RE);

            assertEquals(OBSERVED, space.slots().stream().map(s -> s.selector()).toList());
            assertTrue(space.threads().isEmpty());

            // The environment's names, carried as cap-map entries (docs/protocol.md CAP_MAP).
            Map<Integer, String> names = new TreeMap<>();
            for (CapMapEntry e : space.capMap()) {
                assertEquals("L4Re::Env", e.semantics().rpcInterface());
                assertFalse(e.hasBadge());
                names.put(e.index(), e.semantics().label());
            }
            assertEquals(17, names.size());
            assertEquals("mem_alloc", names.get(0x11));
            assertEquals("main_thread", names.get(0x25));

            // Roles: the environment's names where it names a slot (they win over Fiasco's
            // defaults), Fiasco's defaults elsewhere, the allocator's area.
            SelectorLayout layout = SelectorLayout.of(L4RE);
            assertEquals("env factory", space.slot(2).role());
            assertEquals("thread", space.slot(3).role());
            assertEquals("env log", space.slot(5).role());
            assertEquals("env jdb", space.slot(0xa).role());
            assertEquals("env rom", space.slot(0x1b).role());
            assertEquals("env main_thread", space.slot(0x25).role());
            assertEquals(Area.FIXED, layout.areaOf(0x25));
            assertEquals(Area.COMPONENT, layout.areaOf(1054));
            assertEquals(Area.COMPONENT, layout.areaOf(1055));

            // Kinds from the debugger's object info.
            assertEquals(ObjectKind.TASK, space.objectAt(1).kind());
            assertEquals(ObjectKind.FACTORY, space.objectAt(2).kind());
            assertEquals(ObjectKind.VLOG, space.objectAt(5).kind());
            assertEquals(ObjectKind.JDB, space.objectAt(10).kind());
            assertEquals(ObjectKind.IPC_GATE, space.objectAt(0x1b).kind());
            assertEquals(space.slot(3).objectId(), space.slot(0x25).objectId(), "env main_thread is thread 3");

            // Named caps are not receive windows.
            assertTrue(Linter.lint(space, L4RE).stream().noneMatch(f -> f.ruleId().equals("broken-receive-window")),
                    () -> Linter.lint(space, L4RE).toString());
        }
    }
}
