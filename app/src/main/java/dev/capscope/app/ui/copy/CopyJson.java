package dev.capscope.app.ui.copy;

import dev.capscope.core.json.SchemaVersions;
import dev.capscope.core.json.SortedJson;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The window's "Copy as JSON" as one document (docs/schema/copy.schema.json): its schemaVersion, the
 * view the rows come from ({@link #TREE} or {@link #DIFF}) and the rows, written by the project's one
 * sorted JSON writer so a script reads the clipboard like any other Capscope output.
 */
public final class CopyJson {
    /** Rows of the cap-space tree. */
    public static final String TREE = "tree";
    /** Rows of the diff view's tree. */
    public static final String DIFF = "diff";

    private CopyJson() {
    }

    public static String document(String view, List<Map<String, Object>> rows) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put(SchemaVersions.FIELD, SchemaVersions.COPY);
        doc.put("view", view);
        doc.put("rows", rows);
        try {
            return SortedJson.write(doc) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot render the rows as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
