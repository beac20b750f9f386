package dev.capscope.app.ui.diff;

import dev.capscope.core.diff.DiffResult;
import dev.capscope.core.diff.DiffStatus;
import dev.capscope.core.diff.SelectorRow;
import dev.capscope.core.profile.Area;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link DiffResult} into rows: one per selector, joining the slot's and the cap-map
 * entry's fate (pure; a 4,000-entry diff takes a few milliseconds). Rows are grouped by area.
 */
public final class DiffRows {
    private DiffRows() {
    }

    /** An area with its rows; the group row's title carries the area's counts. */
    public record Group(DiffRow row, List<DiffRow> rows) {
    }

    /** Every row of the diff, unchanged ones included, by selector (the core's {@link SelectorRow}s). */
    public static List<DiffRow> rows(DiffResult diff) {
        List<DiffRow> out = new ArrayList<>();
        int last = -1;
        int dup = 0;
        for (SelectorRow r : SelectorRow.of(diff)) {
            dup = r.selector() == last ? dup + 1 : 0;
            last = r.selector();
            Area area = r.slot() != null ? r.slot().area() : r.entry().area();
            String key = "s:" + r.selector() + (dup == 0 ? "" : "#" + dup);
            out.add(new DiffRow(key, r.selector(), area, r.status(), "0x" + Integer.toHexString(r.selector()),
                    r.slot(), r.entry()));
        }
        return out;
    }

    /** Rows grouped by area (in area order); {@code changesOnly} leaves out UNCHANGED rows and empty groups. */
    public static List<Group> groups(List<DiffRow> rows, boolean changesOnly) {
        return groups(rows, changesOnly, DiffRowFilter.ALL);
    }

    /** As {@link #groups(List, boolean)}, keeping only rows the filter passes (areas keep their full counts). */
    public static List<Group> groups(List<DiffRow> rows, boolean changesOnly, DiffRowFilter filter) {
        Map<Area, List<DiffRow>> byArea = new EnumMap<>(Area.class);
        Map<Area, int[]> counts = new EnumMap<>(Area.class);
        for (DiffRow r : rows) {
            counts.computeIfAbsent(r.area(), k -> new int[DiffStatus.values().length])[r.status().ordinal()]++;
            if (changesOnly && r.status() == DiffStatus.UNCHANGED || !filter.test(r)) continue;
            byArea.computeIfAbsent(r.area(), k -> new ArrayList<>()).add(r);
        }
        List<Group> out = new ArrayList<>();
        for (Map.Entry<Area, int[]> e : counts.entrySet()) {
            List<DiffRow> l = byArea.getOrDefault(e.getKey(), List.of());
            if ((changesOnly || !filter.isAll()) && l.isEmpty()) continue;
            int[] c = e.getValue();
            String title = e.getKey().title() + "  (" + countText(c) + ")";
            out.add(new Group(DiffRow.group(e.getKey(), title), l));
        }
        return out;
    }

    static String countText(int[] c) {
        return "+" + c[DiffStatus.ADDED.ordinal()] + " −" + c[DiffStatus.REMOVED.ordinal()] + " ~"
                + c[DiffStatus.CHANGED.ordinal()] + " rebound " + c[DiffStatus.REBOUND.ordinal()]
                + " =" + c[DiffStatus.UNCHANGED.ordinal()];
    }
}
