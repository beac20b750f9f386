package dev.capscope.core.restore;

import dev.capscope.core.model.Snapshot;
import dev.capscope.core.model.TargetInfo;

import java.util.Objects;

/**
 * The dry run of a restore: what the target said about itself, the space walked just before (the
 * rollback point, as a snapshot a caller may save), and the plan. Show {@link #plan()} to the user,
 * ask, then pass this to {@link RestoreRunner#apply}.
 *
 * @param migration the plan treats the snapshot as coming from another target or task (object ids
 *                  and badges of the two are unrelated); verification compares the same way
 */
public record PreparedRestore(Snapshot wanted, String task, TargetInfo target, Snapshot before, RestorePlan plan,
                              boolean migration) {
    public PreparedRestore {
        Objects.requireNonNull(wanted, "wanted");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(plan, "plan");
    }
}
