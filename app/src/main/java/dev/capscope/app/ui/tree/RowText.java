package dev.capscope.app.ui.tree;

import dev.capscope.app.ui.copy.CopyJson;
import dev.capscope.app.ui.model.Row;
import dev.capscope.app.ui.settings.NumberBase;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Rows as text for the clipboard and for exports, with the texts the cells show: a row as
 * tab-separated cells, rows as the "Copy as JSON" document (every field, numbers as numbers).
 */
public final class RowText {
    private RowText() {
    }

    /** The given columns' cells of each row, tab-separated, one row a line. */
    public static String cells(List<Row> rows, List<TreeColumn> columns, NumberBase n) {
        return rows.stream().map(r -> columns.stream().map(c -> c.text(r, n)).collect(Collectors.joining("\t")))
                .collect(Collectors.joining("\n"));
    }

    /** The rows as the Copy as JSON document of the tree (docs/schema/copy.schema.json). */
    public static String json(List<Row> rows) {
        return CopyJson.document(CopyJson.TREE, rows.stream().map(RowText::fields).toList());
    }

    /**
     * One row's fields: a selector row with selector (number), selectorHex and kcap, or a group row
     * with its title as {@code group}; then what is known of it, absent fields left out. The same
     * fields are a row of the view export (docs/schema/view-export.schema.json).
     */
    public static Map<String, Object> fields(Row r) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (r.isSelector()) {
            m.put("selector", r.selector());
            m.put("selectorHex", "0x" + Integer.toHexString(r.selector()));
            m.put("kcap", r.kcap());
        } else {
            m.put("group", r.title());
        }
        if (r.area() != null) m.put("area", r.area().name().toLowerCase());
        text(m, "role", r.role());
        text(m, "kind", r.objectKind());
        if (r.objectId() >= 0) m.put("objectId", r.objectId());
        if (!r.badge().isEmpty()) m.put("badge", number(r.badge()) != null ? number(r.badge()) : r.badge());
        if (number(r.refs()) != null) m.put("refs", number(r.refs()));
        text(m, "rights", r.rights());
        text(m, "meaning", r.meaning());
        text(m, "status", r.status().label());
        if (!r.lint().isEmpty()) m.put("lint", r.lint());
        return m;
    }

    /** The cell's text as a number when it is one (a badge, a reference count), else null ("none"). */
    private static Long number(String s) {
        if (s.isEmpty() || !s.chars().allMatch(c -> c >= '0' && c <= '9')) return null;
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException tooLong) {
            return null;
        }
    }

    private static void text(Map<String, Object> m, String name, String value) {
        if (value != null && !value.isEmpty()) {
            m.put(name, value);
        }
    }
}
