package dev.capscope.core.restore;

import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.Rights;

/**
 * A cap to move from one selector to another. {@code entryToSet} is the cap-map entry to write at
 * the destination (null when the wanted state has none there); {@code clearSource} says whether the
 * source has an entry to clear.
 */
record Move(int from, int to, Rights rights, CapMapEntry entryToSet, boolean clearSource) {
    Move from(int newFrom, boolean newClearSource) {
        return new Move(newFrom, to, rights, entryToSet, newClearSource);
    }
}
