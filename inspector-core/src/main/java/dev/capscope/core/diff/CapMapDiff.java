package dev.capscope.core.diff;

import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.profile.Area;

import java.util.List;
import java.util.Objects;

/**
 * The fate of one cap-map entry. {@code before}/{@code after} are null on the side where the
 * entry does not exist. Under {@link MatchKey#BADGE} the sides may sit at different indexes.
 */
public record CapMapDiff(DiffStatus status, CapMapEntry before, CapMapEntry after, Area area,
                         List<FieldChange> changes) {
    public CapMapDiff {
        Objects.requireNonNull(status, "status");
        if (before == null && after == null) {
            throw new IllegalArgumentException("a cap-map diff needs at least one side");
        }
        changes = List.copyOf(changes);
    }

    /** The index the row is shown at: the after side's when present, else the baseline's. */
    public int index() {
        return after != null ? after.index() : before.index();
    }

    public int beforeIndex() {
        return before == null ? -1 : before.index();
    }

    public int afterIndex() {
        return after == null ? -1 : after.index();
    }

    public boolean moved() {
        return before != null && after != null && before.index() != after.index();
    }
}
