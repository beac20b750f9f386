package dev.capscope.core.diff;

import dev.capscope.core.model.KernelObject;
import dev.capscope.core.model.ObjectKind;
import dev.capscope.core.model.Slot;
import dev.capscope.core.profile.Area;

import java.util.List;
import java.util.Objects;

/**
 * The fate of one valid selector. {@code before}/{@code after} (and their objects) are null on the
 * side where the selector is empty. Under {@link MatchKey#BADGE} the two sides may sit at
 * different selectors (the cap moved); then {@link #changes()} holds a SELECTOR change.
 *
 * @param area    area of {@link #selector()} under the profile
 * @param changes field-level before/after, empty for ADDED, REMOVED and UNCHANGED
 */
public record SlotDiff(DiffStatus status, Slot before, KernelObject beforeObject, Slot after,
                       KernelObject afterObject, Area area, List<FieldChange> changes) {
    public SlotDiff {
        Objects.requireNonNull(status, "status");
        if (before == null && after == null) {
            throw new IllegalArgumentException("a slot diff needs at least one side");
        }
        changes = List.copyOf(changes);
    }

    /** The selector the row is shown at: the after side's when present, else the baseline's. */
    public int selector() {
        return after != null ? after.selector() : before.selector();
    }

    /** Baseline selector, -1 when ADDED. */
    public int beforeSelector() {
        return before == null ? -1 : before.selector();
    }

    /** After selector, -1 when REMOVED. */
    public int afterSelector() {
        return after == null ? -1 : after.selector();
    }

    /** The kind counted for this row: the after object's when present, else the baseline's. */
    public ObjectKind kind() {
        KernelObject o = afterObject != null ? afterObject : beforeObject;
        return o == null ? ObjectKind.UNKNOWN : o.kind();
    }

    public boolean moved() {
        return before != null && after != null && before.selector() != after.selector();
    }
}
