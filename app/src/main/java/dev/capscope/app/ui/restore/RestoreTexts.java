package dev.capscope.app.ui.restore;

import dev.capscope.app.ui.sources.LiveTarget;
import dev.capscope.app.ui.sources.SnapshotSource;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.restore.PlanLines;
import dev.capscope.core.restore.PlannedStep;
import dev.capscope.core.restore.RestoreOutcome;
import dev.capscope.core.restore.RestorePlan;
import dev.capscope.core.restore.RestoreResult;

import java.util.ArrayList;
import java.util.List;

/** What the restore wizard says at each step: why it cannot start, the plan, the result, a failure. */
final class RestoreTexts {
    /** A failure in two sentences: what happened, what to do. */
    record Failure(String what, String todo) {
    }

    private RestoreTexts() {
    }

    /** Why the restore cannot start now ("" when it can): no choice yet, target not connected, or read-only. */
    static String disabledReason(SnapshotSource snapshot, TaskChoice t) {
        if (snapshot == null) {
            return "Pick the snapshot to restore (open or take one first).";
        } else if (t == null) {
            return "Pick the live task to restore onto (attach to a target first, Ctrl+T).";
        } else if (t.target().stateProperty().get() != LiveTarget.State.CONNECTED || t.target().infoProperty().get() == null) {
            return "Target " + t.target().endpoint() + " is not connected: reconnect it (Ctrl+R), then try again.";
        } else if (!t.target().infoProperty().get().restoreAllowed()) {
            return "Restore is disabled: target " + t.target().endpoint() + " is read-only (TARGET_READ_ONLY): its"
                    + " agent does not serve changes. Start the target with restore allowed (capsim --allow-restore), "
                    + "reconnect, and try again.";
        }
        return "";
    }

    /** One numbered line per step, then the side effects. */
    static List<String> planLines(RestorePlan plan, CapSpace before) {
        int n = 1;
        List<String> lines = new ArrayList<>();
        for (PlannedStep st : plan.steps()) {
            lines.add(String.format("%3d. [%s] %s", n++, st.phase().title(), PlanLines.describe(st, before, plan)));
        }
        plan.sideEffects().forEach(e -> lines.add("side effect: " + e));
        return lines;
    }

    static String verdict(RestorePlan plan) {
        if (plan.isRefused()) {
            return "Refused by the preflight (" + plan.primaryRefusal().orElseThrow().reason()
                    + "): nothing can be changed. Fix what the reasons say, then start again.";
        } else if (plan.isNoOp()) {
            return "Preflight passed: no operation is planned. Next checks it with a fresh walk of the task"
                    + " against the snapshot (nothing is changed).";
        }
        return "Preflight passed: " + plan.steps().size() + " operation(s), in this order. Nothing has been changed yet.";
    }

    static String confirmText(RestoreService.Session s) {
        RestorePlan plan = s.prepared().plan();
        String at = "task '" + s.prepared().task() + "' at " + s.prepared().target().endpoint();
        return plan.isNoOp() ? "Check " + at + " against the snapshot with a fresh walk; nothing will be changed."
                : "I have reviewed the plan" + (plan.sideEffects().isEmpty() ? "" : " and its side effects")
                + ": apply " + plan.steps().size() + " operation(s) to " + at
                + ". If verification fails, the task is rolled back to how it is now.";
    }

    static String result(RestoreResult r) {
        StringBuilder b = new StringBuilder(r.summary());
        if (!r.badgeTranslations().isEmpty()) {
            b.append("\nRe-created sessions got new badges:");
            r.badgeTranslations().forEach((was, now) -> b.append("\n  badge ").append(was).append(" -> ").append(now));
        }
        if (r.outcome() == RestoreOutcome.RESTORED_VERIFIED) {
            b.append("\nVerified: walking the task again shows it equals the snapshot (identities aside).");
        } else if (r.outcome() == RestoreOutcome.ROLLED_BACK) {
            b.append("\nThe task is as it was before the restore. What to do: compare it with the snapshot (Ctrl+D)"
                    + " to see what did not take, then restore again; if it keeps failing, the target does not"
                    + " perform the operations it acknowledges.");
        }
        return b.toString();
    }

    static String rollback(RestoreResult r) {
        return r.rollbackPlan() == null ? "" : "Rollback (" + r.code() + "): the target was put back with\n"
                + r.rollbackPlan().render();
    }

    /** A restore that FAILED and could not be undone. */
    static String notUndone(RestoreService.Session s, RestoreResult r) {
        return "The restore of task '" + s.prepared().task() + "' at " + s.prepared().target().endpoint()
                + " failed and could not be undone: " + r.summary() + ". " + r.appliedSteps() + " of "
                + r.plan().steps().size() + " operation(s) had been applied; the task may now be in neither state.";
    }

    /**
     * A FAILED restore: when the target stopped answering (connection broken or timed out) that is
     * said first: the usual cause is a target that exited or crashed, and reconnecting alone will
     * not help. {@code r} is the result, when the runner got that far.
     */
    static Failure failure(RestoreService.Session s, RestoreResult r, String otherwise) {
        String task = s.prepared().task();
        String endpoint = s.prepared().target().endpoint();
        var gone = s.watch().lost();
        if (gone.isPresent()) {
            String progressSoFar = r == null ? "" : " " + r.appliedSteps() + " of " + r.plan().steps().size()
                    + " operation(s) had been applied and the rollback could not run, so the task may be half restored.";
            return new Failure("The target at " + endpoint + " stopped answering during the restore of task '" + task
                    + "' (" + gone.get().code() + ": " + message(gone.get()) + ")." + progressSoFar,
                    "Restart the target if it exited (or find out why it stopped answering), reconnect (Ctrl+R), compare"
                            + " the task with the snapshot (Ctrl+D), then restore again.");
        }
        return new Failure(otherwise, "Reconnect the target (Ctrl+R), compare the task with the snapshot (Ctrl+D), and"
                + " restore again or restart the task.");
    }

    static String message(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
