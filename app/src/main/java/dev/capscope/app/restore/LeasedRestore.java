package dev.capscope.app.restore;

import dev.capscope.core.restore.FailureReason;
import dev.capscope.core.restore.PreparedRestore;
import dev.capscope.core.restore.Refusal;
import dev.capscope.core.restore.RefusalReason;
import dev.capscope.core.restore.RestoreListener;
import dev.capscope.core.restore.RestoreOutcome;
import dev.capscope.core.restore.RestorePlan;
import dev.capscope.core.restore.RestoreResult;
import dev.capscope.core.restore.RestoreRunner;
import dev.capscope.core.target.RestoreLease;
import dev.capscope.core.target.Target;
import dev.capscope.core.target.TargetException;

import java.util.List;
import java.util.Map;

/**
 * Applies a prepared restore while holding the target's restore lease, taken at the generation the
 * plan was made at: a second restore cannot interleave, and a task that moved since planning is
 * refused before anything changes. (A runner that takes the lease itself makes this a no-op: the
 * same connection taking it again replaces it.)
 */
public final class LeasedRestore {
    /** The refusal code when another client holds the lease. */
    public static final String RESTORE_IN_PROGRESS = "RESTORE_IN_PROGRESS";

    private LeasedRestore() {
    }

    public static RestoreResult apply(Target target, RestoreRunner runner, PreparedRestore prepared,
                                      RestoreListener listener) {
        RestorePlan plan = prepared.plan();
        if (plan.isRefused() || plan.isNoOp()) {
            return runner.apply(prepared, listener); // changes nothing: no lease needed
        }
        RestoreLease lease;
        try {
            lease = target.acquireLease(prepared.task(), prepared.before().space().generation());
        } catch (TargetException e) {
            return notAcquired(prepared, e);
        }
        try (lease) {
            return runner.apply(prepared, listener);
        }
    }

    private static RestoreResult notAcquired(PreparedRestore prepared, TargetException e) {
        RestorePlan plan = prepared.plan();
        String task = prepared.task();
        return switch (e.code()) {
            case LEASE_HELD -> refused(plan, RESTORE_IN_PROGRESS, "another client is restoring on this target ("
                    + e.getMessage() + "); wait for it to finish, then plan again", List.of());
            case GENERATION_MOVED -> {
                Refusal r = new Refusal(RefusalReason.TARGET_CHANGED, "task '" + task + "' changed since the plan was"
                        + " made (" + e.getMessage() + "); plan again", List.of());
                yield refused(plan, r.reason().name(), r.message(), List.of(r));
            }
            case REFUSED -> {
                Refusal r = new Refusal(RefusalReason.TARGET_READ_ONLY, e.getMessage(), List.of());
                yield refused(plan, r.reason().name(), r.message(), List.of(r));
            }
            default -> new RestoreResult(RestoreOutcome.FAILED, FailureReason.TARGET_ERROR.name(),
                    "the target failed before anything was changed: " + e.getMessage(), plan, 0, Map.of(), null,
                    null, List.of());
        };
    }

    private static RestoreResult refused(RestorePlan plan, String code, String message, List<Refusal> refusals) {
        return new RestoreResult(RestoreOutcome.REFUSED, code, message, plan, 0, Map.of(), null, null, refusals);
    }
}
