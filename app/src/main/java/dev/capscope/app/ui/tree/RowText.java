package dev.capscope.app.ui.tree;

import dev.capscope.app.ui.model.Row;
import dev.capscope.app.ui.settings.NumberBase;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Rows as text for the clipboard and for exports, with the texts the cells show: a row as
 * tab-separated cells, a row as a JSON object (every field, numbers as numbers).
 */
public final class RowText {
    private RowText() {
    }

    /** The given columns' cells of each row, tab-separated, one row a line. */
    public static String cells(List<Row> rows, List<TreeColumn> columns, NumberBase n) {
        return rows.stream().map(r -> columns.stream().map(c -> c.text(r, n)).collect(Collectors.joining("\t")))
                .collect(Collectors.joining("\n"));
    }

    /** A JSON array of the rows (an object when there is one). */
    public static String json(List<Row> rows) {
        if (rows.size() == 1) {
            return json(rows.get(0));
        }
        return rows.stream().map(RowText::json).collect(Collectors.joining(",\n", "[\n", "\n]"));
    }

    /** One row as a JSON object: selector and kcap as numbers, the other fields as shown. */
    public static String json(Row r) {
        StringBuilder b = new StringBuilder("{");
        if (r.isSelector()) {
            b.append("\"selector\": ").append(r.selector())
                    .append(", \"selectorHex\": ").append(quote("0x" + Integer.toHexString(r.selector())))
                    .append(", \"kcap\": ").append(quote(r.kcap()));
        } else {
            b.append("\"group\": ").append(quote(r.title()));
        }
        if (r.area() != null) b.append(", \"area\": ").append(quote(r.area().name().toLowerCase()));
        field(b, "role", r.role());
        field(b, "kind", r.objectKind());
        if (r.objectId() >= 0) b.append(", \"objectId\": ").append(r.objectId());
        if (!r.badge().isEmpty()) {
            b.append(", \"badge\": ").append(r.badge().chars().allMatch(Character::isDigit) ? r.badge() : quote(r.badge()));
        }
        if (!r.refs().isEmpty()) b.append(", \"refs\": ").append(r.refs());
        field(b, "rights", r.rights());
        field(b, "meaning", r.meaning());
        field(b, "status", r.status().label());
        if (!r.lint().isEmpty()) {
            b.append(", \"lint\": ").append(r.lint().stream().map(RowText::quote)
                    .collect(Collectors.joining(", ", "[", "]")));
        }
        return b.append('}').toString();
    }

    private static void field(StringBuilder b, String name, String value) {
        if (value != null && !value.isEmpty()) {
            b.append(", ").append(quote(name)).append(": ").append(quote(value));
        }
    }

    /** A JSON string literal. */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"').toString();
    }
}
