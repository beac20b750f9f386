package dev.capscope.app.ui.diff;

import dev.capscope.app.ui.copy.CopyJson;
import dev.capscope.core.model.Selectors;
import dev.capscope.core.report.DiffReport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Diff rows as the Copy as JSON document of the diff view (docs/schema/copy.schema.json): per
 * selector its status and area, and its slot and cap-map entry rows exactly as {@code diff --json}
 * writes them (typed before/after sides and field-level changes; null where there is none).
 */
final class DiffRowText {
    private DiffRowText() {
    }

    /** The selector rows (group rows are left out by the caller). */
    static String json(List<DiffRow> rows) {
        return CopyJson.document(CopyJson.DIFF, rows.stream().map(DiffRowText::fields).toList());
    }

    static Map<String, Object> fields(DiffRow r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("selector", r.selector());
        m.put("selectorHex", "0x" + Integer.toHexString(r.selector()));
        m.put("kcap", Selectors.formatKcap(r.selector()));
        m.put("status", r.status().name().toLowerCase());
        m.put("area", r.area() == null ? null : r.area().name().toLowerCase());
        m.put("meaning", r.meaning());
        m.put("slot", r.slot() == null ? null : DiffReport.slotRow(r.slot()));
        m.put("capMap", r.entry() == null ? null : DiffReport.capMapRow(r.entry()));
        return m;
    }
}
