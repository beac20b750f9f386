package dev.capscope.core.restore;

import dev.capscope.core.diff.DiffResult;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a restore ended.
 *
 * @param outcome           the stable outcome
 * @param code              stable detail code: "OK", a {@link RefusalReason}, {@link RollbackReason}
 *                          or {@link FailureReason} name
 * @param message           what happened, one or more sentences
 * @param plan              the plan that was (or would have been) applied
 * @param appliedSteps      how many plan operations the target completed
 * @param badgeTranslations recorded badge -> badge the server handed out, for re-created sessions
 * @param verification      the last identity-insensitive diff (snapshot vs. live after apply), null if none ran
 * @param rollbackPlan      the plan back to the state before, null unless a rollback was attempted
 * @param refusals          every refusal for REFUSED, else empty
 */
public record RestoreResult(RestoreOutcome outcome, String code, String message, RestorePlan plan, int appliedSteps,
                            Map<Long, Long> badgeTranslations, DiffResult verification, RestorePlan rollbackPlan,
                            List<Refusal> refusals) {
    public RestoreResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        badgeTranslations = Map.copyOf(badgeTranslations);
        refusals = List.copyOf(refusals);
    }

    public boolean succeeded() {
        return outcome == RestoreOutcome.RESTORED_VERIFIED;
    }

    /**
     * Snapshot badge -> badge on the target for every session the verification matched under another
     * badge (re-created ones and, in a migration, ones the target had already); empty if no
     * verification ran. {@link #badgeTranslations()} holds only the re-created ones.
     */
    public Map<Long, Long> badgeCorrespondence() {
        return BadgeCorrespondence.of(verification);
    }

    /** "ROLLED_BACK(VERIFY_FAILED): ..." — one line for the CLI. */
    public String summary() {
        return outcome == RestoreOutcome.RESTORED_VERIFIED ? outcome + ": " + message
                : outcome + "(" + code + "): " + message;
    }
}
