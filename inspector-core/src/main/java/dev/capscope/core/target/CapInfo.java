package dev.capscope.core.target;

import dev.capscope.core.model.ObjectKind;
import dev.capscope.core.model.Rights;

import java.util.Objects;

/**
 * What a target reports about one valid selector (the wire form, one per valid selector of a
 * range). {@code objectId} is the kernel's object id, {@link #UNKNOWN_ID} when the target cannot
 * tell; {@code label} is the IPC gate's label (the badge in Genode), null for other kinds;
 * {@code mappingCount} is how many slots in all spaces name the object, -1 when unknown.
 */
public record CapInfo(int selector, long objectId, ObjectKind kind, Rights rights, Long label, int mappingCount) {
    /** The object id of a slot whose object the target cannot name. */
    public static final long UNKNOWN_ID = -1;

    public CapInfo {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(rights, "rights");
        if (objectId < 0 && objectId != UNKNOWN_ID) {
            throw new IllegalArgumentException("object id " + objectId + " is negative");
        }
    }

    public boolean idKnown() {
        return objectId != UNKNOWN_ID;
    }
}
