package dev.capscope.core.model;

import java.util.Objects;

/**
 * One kernel object, held at one or more selectors. {@code id} is the target's global object id
 * (l4sim's id, or the debugger object's id on a real kernel); {@code label} is an IPC gate's label
 * (in Genode the badge), null for other kinds or when unknown.
 *
 * <p>A target that cannot name objects (a kernel without the debugger object) still reports kind,
 * label and rights per slot. Such an object gets {@link #unidentifiedKey(int)} as its id: a key
 * below zero that is unique to the one slot holding it, since nothing says two such slots share an
 * object. It keys the space's object table and is never written to a file or shown; {@link
 * #idKnown()} tells the two apart.
 */
public record KernelObject(long id, ObjectKind kind, Long label) {
    public KernelObject {
        Objects.requireNonNull(kind, "kind");
    }

    /** The object at a selector whose id the target did not report. */
    public static KernelObject unidentified(int selector, ObjectKind kind, Long label) {
        return new KernelObject(unidentifiedKey(selector), kind, label);
    }

    /** The table key of the unidentified object at a selector (below zero, one per selector). */
    public static long unidentifiedKey(int selector) {
        return -1L - selector;
    }

    /** Whether {@link #id()} is the target's object id rather than a key standing in for it. */
    public boolean idKnown() {
        return id >= 0;
    }

    /** The id as shown to people: the number, or "unknown". */
    public String idText() {
        return idKnown() ? Long.toString(id) : "unknown";
    }

    /** Whether two objects are known to be one: both ids known and equal. */
    public boolean sameAs(KernelObject other) {
        return other != null && idKnown() && other.idKnown() && id == other.id;
    }
}
