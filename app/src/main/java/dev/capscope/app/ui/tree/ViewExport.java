package dev.capscope.app.ui.tree;

import dev.capscope.app.ui.model.Row;
import dev.capscope.app.ui.settings.NumberBase;
import dev.capscope.core.json.SchemaVersions;
import dev.capscope.core.json.SortedJson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The tree as shown (filtered, sorted, the visible columns, the window's number base) as text,
 * CSV or JSON. Built from a copy of the rows taken on the UI thread; formatting runs anywhere.
 *
 * @param source  what is shown ("init -> timer @ unix:/tmp/capsim.sock", "snapshot log-client.json")
 * @param filter  the filter text in force ("" for none)
 * @param lines   every row in display order (collapsed groups included) with its depth and groups
 */
public record ViewExport(String source, String filter, List<TreeColumn> columns, NumberBase numbers,
                         List<Line> lines) {

    /** A row of the tree with its depth (0 = area) and the titles of the groups above it. */
    public record Line(int depth, List<String> groups, Row row) {
    }

    /** A copy of the rows below {@code root} as the tree shows them (UI thread). */
    public static ViewExport of(javafx.scene.control.TreeItem<Row> root, String source, String filter,
                                List<TreeColumn> columns, NumberBase numbers) {
        List<Line> lines = new ArrayList<>();
        collect(root, 0, List.of(), lines);
        return new ViewExport(source, filter, columns, numbers, lines);
    }

    private static void collect(javafx.scene.control.TreeItem<Row> item, int depth, List<String> groups, List<Line> out) {
        for (javafx.scene.control.TreeItem<Row> c : item.getChildren()) {
            Row r = c.getValue();
            out.add(new Line(depth, groups, r));
            if (!c.getChildren().isEmpty()) {
                List<String> below = new ArrayList<>(groups);
                below.add(r.title().replaceAll("\\s+\\(\\d+\\)$", "")); // without the "  (12)" count
                collect(c, depth + 1, List.copyOf(below), out);
            }
        }
    }

    /** The format a file name asks for: .csv, .json, anything else text. */
    public String format(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        return n.endsWith(".csv") ? csv() : n.endsWith(".json") ? json() : text();
    }

    /** The tree as aligned text: groups indented, each column padded to its widest cell. */
    public String text() {
        int[] width = new int[columns.size()];
        List<String[]> cells = new ArrayList<>();
        String[] header = columns.stream().map(TreeColumn::title).toArray(String[]::new);
        cells.add(header);
        for (Line l : lines) {
            String[] c = new String[columns.size()];
            for (int i = 0; i < c.length; i++) {
                c[i] = columns.get(i).text(l.row(), numbers);
                if (i == 0) c[i] = "  ".repeat(l.depth()) + c[i];
            }
            cells.add(c);
        }
        for (String[] c : cells) {
            for (int i = 0; i < c.length; i++) width[i] = Math.max(width[i], c[i].length());
        }
        StringBuilder b = new StringBuilder("# ").append(source);
        if (!filter.isEmpty()) b.append("  (filter: ").append(filter).append(')');
        b.append('\n');
        for (String[] c : cells) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < c.length; i++) {
                line.append(c[i]);
                if (i < c.length - 1) line.append(" ".repeat(width[i] - c[i].length() + 2));
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
        return b.toString();
    }

    /** One CSV record per selector row: its group path, then the visible columns (RFC 4180 quoting). */
    public String csv() {
        StringBuilder b = new StringBuilder("group");
        columns.forEach(c -> b.append(',').append(csvCell(c.title())));
        b.append("\r\n");
        for (Line l : lines) {
            if (!l.row().isSelector()) continue;
            b.append(csvCell(String.join(" / ", l.groups())));
            columns.forEach(c -> b.append(',').append(csvCell(c.text(l.row(), numbers))));
            b.append("\r\n");
        }
        return b.toString();
    }

    /**
     * {"schemaVersion", "source", "filter", "rows": [{"groups": [...], selector, kcap, role, ...}]} for
     * selector rows (docs/schema/view-export.schema.json), written by the one sorted JSON writer.
     */
    public String json() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Line l : lines) {
            if (!l.row().isSelector()) continue;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("groups", l.groups());
            row.putAll(RowText.fields(l.row()));
            rows.add(row);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put(SchemaVersions.FIELD, SchemaVersions.VIEW_EXPORT);
        doc.put("source", source);
        doc.put("filter", filter);
        doc.put("rows", rows);
        try {
            return SortedJson.write(doc) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot render the view as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String csvCell(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
