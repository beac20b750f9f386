package dev.capscope.core.holders;

import dev.capscope.core.model.CapSpace;

import java.util.Objects;

/**
 * One task's walked space as input to the holders join.
 *
 * @param task    the task's name at the target (in Genode: the component's label)
 * @param space   its capability space, walked together with the other tasks' spaces
 * @param present false when the task is gone: its space comes from a snapshot of a task the target
 *                no longer lists
 */
public record TaskSpace(String task, CapSpace space, boolean present) {
    public TaskSpace {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(space, "space");
    }

    public static TaskSpace live(String task, CapSpace space) {
        return new TaskSpace(task, space, true);
    }
}
