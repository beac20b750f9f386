package dev.capscope.core.restore;

import dev.capscope.core.diff.DiffResult;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.Snapshot;
import dev.capscope.core.model.SnapshotMeta;
import dev.capscope.core.model.TargetInfo;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.target.OperationResult;
import dev.capscope.core.target.RestoreLease;
import dev.capscope.core.target.RestoreOperation;
import dev.capscope.core.target.Target;
import dev.capscope.core.target.TargetException;
import dev.capscope.core.walk.Walker;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs a restore through the {@link Target} port only:
 * <pre>
 *   RestoreRunner runner = new RestoreRunner(target, profile);
 *   PreparedRestore dry = runner.prepare(snapshot, "log_client");   // walk + preflight + plan
 *   show(dry.plan().render()); if (!userConfirms()) return;          // confirmation is the caller's
 *   RestoreResult r = runner.apply(dry, listener);                  // lease, apply, verify, roll back
 * </pre>
 * Applying holds the target's restore lease ({@link Target#acquireLease}) taken at the generation the
 * plan was made at, so a second restore or any change of the task since the plan is refused before
 * anything happens, and every operation is a compare-and-swap on the task's generation.
 *
 * <p>Verification always walks again, also when the plan is empty, and compares everything the
 * snapshot records ({@link StateComparison}): RESTORED_VERIFIED only when that comparison is empty.
 * When an operation or the verification fails, the runner plans from the current space back to the
 * space walked before the restore, applies that and compares again: ROLLED_BACK "as it was" only when
 * the fresh walk equals the one before, object identities included; otherwise the result lists the
 * identities that changed, or ends FAILED.
 */
public final class RestoreRunner {

    /** Reads the live space of a task (the walker in production, anything in tests). */
    @FunctionalInterface
    public interface LiveSpaceReader {
        CapSpace read(String task);
    }

    private static final int LISTED_MISMATCHES = 8;

    private final Target target;
    private final LayoutProfile profile;
    private final LiveSpaceReader reader;
    private final Clock clock;

    public RestoreRunner(Target target, LayoutProfile profile) {
        this(target, profile, task -> new Walker(target).walk(task, profile), Clock.systemUTC());
    }

    public RestoreRunner(Target target, LayoutProfile profile, LiveSpaceReader reader, Clock clock) {
        this.target = Objects.requireNonNull(target, "target");
        this.profile = Objects.requireNonNull(profile, "profile");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The dry run: walks the task, runs the preflight and plans. Changes nothing. */
    public PreparedRestore prepare(Snapshot wanted, String task) {
        return prepare(wanted, task, RestoreOptions.DEFAULT);
    }

    /**
     * The dry run with the user's options. A snapshot taken at another endpoint or of another task
     * is planned as a {@linkplain RestoreOptions#migration() migration} whatever the options say.
     */
    public PreparedRestore prepare(Snapshot wanted, String task, RestoreOptions options) {
        TargetInfo info = target.info();
        CapSpace before = reader.read(task);
        RestoreOptions effective = options.withMigration(options.migration() || isMigration(wanted, task, info));
        RestorePlan plan = RestorePlanner.plan(wanted, before, info, profile, effective);
        return new PreparedRestore(wanted, task, info, asSnapshot(before, info), plan, effective.migration());
    }

    /** True when the snapshot was taken at another endpoint or of another task than the one restored. */
    public static boolean isMigration(Snapshot wanted, String task, TargetInfo info) {
        return !wanted.meta().task().equals(task) || !Objects.equals(wanted.meta().endpoint(), info.endpoint());
    }

    /** Applies a prepared plan under the restore lease, verifies, and rolls back on failure. */
    public RestoreResult apply(PreparedRestore prepared, RestoreListener listener) {
        RestorePlan plan = prepared.plan();
        if (plan.isRefused()) {
            Refusal first = plan.primaryRefusal().orElseThrow();
            return refused(first, plan, plan.refusals());
        }
        String task = prepared.task();
        RestoreLease lease;
        try {
            lease = target.acquireLease(task, prepared.before().space().generation());
        } catch (TargetException e) {
            return leaseRefused(e, prepared);
        }
        try (lease) {
            BadgeTranslator badges = new BadgeTranslator();
            Applied applied = applyAll(task, plan.operations(), RestoreStage.APPLY, listener, badges);
            if (applied.failure != null) {
                return rollBack(prepared, listener, RollbackReason.OPERATION_FAILED, applied.failure, applied.count,
                        badges, null);
            }
            listener.stage(RestoreStage.VERIFY);
            StateComparison check;
            try {
                check = StateComparison.of(prepared.wanted().space(), reader.read(task), profile, prepared.migration());
            } catch (TargetException e) {
                return rollBack(prepared, listener, RollbackReason.VERIFY_FAILED, "walking again failed: "
                        + e.getMessage(), applied.count, badges, null);
            }
            if (!check.isEmpty()) {
                if (plan.isNoOp()) {
                    Refusal r = Refusal.of(RefusalReason.NOT_RESTORABLE, "nothing could be planned, but the live task"
                            + " differs from the snapshot: " + check.summary(LISTED_MISMATCHES) + "; restore cannot"
                            + " produce that, so nothing was changed. Take a new snapshot, or restart the component");
                    return result(RestoreOutcome.REFUSED, r.reason().name(), r.message(), plan, 0, Map.of(),
                            check.diff(), null, List.of(r));
                }
                return rollBack(prepared, listener, RollbackReason.VERIFY_FAILED, "after applying the plan a fresh"
                        + " walk still differs from the snapshot: " + check.summary(LISTED_MISMATCHES), applied.count,
                        badges, check.diff());
            }
            String translated = badges.translations().isEmpty() ? ""
                    : "; " + badges.translations().size() + " session(s) re-created with new badges";
            translated += leftOpenNote(plan, "see the side effects");
            String what = plan.isNoOp() ? "nothing needed changing" : applied.count + " operation(s) applied";
            return result(RestoreOutcome.RESTORED_VERIFIED, "OK", what + "; a fresh walk matches the snapshot in every"
                    + " slot, cap-map entry and thread" + translated, plan, applied.count, badges.translations(),
                    check.diff(), null, List.of());
        }
    }

    private RestoreResult leaseRefused(TargetException e, PreparedRestore prepared) {
        RestorePlan plan = prepared.plan();
        Refusal r = switch (e.code()) {
            case LEASE_HELD -> Refusal.of(RefusalReason.RESTORE_IN_PROGRESS, "another client is restoring on "
                    + prepared.target().endpoint() + " (" + e.getMessage() + "); wait until it is done, then plan again");
            case GENERATION_MOVED -> Refusal.of(RefusalReason.TARGET_CHANGED, "task '" + prepared.task() + "' changed"
                    + " since the plan was made (" + e.getMessage() + "); plan again");
            case REFUSED -> Refusal.of(RefusalReason.TARGET_READ_ONLY, "the target at " + prepared.target().endpoint()
                    + " refused the restore lease (" + e.getMessage() + "); start it with --allow-restore");
            default -> null;
        };
        if (r == null) {
            return result(RestoreOutcome.FAILED, FailureReason.TARGET_ERROR.name(), "the target failed before anything"
                    + " was changed: " + e.getMessage() + ". Check that it is running, reconnect and restore again",
                    plan, 0, Map.of(), null, null, List.of());
        }
        return refused(r, plan, List.of(r));
    }

    private RestoreResult rollBack(PreparedRestore prepared, RestoreListener listener, RollbackReason reason,
                                   String what, int appliedCount, BadgeTranslator badges, DiffResult check) {
        String task = prepared.task();
        String cause = reason + ": " + what;
        listener.stage(RestoreStage.ROLLBACK);
        RestorePlan back;
        try {
            CapSpace now = reader.read(task);
            back = RestorePlanner.plan(prepared.before(), now, prepared.target(), profile);
            if (back.isRefused()) {
                return failed(FailureReason.ROLLBACK_REFUSED, cause + "; the rollback was refused: "
                        + back.primaryRefusal().orElseThrow(), prepared, appliedCount, badges, check, back);
            }
            // Re-take the lease at the generation just walked: the failed apply left it elsewhere.
            try (RestoreLease again = target.acquireLease(task, now.generation())) {
                Applied undone = applyAll(task, back.operations(), RestoreStage.ROLLBACK, listener,
                        new BadgeTranslator());
                if (undone.failure != null) {
                    return failed(FailureReason.ROLLBACK_FAILED, cause + "; the rollback failed: " + undone.failure,
                            prepared, appliedCount, badges, check, back);
                }
            }
        } catch (TargetException e) {
            return failed(FailureReason.ROLLBACK_FAILED, cause + "; the rollback failed: it could not run: " + e.getMessage(),
                    prepared, appliedCount, badges, check, null);
        }
        listener.stage(RestoreStage.ROLLBACK_VERIFY);
        CapSpace after;
        try {
            after = reader.read(task);
        } catch (TargetException e) {
            return failed(FailureReason.ROLLBACK_FAILED, cause + "; walking after the rollback failed: "
                    + e.getMessage(), prepared, appliedCount, badges, check, back);
        }
        CapSpace beforeSpace = prepared.before().space();
        StateComparison same = StateComparison.of(beforeSpace, after, profile, false);
        if (!same.isEmpty()) {
            return failed(FailureReason.ROLLBACK_INCOMPLETE, cause + "; after the rollback the task still differs from"
                    + " how it was before the restore: " + same.summary(LISTED_MISMATCHES), prepared, appliedCount,
                    badges, check, back);
        }
        List<String> identities = IdentityChanges.between(beforeSpace, after, profile);
        String state = identities.isEmpty()
                ? "the target was put back as it was before the restore (a fresh walk equals the walk taken before it)"
                : "the target was put back with the same contents, but " + identities.size() + " cap(s) are now other"
                + " objects than before: " + String.join("; ", identities) + " (their clients or servers must use the"
                + " new ones)";
        // The rollback may have re-created a session whose old one was only unmapped: say it stays open.
        state += leftOpenNote(back, String.join("; ", back.sideEffects().stream()
                .filter(e -> e.contains(RestorePlanner.LEFT_OPEN)).toList()));
        return result(RestoreOutcome.ROLLED_BACK, reason.name(), what + "; " + state + ". Nothing of the snapshot"
                + " remains applied: look at the difference above, then plan again", prepared.plan(), appliedCount,
                badges.translations(), check, back, List.of());
    }

    /** "; N old session(s) stays open at its server, unused (detail)", or "" when the plan leaves none open. */
    private static String leftOpenNote(RestorePlan plan, String detail) {
        long leftOpen = plan.sideEffects().stream().filter(e -> e.contains(RestorePlanner.LEFT_OPEN)).count();
        return leftOpen == 0 ? "" : "; " + leftOpen + " old session(s) " + RestorePlanner.LEFT_OPEN + " (" + detail + ")";
    }

    private RestoreResult failed(FailureReason reason, String message, PreparedRestore prepared, int appliedCount,
                                 BadgeTranslator badges, DiffResult check, RestorePlan back) {
        return result(RestoreOutcome.FAILED, reason.name(), message + ". The task is in neither state: take a"
                + " snapshot now to see where it stands, then restore again or restart the component", prepared.plan(),
                appliedCount, badges.translations(), check, back, List.of());
    }

    private static RestoreResult refused(Refusal r, RestorePlan plan, List<Refusal> all) {
        return result(RestoreOutcome.REFUSED, r.reason().name(), r.message(), plan, 0, Map.of(), null, null, all);
    }

    /** Operations completed and the first failure, if any. */
    private record Applied(int count, String failure) {
    }

    private Applied applyAll(String task, List<RestoreOperation> ops, RestoreStage stage, RestoreListener listener,
                             BadgeTranslator badges) {
        listener.stage(stage);
        for (int i = 0; i < ops.size(); i++) {
            RestoreOperation op = badges.translate(ops.get(i));
            listener.step(stage, i + 1, ops.size(), op);
            try {
                OperationResult r = target.apply(task, op);
                badges.record(op, r);
            } catch (TargetException e) {
                return new Applied(i, "operation " + (i + 1) + " of " + ops.size() + " (" + op.describe()
                        + ") failed: " + e.code() + ": " + e.getMessage());
            }
        }
        return new Applied(ops.size(), null);
    }

    private Snapshot asSnapshot(CapSpace space, TargetInfo info) {
        return new Snapshot(new SnapshotMeta(SnapshotMeta.CURRENT_SCHEMA, "before restore of " + space.taskName(),
                clock.instant(), info.endpoint(), space.taskName(), info.kernel(), profile.name(), "capscope"), space);
    }

    private static RestoreResult result(RestoreOutcome outcome, String code, String message, RestorePlan plan,
                                        int applied, Map<Long, Long> badges, DiffResult check, RestorePlan back,
                                        List<Refusal> refusals) {
        return new RestoreResult(outcome, code, message, plan, applied, badges, check, back, refusals);
    }
}
