package dev.capscope.core.profile;

import java.util.Objects;

/**
 * What a profile says a selector is for.
 *
 * @param area        area of the space
 * @param role        readable role, e.g. "parent", "thread 2 pager", "cap map", "beyond allocator"
 * @param threadIndex thread index for a per-thread slot, else -1
 * @param threadSlot  per-thread slot name ("gate", "pager", ...) for a per-thread slot, else null
 */
public record SelectorRole(Area area, String role, int threadIndex, String threadSlot) {
    public SelectorRole {
        Objects.requireNonNull(area, "area");
        Objects.requireNonNull(role, "role");
    }

    public boolean isThreadSlot() {
        return threadIndex >= 0;
    }
}
