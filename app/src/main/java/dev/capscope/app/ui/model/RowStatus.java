package dev.capscope.app.ui.model;

/**
 * Live and diff marks of a row. Live: {@link #NEW} flashes after a refresh (never on the first
 * load), {@link #REMOVED} lingers greyed for a few seconds, {@link #CHANGED} flashes a changed
 * row. Diff: the statuses of a diff against a baseline.
 */
public enum RowStatus {
    NORMAL(""),
    NEW("new"),
    REMOVED("removed"),
    CHANGED("changed"),
    DIFF_ADDED("added"),
    DIFF_REMOVED("removed"),
    DIFF_CHANGED("changed"),
    DIFF_REBOUND("rebound");

    private final String label;

    RowStatus(String label) {
        this.label = label;
    }

    /** Text for the status column ("" for normal rows). */
    public String label() {
        return label;
    }

    /** CSS pseudo-class name for the row, or null for normal rows. */
    public String pseudoClass() {
        return switch (this) {
            case NORMAL -> null;
            case NEW -> "new";
            case REMOVED -> "removed";
            case CHANGED -> "changed";
            case DIFF_ADDED -> "diff-added";
            case DIFF_REMOVED -> "diff-removed";
            case DIFF_CHANGED -> "diff-changed";
            case DIFF_REBOUND -> "diff-rebound";
        };
    }
}
