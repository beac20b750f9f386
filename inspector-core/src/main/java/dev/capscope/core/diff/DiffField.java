package dev.capscope.core.diff;

/**
 * A compared field of a slot or a cap-map entry. Identity fields name <em>which</em> object or
 * session it is; a row whose only changes are identity fields is {@link DiffStatus#REBOUND}
 * (when its meaning is known), any other change makes it {@link DiffStatus#CHANGED}.
 */
public enum DiffField {
    /** Selector / cap-map index: differs only under {@link MatchKey#BADGE} (the cap moved). */
    SELECTOR("selector", "selector", false),
    OBJECT_KIND("kind", "kind", false),
    OBJECT_ID("objectId", "object id", true),
    RIGHTS("rights", "rights", false),
    /** IPC gate label; in Genode the badge. */
    GATE_LABEL("gateLabel", "gate label", true),
    ROLE("role", "role", false),
    RAW_ID("rawId", "raw id", true),
    REF_COUNT("refCount", "ref count", false),
    INTERFACE("interface", "interface", false),
    SESSION_LABEL("sessionLabel", "session label", false),
    ARGS("args", "args", false),
    SERVER("server", "server", false),
    QUOTA("quota", "quota", false);

    private final String key;
    private final String title;
    private final boolean identity;

    DiffField(String key, String title, boolean identity) {
        this.key = key;
        this.title = title;
        this.identity = identity;
    }

    /** The stable machine name of the field in JSON output ("rawId", "sessionLabel"); never renamed. */
    public String key() {
        return key;
    }

    /** The name people read ("raw id"). */
    public String title() {
        return title;
    }

    public boolean identity() {
        return identity;
    }
}
