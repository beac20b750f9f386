package dev.capscope.app.ui.diff;

import dev.capscope.app.ui.tree.RowText;

import java.util.List;
import java.util.stream.Collectors;

/** Diff rows as JSON for the clipboard: selector, status, kind, badge, meaning, field changes. */
final class DiffRowText {
    private DiffRowText() {
    }

    static String json(List<DiffRow> rows) {
        if (rows.size() == 1) return json(rows.get(0));
        return rows.stream().map(DiffRowText::json).collect(Collectors.joining(",\n", "[\n", "\n]"));
    }

    static String json(DiffRow r) {
        StringBuilder b = new StringBuilder("{\"selector\": ").append(r.selector())
                .append(", \"selectorHex\": ").append(RowText.quote("0x" + Integer.toHexString(r.selector())))
                .append(", \"status\": ").append(RowText.quote(r.status() == null ? "" : r.status().name().toLowerCase()));
        if (r.area() != null) b.append(", \"area\": ").append(RowText.quote(r.area().name().toLowerCase()));
        if (!r.kind().isEmpty()) b.append(", \"kind\": ").append(RowText.quote(r.kind()));
        if (!r.badge().isEmpty()) b.append(", \"badge\": ").append(RowText.quote(r.badge()));
        if (!r.meaning().isEmpty()) b.append(", \"meaning\": ").append(RowText.quote(r.meaning()));
        if (!r.changes().isEmpty()) b.append(", \"changes\": ").append(RowText.quote(r.changes()));
        return b.append('}').toString();
    }
}
