package dev.capscope.core.model;

import java.util.Objects;

/**
 * One entry of Genode's per-component cap map ({@code Cap_index}): array index (= selector, kcap =
 * index << 12), raw id and reference count. Raw id 0 = free (never stored here), 0xFFFF = allocated
 * without badge (receive windows), anything else = the badge, i.e. the global capability id.
 */
public record CapMapEntry(int index, long rawId, int refCount, Semantics semantics) {
    public static final long NO_BADGE = 0xFFFF;

    public CapMapEntry {
        if (!Selectors.inRange(index)) {
            throw new IllegalArgumentException("cap-map index out of range 0..4296: " + index);
        }
        if (rawId <= 0) {
            throw new IllegalArgumentException("cap-map entry " + index + " has raw id " + rawId + " (0 means free)");
        }
        if (refCount < 0 || refCount > 255) {
            throw new IllegalArgumentException("cap-map entry " + index + " ref count out of 0..255: " + refCount);
        }
        semantics = Objects.requireNonNullElse(semantics, Semantics.NONE);
    }

    public boolean hasBadge() {
        return rawId != NO_BADGE;
    }

    /** The badge, or null for an entry allocated without one. */
    public Long badge() {
        return hasBadge() ? rawId : null;
    }
}
