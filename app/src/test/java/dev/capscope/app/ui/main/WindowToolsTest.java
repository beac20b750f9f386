package dev.capscope.app.ui.main;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.capscope.app.schema.JsonSchemas;
import dev.capscope.app.ui.model.Row;
import dev.capscope.app.ui.settings.NumberBase;
import dev.capscope.app.ui.task.FxTaskRunner;
import dev.capscope.app.ui.testing.CapscopeHarness;
import dev.capscope.app.ui.testing.CapscopePage;
import dev.capscope.app.ui.testing.SnapshotFiles;
import dev.capscope.app.ui.tree.TreeColumn;
import dev.capscope.core.json.SchemaVersions;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tools of a debugger people live in, on leaky.json (every lint problem planted): the tree's
 * context menu and copy, find next, next anomaly, sorting that keeps a thread's slot order, the
 * column chooser, the number base, the details' copy.
 */
@ExtendWith(ApplicationExtension.class)
class WindowToolsTest {
    private CapscopeHarness h;
    private CapscopePage page;

    @Start
    void start(Stage stage) {
        h = new CapscopeHarness(new FxTaskRunner(), SnapshotFiles.REAL);
        h.show(stage);
        h.vm.openSnapshotFile(SnapshotFiles.sample("leaky.json"));
    }

    @AfterEach
    void close() {
        h.close();
    }

    private CapscopePage page(FxRobot robot) {
        page = new CapscopePage(robot).waitForTree();
        return page;
    }

    private MenuItem contextItem(String id) {
        ContextMenu m = page.fx(() -> page.tree().getContextMenu());
        return m.getItems().stream().filter(i -> id.equals(i.getId())).findFirst().orElseThrow();
    }

    @Test
    void contextMenuCopiesSelectorRowAndJson(FxRobot robot) throws Exception {
        page(robot).select(Row.selectorKey(0x202));
        page.interact(() -> contextItem("treeCopySelector").fire());
        assertEquals("0x202 (514)", page.clipboard());
        page.interact(() -> contextItem("treeCopyKcap").fire());
        assertEquals("0x202000", page.clipboard());
        page.interact(() -> contextItem("treeCopyRow").fire());
        String row = page.clipboard();
        assertTrue(row.startsWith("0x202 (514)\tcap map\tIpc_gate\t0x34 (52)\t"), row);
        assertTrue(row.contains("LOG 'init -> leaky_app' @core"), row);
        page.interact(() -> contextItem("treeCopyJson").fire());
        String json = page.clipboard();
        JsonSchemas.assertValid("copy", json);
        JsonNode doc = new ObjectMapper().readTree(json);
        assertEquals(SchemaVersions.COPY, doc.get("schemaVersion").asText());
        assertEquals("tree", doc.get("view").asText());
        assertEquals(1, doc.get("rows").size(), json);
        JsonNode copied = doc.get("rows").get(0);
        assertEquals(514, copied.get("selector").asInt());
        assertEquals("0x202", copied.get("selectorHex").asText());
        assertEquals("0x202000", copied.get("kcap").asText());
        assertEquals(2061, copied.get("objectId").asLong());
        assertTrue(copied.get("badge").isIntegralNumber(), json);
        assertEquals(52, copied.get("badge").asLong());
        assertEquals("Ipc_gate", copied.get("kind").asText());
    }

    /** Several rows, a group among them: one document in display order, the group as a group row, lint as a list. */
    @Test
    void copyAsJsonOfSeveralRowsIsOneDocumentOfTheCopySchema(FxRobot robot) throws Exception {
        page(robot);
        page.interact(() -> {
            var tree = page.tree();
            tree.getSelectionModel().clearSelection();
            for (String key : List.of("area:COMPONENT", Row.selectorKey(0x202), Row.selectorKey(0xf))) {
                var item = tree.reconciler().itemFor(key);
                dev.capscope.app.ui.tree.TreeReconciler.expandTo(item);
                tree.getSelectionModel().select(item);
            }
        });
        page.interact(() -> contextItem("treeCopyJson").fire());
        String json = page.clipboard();
        JsonSchemas.assertValid("copy", json);
        JsonNode rows = new ObjectMapper().readTree(json).get("rows");
        assertEquals(3, rows.size(), json);
        assertEquals(0xf, rows.get(0).get("selector").asInt(), "display order: the thread slots come first");
        assertTrue(rows.get(0).get("lint").get(0).asText().contains("half filled"), rows.get(0).toString());
        assertTrue(rows.get(1).get("group").asText().startsWith("component area"), rows.get(1).toString());
        assertFalse(rows.get(1).has("selector"), rows.get(1).toString());
        assertEquals("component", rows.get(1).get("area").asText());
        assertEquals(0x202, rows.get(2).get("selector").asInt());
    }

    @Test
    void ctrlCInTheTreeCopiesTheSelectedRows(FxRobot robot) {
        page(robot).select(Row.selectorKey(0x1));
        robot.clickOn(".cap-tree");
        page.select(Row.selectorKey(0x1));
        page.press(KeyCode.CONTROL, KeyCode.C);
        assertTrue(page.clipboard().startsWith("0x1 (1)\ttask\tTask\t"), page.clipboard());
    }

    @Test
    void showOtherHoldersFiltersToTheSelectorsOfTheSameObject(FxRobot robot) {
        page(robot).select(Row.selectorKey(0x202));
        page.interact(() -> contextItem("treeShowHolders").fire());
        assertEquals("obj:2061", page.fx(() -> h.vm.tree().filterTextProperty().get()));
        page.waitUntil(() -> page.item(Row.selectorKey(0x1)) == null);
        assertNotNull(page.item(Row.selectorKey(0x202)));
        assertNotNull(page.item(Row.selectorKey(0x214)), "the duplicate LOG entry holds the same gate");
        assertEquals("2 matches", page.filterMatches());
    }

    @Test
    void enterAndF3FindTheNextMatchAndSayWhichOfHowMany(FxRobot robot) {
        page(robot).filter("Signal_context");
        page.waitUntil(() -> page.filterMatches().equals("6 matches"));
        page.press(KeyCode.ENTER);
        assertEquals(0x20a, page.selectedRow().selector());
        assertEquals("1 of 6", page.filterMatches());
        page.press(KeyCode.F3);
        assertEquals(0x20b, page.selectedRow().selector());
        page.press(KeyCode.SHIFT, KeyCode.F3);
        page.press(KeyCode.SHIFT, KeyCode.F3);
        assertEquals(0x20f, page.selectedRow().selector(), "previous wraps around to the last match");
        assertEquals("6 of 6", page.filterMatches());
    }

    @Test
    void nextAnomalyWalksTheRedRowsAndSaysWhy(FxRobot robot) {
        page(robot).menu("menuNextAnomaly");
        Row first = page.selectedRow();
        assertTrue(first.anomaly(), first.toString());
        assertEquals(0xf, first.selector(), "the half-filled thread comes first in the tree");
        assertTrue(page.statusText().startsWith("Anomaly 1 of "), page.statusText());
        assertTrue(page.statusText().contains("half-filled-thread"), page.statusText());
        page.menu("menuPreviousAnomaly");
        assertEquals(0x1010, page.selectedRow().selector(), "previous from the first wraps to beyond the allocator");
    }

    @Test
    void sortingByKindKeepsEachThreadsSlotOrder(FxRobot robot) {
        page(robot);
        List<Integer> before = page.childrenOf("thread:0").stream().map(Row::selector).toList();
        assertEquals(List.of(0x9, 0xa, 0xb), before);
        assertEquals(List.of("Task", "Ipc_gate"), page.childrenOf("area:FIXED").stream().map(Row::objectKind).toList());
        page.interact(() -> {
            TreeTableColumn<Row, ?> kind = column(TreeColumn.KIND);
            kind.setSortType(TreeTableColumn.SortType.ASCENDING);
            page.tree().getSortOrder().setAll(kind);
        });
        assertEquals(before, page.childrenOf("thread:0").stream().map(Row::selector).toList(),
                "gate, pager, irq stay in their order (sorted by kind they would not)");
        assertEquals(List.of("Ipc_gate", "Task"), page.childrenOf("area:FIXED").stream().map(Row::objectKind).toList(),
                "other groups sort");
        page.interact(() -> page.tree().getSortOrder().clear());
        assertEquals(List.of("Task", "Ipc_gate"), page.childrenOf("area:FIXED").stream().map(Row::objectKind).toList(),
                "no sort: selector order again");
    }

    @Test
    void theColumnChooserHidesAColumnAndTheSettingRemembersIt(FxRobot robot) {
        page(robot);
        assertFalse(page.fx(() -> column(TreeColumn.DECIMAL).isVisible()), "Dec repeats the selector: hidden at first");
        page.menu("menuColumn_colKcap");
        assertFalse(page.fx(() -> column(TreeColumn.KCAP).isVisible()));
        assertTrue(page.fx(() -> h.vm.view().hiddenColumns().contains("colKcap")));
        page.interact(() -> column(TreeColumn.KCAP).setVisible(true));
        assertFalse(page.fx(() -> h.vm.view().hiddenColumns().contains("colKcap")), "the header's + menu does the same");
        assertEquals("colDecimal", page.fx(() -> h.vm.context().recent().preference("hiddenColumns", "")),
                "remembered for the next start");
    }

    @Test
    void oneNumberSettingForTreeBadgeAndDetails(FxRobot robot) {
        page(robot).select(Row.selectorKey(0x202));
        page.waitUntil(() -> page.detail("gate label").isPresent());
        assertEquals("0x34 (52)", page.detail("gate label").orElseThrow());
        assertEquals("0x34 (52)", page.detail("badge").orElseThrow());
        page.menu("menuNumbers_HEX");
        assertEquals(NumberBase.HEX, page.fx(() -> h.vm.view().numbersProperty().get()));
        page.waitUntil(() -> page.detail("badge").orElseThrow().equals("0x34"));
        assertEquals("0x34", page.detail("gate label").orElseThrow());
        assertEquals("0x202", page.detail("selector").orElseThrow());
        assertEquals("0x34", page.fx(() -> TreeColumn.BADGE.text(page.selectedRow(), page.tree().numbers())));
        page.menu("menuNumbers_DEC");
        page.waitUntil(() -> page.detail("badge").orElseThrow().equals("52"));
        assertEquals("514", page.detail("selector").orElseThrow());
    }

    @Test
    void detailsCopyTheSelectedLinesAndEverything(FxRobot robot) {
        page(robot).select(Row.selectorKey(0x202));
        page.waitUntil(() -> page.detail("label").isPresent());
        page.interact(() -> {
            var table = page.fx(() -> h.view.details().table());
            for (var cat : table.getRoot().getChildren()) {
                for (var line : cat.getChildren()) {
                    if (line.getValue().name().equals("label") || line.getValue().name().equals("server")) {
                        table.getSelectionModel().select(line);
                    }
                }
            }
            h.view.details().copySelection();
        });
        assertEquals("label: init -> leaky_app\nserver: core\n", page.clipboard());
        robot.clickOn("#detailsCopyAll");
        String all = page.clipboard();
        assertTrue(all.startsWith("0x202 (514)  cap map\nSelector\n  selector: 0x202 (514)\n"), all);
        assertTrue(all.contains("Lint\n  finding 1: ERROR duplicate-badge"), all);
    }

    private TreeTableColumn<Row, ?> column(TreeColumn c) {
        return page.tree().getColumns().stream().filter(x -> c.id().equals(x.getId())).findFirst().orElseThrow();
    }
}
