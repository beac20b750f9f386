package dev.capscope.core.restore;

/** The phases of a restore plan, in the order they run. */
public enum Phase {
    /** Unmap caps and clear entries that the wanted state does not have (or has differently). */
    REMOVE_EXTRAS("remove extras"),
    /** Move caps that sit at another selector than wanted (by grant; entries follow). */
    REBIND_MOVED("re-bind moved caps"),
    /** Re-create missing sessions and objects with their recorded arguments. */
    RECREATE_MISSING("re-create missing"),
    /** Take rights away where the wanted cap has fewer (grant to a scratch slot and back). */
    FIX_RIGHTS("reduce rights"),
    /** Correct cap-map entries whose ref count or semantics differ. */
    FIX_CAP_MAP("fix cap-map entries");

    private final String title;

    Phase(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
