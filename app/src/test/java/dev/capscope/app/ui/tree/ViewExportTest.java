package dev.capscope.app.ui.tree;

import dev.capscope.app.ui.model.Row;
import dev.capscope.app.ui.model.RowKind;
import dev.capscope.app.ui.model.RowStatus;
import dev.capscope.app.ui.settings.NumberBase;
import dev.capscope.core.profile.Area;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ViewExportTest {
    private static final Row AREA = Row.group("area:COMPONENT", RowKind.AREA, Area.COMPONENT, "component area  (1)", "");
    private static final Row LOG = new Row("s:770", RowKind.SELECTOR, Area.COMPONENT, 770, "0x302", "cap map", "Ipc_gate",
            679, "48", "1", "RWS", "LOG 'init -> log_client, \"x\"' @core", RowStatus.NORMAL, List.of(), false, false);
    private static final List<TreeColumn> COLS = List.of(TreeColumn.SELECTOR, TreeColumn.BADGE, TreeColumn.MEANING);
    private final ViewExport export = new ViewExport("snapshot log-client.json", "LOG", COLS, NumberBase.BOTH,
            List.of(new ViewExport.Line(0, List.of(), AREA), new ViewExport.Line(1, List.of("component area"), LOG)));

    @Test
    void csvQuotesAndKeepsTheGroupPath() {
        assertEquals("group,Selector,Badge,Meaning\r\n"
                + "component area,0x302 (770),0x30 (48),\"LOG 'init -> log_client, \"\"x\"\"' @core\"\r\n", export.csv());
    }

    @Test
    void textIndentsAndAligns() {
        assertEquals("# snapshot log-client.json  (filter: LOG)\n"
                + "Selector             Badge      Meaning\n"
                + "component area  (1)\n"
                + "  0x302 (770)        0x30 (48)  LOG 'init -> log_client, \"x\"' @core\n", export.text());
    }

    @Test
    void jsonHasNumbersAsNumbersAndTheGroups() throws Exception {
        dev.capscope.app.schema.JsonSchemas.assertValid("view-export", export.json());
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(export.json());
        assertEquals(dev.capscope.core.json.SchemaVersions.VIEW_EXPORT, tree.get("schemaVersion").asText());
        assertEquals("LOG", tree.get("filter").asText());
        var row = tree.get("rows").get(0);
        assertEquals(770, row.get("selector").asInt());
        assertEquals(48, row.get("badge").asInt());
        assertEquals(679, row.get("objectId").asInt());
        assertEquals("component area", row.get("groups").get(0).asText());
        assertEquals("LOG 'init -> log_client, \"x\"' @core", row.get("meaning").asText());
    }

    @Test
    void theFileNameChoosesTheFormat() {
        assertEquals(export.csv(), export.format("v.CSV"));
        assertEquals(export.json(), export.format("v.json"));
        assertEquals(export.text(), export.format("v.txt"));
    }
}
