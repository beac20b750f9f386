package dev.capscope.core.diff;

/**
 * How the diff pairs the two sides.
 *
 * <p>{@link #SELECTOR} compares selector with selector and cap-map index with index; identities
 * count, so a re-created session (new badge, new object) is a difference ({@link DiffStatus#REBOUND}).
 *
 * <p>{@link #BADGE} pairs cap-map entries by badge and by meaning (interface, label, args, server),
 * so a cap that moved to another selector or got a new badge is matched rather than reported as
 * added + removed. It is identity-insensitive: REBOUND rows are shown but are not differences.
 * Restore verification uses this key.
 */
public enum MatchKey {
    SELECTOR(true),
    BADGE(false);

    private final boolean identitySensitive;

    MatchKey(boolean identitySensitive) {
        this.identitySensitive = identitySensitive;
    }

    /** True when a new identity with the same meaning (REBOUND) counts as a difference. */
    public boolean identitySensitive() {
        return identitySensitive;
    }

    /** Whether a row with this status makes two spaces different under this key. */
    public boolean isDifference(DiffStatus status) {
        return switch (status) {
            case UNCHANGED -> false;
            case REBOUND -> identitySensitive;
            case ADDED, REMOVED, CHANGED -> true;
        };
    }
}
