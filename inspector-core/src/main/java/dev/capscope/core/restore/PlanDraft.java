package dev.capscope.core.restore;

import dev.capscope.core.target.RestoreOperation;
import dev.capscope.core.target.RestoreOperation.ClearCapMapEntry;
import dev.capscope.core.target.RestoreOperation.CloseSession;
import dev.capscope.core.target.RestoreOperation.Unmap;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What the planner has decided so far, by phase, and the plan's order of them. */
final class PlanDraft {
    final List<Refusal> refusals = new ArrayList<>();
    final List<PlannedStep> removals = new ArrayList<>();
    final List<Move> moves = new ArrayList<>();
    final List<PlannedStep> creations = new ArrayList<>();
    final List<PlannedStep> fixes = new ArrayList<>();
    final List<PlannedStep> rightsFixes = new ArrayList<>();
    /** Copies of caps the task holds elsewhere too; after creations, so a re-created source is there. */
    final List<PlannedStep> copies = new ArrayList<>();
    /** What the plan does beyond this task's space (sessions closed or opened at servers). */
    final List<String> sideEffects = new ArrayList<>();
    /** Badges of sessions a side effect already names as left open. */
    final Set<Long> leftOpen = new HashSet<>();

    void remove(RestoreOperation op) {
        removals.add(new PlannedStep(Phase.REMOVE_EXTRAS, op));
    }

    /** The steps in plan order; {@code scratch} is the free selector moves may pass through (-1: none). */
    List<PlannedStep> steps(int scratch) {
        // Removals were found in wanted-selector order; the plan lists them by the selector they touch.
        List<PlannedStep> all = new ArrayList<>(removals);
        all.sort(Comparator.comparingInt((PlannedStep st) -> touched(st.operation()))
                .thenComparing(st -> st.operation() instanceof ClearCapMapEntry));
        for (RestoreOperation op : MoveOrderer.order(moves, scratch)) {
            all.add(new PlannedStep(Phase.REBIND_MOVED, op));
        }
        all.addAll(creations);
        all.addAll(copies);
        all.addAll(rightsFixes);
        all.addAll(fixes);
        return all;
    }

    private static int touched(RestoreOperation op) {
        if (op instanceof Unmap u) {
            return u.selector();
        }
        if (op instanceof ClearCapMapEntry c) {
            return c.index();
        }
        if (op instanceof CloseSession c) {
            return c.selector();
        }
        throw new IllegalArgumentException("not a removal: " + op);
    }
}
