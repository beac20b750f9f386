package dev.capscope.core.model;

import java.util.Objects;

/**
 * One kernel object, held at one or more selectors. {@code id} is the target's global object id
 * (l4sim's id, or the debugger object's id on a real kernel); {@code label} is an IPC gate's label
 * (in Genode the badge), null for other kinds or when unknown.
 */
public record KernelObject(long id, ObjectKind kind, Long label) {
    public KernelObject {
        Objects.requireNonNull(kind, "kind");
    }
}
