package dev.capscope.core.restore;

/** Why a restore ended FAILED (stable codes): the target may now be in neither state. */
public enum FailureReason {
    /** The target failed before anything was changed (walk or generation check). */
    TARGET_ERROR,
    /** The rollback plan itself was refused by the preflight. */
    ROLLBACK_REFUSED,
    /** The target failed during the rollback. */
    ROLLBACK_FAILED,
    /** The rollback ran but the space still differs from the state before the restore. */
    ROLLBACK_INCOMPLETE
}
