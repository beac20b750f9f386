package dev.capscope.core.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * One selector of a diff as people read it: its slot's and its cap-map entry's fate together
 * (either may be null), with one status. A session added at 0x303 is one row, not an added
 * slot plus an added entry; the diff's headline count counts these rows, so the window and the
 * command line say the same number.
 *
 * @param status the slot's and the entry's status joined by {@link #merge}
 */
public record SelectorRow(int selector, SlotDiff slot, CapMapDiff entry, DiffStatus status) {

    /**
     * Every row of a diff, by selector. Slots and entries pair up by the selector they are shown
     * at; should one selector carry several of either (possible when matching by badge), the
     * i-th slot pairs with the i-th entry.
     */
    public static List<SelectorRow> of(DiffResult diff) {
        TreeMap<Integer, List<SlotDiff>> slots = new TreeMap<>();
        for (SlotDiff d : diff.slots()) {
            slots.computeIfAbsent(d.selector(), k -> new ArrayList<>()).add(d);
        }
        TreeMap<Integer, List<CapMapDiff>> entries = new TreeMap<>();
        for (CapMapDiff d : diff.capMap()) {
            entries.computeIfAbsent(d.index(), k -> new ArrayList<>()).add(d);
        }
        java.util.TreeSet<Integer> selectors = new java.util.TreeSet<>(slots.keySet());
        selectors.addAll(entries.keySet());
        List<SelectorRow> out = new ArrayList<>(selectors.size());
        for (int sel : selectors) {
            List<SlotDiff> s = slots.getOrDefault(sel, List.of());
            List<CapMapDiff> e = entries.getOrDefault(sel, List.of());
            for (int i = 0; i < Math.max(s.size(), e.size()); i++) {
                SlotDiff sd = i < s.size() ? s.get(i) : null;
                CapMapDiff ed = i < e.size() ? e.get(i) : null;
                out.add(new SelectorRow(sel, sd, ed, merge(sd == null ? null : sd.status(),
                        ed == null ? null : ed.status())));
            }
        }
        return out;
    }

    /** The row's status: the same if equal, the one that is not UNCHANGED (then not REBOUND), else CHANGED. */
    public static DiffStatus merge(DiffStatus slot, DiffStatus entry) {
        if (slot == null) return entry;
        if (entry == null || slot == entry) return slot;
        if (slot == DiffStatus.UNCHANGED) return entry;
        if (entry == DiffStatus.UNCHANGED) return slot;
        if (slot == DiffStatus.REBOUND) return entry;
        if (entry == DiffStatus.REBOUND) return slot;
        return DiffStatus.CHANGED;
    }
}
