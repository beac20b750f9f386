package dev.capscope.core.restore;

import dev.capscope.core.diff.DiffEngine;
import dev.capscope.core.diff.DiffResult;
import dev.capscope.core.diff.MatchKey;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.Snapshot;
import dev.capscope.core.model.SnapshotMeta;
import dev.capscope.core.model.TargetInfo;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.target.OperationResult;
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
 *   RestoreResult r = runner.apply(dry, listener);                  // apply, verify, roll back
 * </pre>
 * Verification walks again and diffs with {@link MatchKey#BADGE} (identity-insensitive: a session
 * re-created with a new badge counts as restored). When an operation or the verification fails, the
 * runner plans from the current space back to the space walked just before the restore, applies
 * that, and verifies it the same way: {@link RestoreOutcome#ROLLED_BACK} if that worked, else
 * {@link RestoreOutcome#FAILED}.
 */
public final class RestoreRunner {

    /** Reads the live space of a task (the walker in production, anything in tests). */
    @FunctionalInterface
    public interface LiveSpaceReader {
        CapSpace read(String task);
    }

    private final Target target;
    private final LayoutProfile profile;
    private final LiveSpaceReader reader;
    private final DiffEngine diff;
    private final Clock clock;

    public RestoreRunner(Target target, LayoutProfile profile) {
        this(target, profile, task -> new Walker(target).walk(task, profile), Clock.systemUTC());
    }

    public RestoreRunner(Target target, LayoutProfile profile, LiveSpaceReader reader, Clock clock) {
        this.target = Objects.requireNonNull(target, "target");
        this.profile = Objects.requireNonNull(profile, "profile");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.diff = DiffEngine.forProfile(profile);
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
        return new PreparedRestore(wanted, task, info, asSnapshot(before, info), plan);
    }

    /** True when the snapshot was taken at another endpoint or of another task than the one restored. */
    public static boolean isMigration(Snapshot wanted, String task, TargetInfo info) {
        return !wanted.meta().task().equals(task) || !Objects.equals(wanted.meta().endpoint(), info.endpoint());
    }

    /** Applies a prepared plan, verifies, and rolls back on failure. */
    public RestoreResult apply(PreparedRestore prepared, RestoreListener listener) {
        RestorePlan plan = prepared.plan();
        if (plan.isRefused()) {
            Refusal first = plan.primaryRefusal().orElseThrow();
            return result(RestoreOutcome.REFUSED, first.reason().name(), first.message(), plan, 0,
                    Map.of(), null, null, plan.refusals());
        }
        String task = prepared.task();
        try {
            long generation = target.generation(task);
            if (generation != prepared.before().space().generation()) {
                Refusal r = Refusal.of(RefusalReason.TARGET_CHANGED, "task '" + task + "' changed since the plan was"
                        + " made (generation " + prepared.before().space().generation() + " -> " + generation
                        + "); plan again");
                return result(RestoreOutcome.REFUSED, r.reason().name(), r.message(), plan, 0, Map.of(), null, null,
                        List.of(r));
            }
        } catch (TargetException e) {
            return result(RestoreOutcome.FAILED, FailureReason.TARGET_ERROR.name(),
                    "the target failed before anything was changed: " + e.getMessage(), plan, 0, Map.of(), null, null,
                    List.of());
        }

        BadgeTranslator badges = new BadgeTranslator();
        Applied applied = applyAll(task, plan.operations(), RestoreStage.APPLY, listener, badges);
        if (applied.failure != null) {
            return rollBack(prepared, listener, RollbackReason.OPERATION_FAILED, applied.failure, applied.count,
                    badges, null);
        }
        listener.stage(RestoreStage.VERIFY);
        DiffResult check;
        try {
            check = diff.compare(prepared.wanted().space(), reader.read(task), MatchKey.BADGE);
        } catch (TargetException e) {
            return rollBack(prepared, listener, RollbackReason.VERIFY_FAILED, "walking again failed: " + e.getMessage(),
                    applied.count, badges, null);
        }
        if (check.hasChanges()) {
            return rollBack(prepared, listener, RollbackReason.VERIFY_FAILED, check.differenceCount()
                    + " difference(s) remain after applying the plan", applied.count, badges, check);
        }
        String translated = badges.translations().isEmpty() ? ""
                : "; " + badges.translations().size() + " session(s) re-created with new badges";
        return result(RestoreOutcome.RESTORED_VERIFIED, "OK", applied.count + " operation(s) applied and verified"
                + translated, plan, applied.count, badges.translations(), check, null, List.of());
    }

    private RestoreResult rollBack(PreparedRestore prepared, RestoreListener listener, RollbackReason reason,
                                   String what, int appliedCount, BadgeTranslator badges, DiffResult check) {
        String task = prepared.task();
        String cause = reason + ": " + what;
        listener.stage(RestoreStage.ROLLBACK);
        RestorePlan back;
        try {
            back = RestorePlanner.plan(prepared.before(), reader.read(task), prepared.target(), profile);
        } catch (TargetException e) {
            return failed(FailureReason.ROLLBACK_FAILED, cause + "; walking for the rollback failed: " + e.getMessage(),
                    prepared, appliedCount, badges, check, null);
        }
        if (back.isRefused()) {
            return failed(FailureReason.ROLLBACK_REFUSED, cause + "; the rollback was refused: "
                    + back.primaryRefusal().orElseThrow(), prepared, appliedCount, badges, check, back);
        }
        Applied undone = applyAll(task, back.operations(), RestoreStage.ROLLBACK, listener, new BadgeTranslator());
        if (undone.failure != null) {
            return failed(FailureReason.ROLLBACK_FAILED, cause + "; the rollback failed: " + undone.failure,
                    prepared, appliedCount, badges, check, back);
        }
        listener.stage(RestoreStage.ROLLBACK_VERIFY);
        try {
            DiffResult again = diff.compare(prepared.before().space(), reader.read(task), MatchKey.BADGE);
            if (again.hasChanges()) {
                return failed(FailureReason.ROLLBACK_INCOMPLETE, cause + "; after the rollback "
                        + again.differenceCount() + " difference(s) to the state before remain",
                        prepared, appliedCount, badges, check, back);
            }
        } catch (TargetException e) {
            return failed(FailureReason.ROLLBACK_FAILED, cause + "; walking after the rollback failed: "
                    + e.getMessage(), prepared, appliedCount, badges, check, back);
        }
        return result(RestoreOutcome.ROLLED_BACK, reason.name(), what + "; the target was put back as it was before"
                + " the restore", prepared.plan(), appliedCount, badges.translations(), check, back, List.of());
    }

    private RestoreResult failed(FailureReason reason, String message, PreparedRestore prepared, int appliedCount,
                                 BadgeTranslator badges, DiffResult check, RestorePlan back) {
        return result(RestoreOutcome.FAILED, reason.name(), message, prepared.plan(), appliedCount,
                badges.translations(), check, back, List.of());
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
