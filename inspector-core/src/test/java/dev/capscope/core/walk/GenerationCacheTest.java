package dev.capscope.core.walk;

import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.ObjectKind;
import dev.capscope.core.model.Rights;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.testing.InMemoryTarget;
import dev.capscope.core.testing.InMemoryTarget.Call;
import dev.capscope.core.testing.Spaces;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GenerationCacheTest {
    private static final String TASK = "log_client";
    private static final LayoutProfile PROFILE = Spaces.profile("genode-foc-19");

    private static InMemoryTarget target() {
        CapSpace space = Spaces.typical("genode-foc-19", TASK, 2).build();
        return new InMemoryTarget("memory:test", "in-memory", space.profile()).addTask(space);
    }

    private static Map<Call, Integer> calls(InMemoryTarget t) {
        Map<Call, Integer> m = new EnumMap<>(Call.class);
        for (Call c : Call.values()) {
            m.put(c, t.calls(c));
        }
        return m;
    }

    /** Calls made since {@code before}, per kind, leaving out kinds with none. */
    private static Map<Call, Integer> since(InMemoryTarget t, Map<Call, Integer> before) {
        Map<Call, Integer> m = new EnumMap<>(Call.class);
        calls(t).forEach((c, n) -> {
            if (n - before.get(c) != 0) {
                m.put(c, n - before.get(c));
            }
        });
        return m;
    }

    @Test
    void unchangedTaskCostsOnlyTheGenerationRequest() {
        InMemoryTarget target = target();
        Walker walker = new Walker(target, new GenerationCache());
        CapSpace first = walker.walk(TASK, PROFILE);
        Map<Call, Integer> before = calls(target);
        CapSpace again = walker.walk(TASK, PROFILE);
        assertEquals(Map.of(Call.GENERATION, 1), since(target, before));
        assertEquals(first, again);
    }

    @Test
    void aChangeIsWalkedAndSeen() {
        InMemoryTarget target = target();
        GenerationCache cache = new GenerationCache();
        CapSpace first = new Walker(target, cache).walk(TASK, PROFILE);
        int sel = 0x400;
        assertFalse(first.isValid(sel));
        target.map(TASK, sel, target.createObject(ObjectKind.IPC_GATE, 0x99L), Rights.RWS);
        Map<Call, Integer> before = calls(target);
        CapSpace second = new Walker(target, cache).walk(TASK, PROFILE);
        assertTrue(second.isValid(sel));
        assertEquals(1, since(target, before).get(Call.VALIDITY));
        assertTrue(second.generation() > first.generation());
    }

    @Test
    void anotherTargetWithTheSameGenerationIsWalked() {
        GenerationCache cache = new GenerationCache();
        InMemoryTarget one = target();
        InMemoryTarget other = target(); // a restarted target: same task, same generation numbers
        new Walker(one, cache).walk(TASK, PROFILE);
        assertEquals(one.generation(TASK), other.generation(TASK));
        new Walker(other, cache).walk(TASK, PROFILE);
        assertEquals(1, other.calls(Call.VALIDITY));
    }

    @Test
    void withoutACacheEveryWalkWalks() {
        InMemoryTarget target = target();
        Walker walker = new Walker(target);
        walker.walk(TASK, PROFILE);
        walker.walk(TASK, PROFILE);
        assertEquals(2, target.calls(Call.VALIDITY));
    }
}
