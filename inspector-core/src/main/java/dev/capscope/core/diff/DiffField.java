package dev.capscope.core.diff;

/**
 * A compared field of a slot or a cap-map entry. Identity fields name <em>which</em> object or
 * session it is; a row whose only changes are identity fields is {@link DiffStatus#REBOUND}
 * (when its meaning is known), any other change makes it {@link DiffStatus#CHANGED}.
 */
public enum DiffField {
    /** Selector / cap-map index: differs only under {@link MatchKey#BADGE} (the cap moved). */
    SELECTOR("selector", false),
    OBJECT_KIND("kind", false),
    OBJECT_ID("object id", true),
    RIGHTS("rights", false),
    /** IPC gate label; in Genode the badge. */
    GATE_LABEL("gate label", true),
    ROLE("role", false),
    RAW_ID("raw id", true),
    REF_COUNT("ref count", false),
    INTERFACE("interface", false),
    SESSION_LABEL("session label", false),
    ARGS("args", false),
    SERVER("server", false),
    QUOTA("quota", false);

    private final String title;
    private final boolean identity;

    DiffField(String title, boolean identity) {
        this.title = title;
        this.identity = identity;
    }

    public String title() {
        return title;
    }

    public boolean identity() {
        return identity;
    }
}
