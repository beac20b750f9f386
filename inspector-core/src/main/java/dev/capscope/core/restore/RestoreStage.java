package dev.capscope.core.restore;

/** Where a running restore is, for progress display. */
public enum RestoreStage {
    WALK_BEFORE,
    APPLY,
    VERIFY,
    ROLLBACK,
    ROLLBACK_VERIFY
}
