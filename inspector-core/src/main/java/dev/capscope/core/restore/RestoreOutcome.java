package dev.capscope.core.restore;

/** The stable outcome of a restore; names are codes scripts key on, with the CLI's exit code. */
public enum RestoreOutcome {
    /** Applied and verified: the live space equals the snapshot, identities aside. */
    RESTORED_VERIFIED(0),
    /** Preflight refused; nothing was changed. The result's code is a {@link RefusalReason}. */
    REFUSED(1),
    /** An operation or the verification failed and the target was put back as it was before. Code: a {@link RollbackReason}. */
    ROLLED_BACK(1),
    /** The restore failed and the rollback could not put the target back. Code: a {@link FailureReason}. */
    FAILED(2);

    private final int exitCode;

    RestoreOutcome(int exitCode) {
        this.exitCode = exitCode;
    }

    /** `capscope restore` exit code: 0 restored and verified, 1 refused or rolled back, 2 error. */
    public int exitCode() {
        return exitCode;
    }
}
