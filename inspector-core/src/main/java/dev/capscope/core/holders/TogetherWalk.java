package dev.capscope.core.holders;

import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.TaskInfo;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.target.Target;
import dev.capscope.core.walk.GenerationCache;
import dev.capscope.core.walk.Walker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Walks every task of a target so that the walks fit together: each task's generation is read
 * before and after the whole round, and the round is repeated (up to {@code maxRounds}) while any
 * task moved in between; a cross-task join of walks taken at different moments could otherwise
 * show a session held by a client but not yet by its server.
 */
public final class TogetherWalk {
    /** The walks and whether no task moved during the last round. */
    public record Result(List<TaskSpace> tasks, boolean consistent) {
        public Result {
            tasks = List.copyOf(tasks);
        }
    }

    private TogetherWalk() {
    }

    public static Result walkAll(Target target, LayoutProfile profile, int maxRounds) {
        Objects.requireNonNull(target, "target");
        Walker walker = new Walker(target, new GenerationCache());
        List<TaskSpace> spaces = List.of();
        for (int round = 1; round <= maxRounds; round++) {
            Map<String, Long> before = generations(target);
            List<TaskSpace> walked = new ArrayList<>(before.size());
            for (String task : before.keySet()) {
                CapSpace space = walker.walk(task, profile);
                walked.add(TaskSpace.live(task, space));
            }
            spaces = walked;
            Map<String, Long> after = generations(target);
            boolean still = after.equals(before);
            for (TaskSpace t : walked) {
                still &= t.space().generation() == before.get(t.task());
            }
            if (still) {
                return new Result(spaces, true);
            }
        }
        return new Result(spaces, false);
    }

    private static Map<String, Long> generations(Target target) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (TaskInfo t : target.info().tasks()) {
            out.put(t.name(), t.generation());
        }
        return out;
    }
}
