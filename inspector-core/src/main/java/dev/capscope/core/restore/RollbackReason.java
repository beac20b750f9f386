package dev.capscope.core.restore;

/** Why a restore was rolled back (stable codes). */
public enum RollbackReason {
    /** The target failed an operation of the plan. */
    OPERATION_FAILED,
    /** Every operation ran, but walking again showed the space differs from the snapshot. */
    VERIFY_FAILED
}
