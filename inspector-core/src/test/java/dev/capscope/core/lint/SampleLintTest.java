package dev.capscope.core.lint;

import dev.capscope.core.model.Snapshot;
import dev.capscope.core.profile.ProfileRegistry;
import dev.capscope.core.testing.SampleSnapshots.LeakyPlan;
import dev.capscope.core.testing.SampleSnapshots;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The shipped samples: leaky.json has exactly its planted problems, every other sample is clean. */
class SampleLintTest {

    private static List<Finding> lint(Snapshot s) {
        return Linter.lint(s.space(), ProfileRegistry.builtin().get(s.meta().profile()));
    }

    @Test
    void leakySampleReportsEveryPlantedProblemAndNothingElse() {
        LeakyPlan plan = SampleSnapshots.leakyPlan();
        Map<String, List<Integer>> found = new TreeMap<>();
        for (Finding f : lint(SampleSnapshots.leaky())) {
            assertEquals(null, found.put(f.ruleId(), f.selectors()), "one finding per rule: " + f);
        }
        int threadBase = ProfileRegistry.builtin().get("genode-foc-16").threadBase(plan.halfFilledThread());
        Map<String, List<Integer>> expected = new TreeMap<>(Map.of(
                "leaked-cap", List.of(plan.leakedCap()),
                "dangling-entry", List.of(plan.danglingEntry()),
                "half-filled-thread", List.of(threadBase, threadBase + 1, threadBase + 2),
                "beyond-allocator", List.of(plan.beyondAllocator()),
                "broken-receive-window", plan.brokenReceiveWindow(),
                "duplicate-badge", plan.duplicateBadge()));
        assertEquals(expected, found);
    }

    @Test
    void otherSamplesAreClean() {
        SampleSnapshots.all().forEach((name, s) -> {
            if (!name.equals("leaky")) {
                assertEquals(List.of(), lint(s), name);
            }
        });
    }
}
