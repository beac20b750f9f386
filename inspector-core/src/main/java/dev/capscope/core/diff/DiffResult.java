package dev.capscope.core.diff;

import dev.capscope.core.model.ObjectKind;
import dev.capscope.core.profile.Area;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The comparison of a baseline with an after space. Rows are sorted by the selector they are shown
 * at (after side first, baseline for removed rows), then by baseline selector, so equal inputs give
 * equal results. Every row is present, UNCHANGED ones included; {@link #slotChanges()} and
 * {@link #capMapChanges()} filter.
 *
 * @param slotsByKind    slot rows per object kind (after kind, baseline kind for removed rows), kinds
 *                       with no rows left out, in enum order
 * @param slotsByArea    slot rows per area of the profile, in enum order
 * @param capMapByArea   cap-map rows per area, in enum order
 * @param threads        one row per thread index on either side, by index (UNCHANGED included)
 */
public record DiffResult(MatchKey matchKey, List<SlotDiff> slots, List<CapMapDiff> capMap,
                         StatusCounts slotTotals, StatusCounts capMapTotals,
                         Map<ObjectKind, StatusCounts> slotsByKind, Map<Area, StatusCounts> slotsByArea,
                         Map<Area, StatusCounts> capMapByArea, List<ThreadDiff> threads) {
    public DiffResult {
        Objects.requireNonNull(matchKey, "matchKey");
        slots = List.copyOf(slots);
        capMap = List.copyOf(capMap);
        slotsByKind = enumOrdered(slotsByKind);
        slotsByArea = enumOrdered(slotsByArea);
        capMapByArea = enumOrdered(capMapByArea);
        threads = List.copyOf(threads);
    }

    private static <K extends Enum<K>> Map<K, StatusCounts> enumOrdered(Map<K, StatusCounts> m) {
        return m.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(m));
    }

    /**
     * True when no row is a difference under the match key (REBOUND is one only under SELECTOR)
     * and no thread was added, removed or changed.
     */
    public boolean isEmpty() {
        return differenceCount() == 0;
    }

    public boolean hasChanges() {
        return !isEmpty();
    }

    /**
     * Number of selectors that differ under the match key (a selector whose slot and cap-map entry
     * both changed counts once, {@link SelectorRow}), plus the threads that changed.
     */
    public int differenceCount() {
        int n = threadChanges().size();
        for (SelectorRow r : SelectorRow.of(this)) {
            if (matchKey.isDifference(r.status())) n++;
        }
        return n;
    }

    /** Thread rows other than UNCHANGED. */
    public List<ThreadDiff> threadChanges() {
        return threads.stream().filter(d -> d.status() != DiffStatus.UNCHANGED).toList();
    }

    /** Slot rows other than UNCHANGED (REBOUND included: it is worth showing under either key). */
    public List<SlotDiff> slotChanges() {
        return slots.stream().filter(d -> d.status() != DiffStatus.UNCHANGED).toList();
    }

    public List<CapMapDiff> capMapChanges() {
        return capMap.stream().filter(d -> d.status() != DiffStatus.UNCHANGED).toList();
    }

    public StatusCounts slotCounts(ObjectKind kind) {
        return slotsByKind.getOrDefault(kind, StatusCounts.ZERO);
    }

    public StatusCounts slotCounts(Area area) {
        return slotsByArea.getOrDefault(area, StatusCounts.ZERO);
    }

    public StatusCounts capMapCounts(Area area) {
        return capMapByArea.getOrDefault(area, StatusCounts.ZERO);
    }
}
