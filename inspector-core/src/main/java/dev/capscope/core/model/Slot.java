package dev.capscope.core.model;

import java.util.Objects;

/**
 * A valid selector in the walked space: which object it names and with which rights. Empty
 * selectors are not represented. {@code objectId} keys the space's object table (below zero for an
 * object the target could not name, see {@link KernelObject#unidentifiedKey(int)}). {@code role} is
 * the profile's name for the selector at walk time (e.g. "parent", "thread 2 pager", "cap map"),
 * kept so a snapshot reads on its own.
 */
public record Slot(int selector, long objectId, Rights rights, String role) {
    public Slot {
        if (!Selectors.inRange(selector)) {
            throw new IllegalArgumentException("selector out of range 0..4296: " + selector);
        }
        Objects.requireNonNull(rights, "rights");
        Objects.requireNonNull(role, "role");
    }
}
