package dev.capscope.app.ui.diff;

import dev.capscope.core.diff.DiffResult;
import dev.capscope.core.diff.StatusCounts;

import java.util.ArrayList;
import java.util.List;

/** One line of the per-kind counts table: slots of a kernel object kind, all slots, or cap-map entries. */
public record KindCount(String what, StatusCounts counts) {
    public static final String ALL_SLOTS = "all slots";
    public static final String CAP_MAP = "cap-map entries";

    public static List<KindCount> of(DiffResult d) {
        List<KindCount> l = new ArrayList<>();
        d.slotsByKind().forEach((k, c) -> l.add(new KindCount(k.kernelName(), c)));
        l.add(new KindCount(ALL_SLOTS, d.slotTotals()));
        l.add(new KindCount(CAP_MAP, d.capMapTotals()));
        return l;
    }
}
