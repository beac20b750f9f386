package dev.capscope.core.restore;

import dev.capscope.core.target.RestoreOperation;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A restore plan: either refused (refusals, no steps) or an ordered list of steps (see
 * {@link RestorePlanner} for the order). A value: equal inputs give equal plans.
 *
 * @param task        task the plan is for
 * @param sideEffects what the plan does outside the task's own space, one sentence each (sessions
 *                    closed at their servers, sessions opened and where they are filed), shown before
 *                    the user confirms
 */
public record RestorePlan(String task, List<Refusal> refusals, List<PlannedStep> steps, List<String> sideEffects) {
    public RestorePlan {
        Objects.requireNonNull(task, "task");
        refusals = refusals.stream()
                .sorted(Comparator.comparing(Refusal::reason)
                        .thenComparingInt(r -> r.selectors().isEmpty() ? -1 : r.selectors().get(0))
                        .thenComparing(Refusal::message))
                .toList();
        steps = List.copyOf(steps);
        sideEffects = List.copyOf(sideEffects);
        if (!refusals.isEmpty() && !steps.isEmpty()) {
            throw new IllegalArgumentException("a refused plan has no steps");
        }
    }

    static RestorePlan refused(String task, List<Refusal> refusals) {
        return new RestorePlan(task, refusals, List.of(), List.of());
    }

    public boolean isRefused() {
        return !refusals.isEmpty();
    }

    /** The most fundamental refusal (first in {@link RefusalReason} order). */
    public Optional<Refusal> primaryRefusal() {
        return refusals.stream().findFirst();
    }

    /** True when the live space already is the wanted state (nothing to do, not refused). */
    public boolean isNoOp() {
        return refusals.isEmpty() && steps.isEmpty();
    }

    public List<RestoreOperation> operations() {
        return steps.stream().map(PlannedStep::operation).toList();
    }

    /** Readable multi-line rendering, operations only (no live space at hand to say what they remove). */
    public String render() {
        return render(null);
    }

    /**
     * Readable multi-line rendering for the CLI and the restore wizard: with the space walked just
     * before, every operation that removes something names it and says whether a session stays
     * open at its server ({@link PlanLines}).
     */
    public String render(dev.capscope.core.model.CapSpace live) {
        StringBuilder b = new StringBuilder();
        if (isRefused()) {
            b.append("restore of task '").append(task).append("' refused:\n");
            for (Refusal r : refusals) {
                b.append("  ").append(r.reason()).append(": ").append(r.message()).append('\n');
            }
            return b.toString();
        }
        if (steps.isEmpty()) {
            return "restore of task '" + task + "': no operations planned; a fresh walk will check that the live"
                    + " space matches\n";
        }
        b.append("restore plan for task '").append(task).append("': ").append(steps.size())
                .append(steps.size() == 1 ? " operation\n" : " operations\n");
        Phase current = null;
        int n = 1;
        for (PlannedStep s : steps) {
            if (s.phase() != current) {
                current = s.phase();
                b.append("  ").append(current.title()).append(":\n");
            }
            String line = live == null ? s.operation().describe() : PlanLines.describe(s, live, this);
            b.append(String.format("    %3d. %s%n", n++, line));
        }
        if (!sideEffects.isEmpty()) {
            b.append("  side effects outside the task:\n");
            sideEffects.forEach(e -> b.append("    - ").append(e).append('\n'));
        }
        return b.toString();
    }
}
