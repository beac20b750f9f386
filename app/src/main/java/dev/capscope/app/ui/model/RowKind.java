package dev.capscope.app.ui.model;

/** What a row of the cap-space tree stands for. */
public enum RowKind {
    /** An area of the space (fixed slots, thread slots, component area, ...). */
    AREA,
    /** One thread's slot group. */
    THREAD,
    /** A group of cap-map entries (by interface, kind or range). */
    GROUP,
    /** A selector: a valid slot, a cap-map entry, or both; or an empty slot shown on demand. */
    SELECTOR;

    public boolean isGroup() {
        return this != SELECTOR;
    }
}
