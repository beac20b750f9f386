package dev.capscope.app.ui.diff;

import dev.capscope.core.diff.DiffStatus;
import dev.capscope.core.model.Selectors;
import dev.capscope.core.profile.Area;

import java.util.List;
import java.util.function.IntFunction;

/** What the diff map draws: per selector its area and the diff status of what sits there (null = empty on both sides). */
public final class DiffMapModel {
    public static final DiffMapModel EMPTY = new DiffMapModel(List.of(), s -> Area.COMPONENT);

    private final DiffStatus[] status = new DiffStatus[Selectors.COUNT];
    private final Area[] areas = new Area[Selectors.COUNT];
    private final String[] text = new String[Selectors.COUNT];

    public DiffMapModel(List<DiffRow> rows, IntFunction<Area> areaOf) {
        for (int s = 0; s < Selectors.COUNT; s++) {
            areas[s] = areaOf.apply(s);
        }
        for (DiffRow r : rows) {
            int s = r.selector();
            if (s < 0 || s >= Selectors.COUNT) continue;
            DiffStatus prev = status[s];
            status[s] = prev == null ? r.status() : dev.capscope.core.diff.SelectorRow.merge(prev, r.status());
            String line = r.statusLabel().isEmpty() ? "unchanged" : r.statusLabel();
            String more = r.changes();
            text[s] = (text[s] == null ? "" : text[s] + "\n") + line + (r.kind().isEmpty() ? "" : " · " + r.kind())
                    + (r.meaning().isEmpty() ? "" : " · " + r.meaning()) + (more.isEmpty() ? "" : "\n" + more);
        }
    }

    public DiffStatus status(int sel) { return status[sel]; }
    public Area area(int sel) { return areas[sel]; }

    public String describe(int sel) {
        return Selectors.format(sel) + "\n" + areas[sel].title() + "\n" + (text[sel] == null ? "empty on both sides" : text[sel]);
    }

    /** Counts of cells per status (for tests and the legend). */
    public int count(DiffStatus s) {
        int n = 0;
        for (DiffStatus x : status) {
            if (x == s) n++;
        }
        return n;
    }
}
