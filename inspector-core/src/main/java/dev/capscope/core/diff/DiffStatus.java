package dev.capscope.core.diff;

/** What happened to one selector or cap-map entry between the baseline (before) and after. */
public enum DiffStatus {
    /** Only in after. */
    ADDED,
    /** Only in the baseline. */
    REMOVED,
    /** On both sides, with at least one field that changes the meaning (kind, rights, semantics, ...). */
    CHANGED,
    /**
     * Same meaning, new identity: only the object id / gate label / badge differ, e.g. a session
     * re-created after a restore or the same component on another machine.
     */
    REBOUND,
    UNCHANGED
}
