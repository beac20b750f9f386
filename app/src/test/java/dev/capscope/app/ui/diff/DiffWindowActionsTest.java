package dev.capscope.app.ui.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.capscope.app.schema.JsonSchemas;
import dev.capscope.app.ui.settings.NumberBase;
import dev.capscope.app.ui.task.FxTaskRunner;
import dev.capscope.app.ui.testing.CapscopeHarness;
import dev.capscope.app.ui.testing.CapscopePage;
import dev.capscope.app.ui.testing.SnapshotFiles;
import dev.capscope.core.diff.DiffStatus;
import dev.capscope.core.json.SchemaVersions;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The diff window's tree does what the main tree does: a filter in the same language, filter by
 * a value, show in map, show the other holders of an object, numbers in the window's one setting.
 * On the sample snapshots log-client.json -> log-client-after.json (0x303 changed, 0x30e and
 * 0x30f added).
 */
@ExtendWith(ApplicationExtension.class)
class DiffWindowActionsTest {
    private CapscopeHarness h;
    private CapscopePage page;
    private DiffViewModel diff;

    @Start
    void start(Stage stage) {
        h = new CapscopeHarness(new FxTaskRunner(), SnapshotFiles.REAL);
        h.show(stage);
    }

    @BeforeEach
    void openTheDiff(FxRobot robot) {
        page = new CapscopePage(robot);
        diff = SnapshotFileDiffs.open(page, h, SnapshotFiles.sample("log-client.json"),
                SnapshotFiles.sample("log-client-after.json")).diff();
    }

    @AfterEach
    void close() {
        h.close();
    }

    private List<DiffRow> shownRows() {
        return page.fx(() -> {
            List<DiffRow> out = new ArrayList<>();
            for (TreeItem<DiffRow> g : page.diffView().tree().getRoot().getChildren()) {
                g.getChildren().forEach(i -> out.add(i.getValue()));
            }
            return out;
        });
    }

    private void fire(String id) {
        page.interact(() -> {
            var menu = page.diffView().tree().getContextMenu();
            menu.getOnShowing().handle(null);
            MenuItem item = menu.getItems().stream().filter(i -> id.equals(i.getId())).findFirst().orElseThrow();
            assertFalse(item.isDisable(), id + " is enabled");
            item.fire();
        });
    }

    private void select(int selector) {
        page.interact(() -> diff.selectSelector(selector));
        page.waitUntil("row " + selector + " selected", () -> page.fx(() -> page.diffView().tree().focusedRow() != null
                && page.diffView().tree().focusedRow().selector() == selector));
    }

    @Test
    void theFilterFieldKeepsTheMatchingRowsAndSaysHowMany(FxRobot robot) {
        assertEquals(3, shownRows().size());
        TextField field = robot.lookup("#diffFilterField").queryAs(TextField.class);
        page.interact(() -> field.setText("added"));
        page.waitUntil("two added rows", () -> shownRows().size() == 2);
        assertTrue(shownRows().stream().allMatch(r -> r.status() == DiffStatus.ADDED), shownRows().toString());
        assertEquals("2 matches", page.text("#diffFilterMatches"));
        page.interact(() -> field.setText("0x303"));
        page.waitUntil("only 0x303", () -> shownRows().size() == 1 && shownRows().get(0).selector() == 0x303);
        page.interact(() -> field.setText("771")); // the same selector in decimal
        page.waitUntil("only 771", () -> shownRows().size() == 1 && shownRows().get(0).selector() == 0x303);
        page.interact(() -> field.setText("no such thing"));
        page.waitUntil("nothing", () -> shownRows().isEmpty());
        assertEquals("no match", page.text("#diffFilterMatches"));
        page.interact(() -> {
            field.requestFocus();
            field.fireEvent(new javafx.scene.input.KeyEvent(javafx.scene.input.KeyEvent.KEY_PRESSED, "", "",
                    javafx.scene.input.KeyCode.ESCAPE, false, false, false, false));
        });
        page.waitUntil("Esc clears", () -> shownRows().size() == 3);
        assertEquals("", page.text("#diffFilterMatches"));
    }

    @Test
    void contextMenuFiltersByAValueShowsInTheMapAndFindsTheHolders(FxRobot robot) {
        select(0x30e);
        // right-click the Kind cell of the selected row, then "Filter by this value"
        var cell = page.fx(() -> robot.lookup(".tree-table-cell").queryAll().stream()
                .map(n -> (javafx.scene.control.TreeTableCell<?, ?>) n)
                .filter(c -> c.getTableColumn() != null && "diffColKind".equals(c.getTableColumn().getId())
                        && c.getTableRow() != null && c.getTableRow().getItem() instanceof DiffRow r && r.selector() == 0x30e)
                .findFirst().orElseThrow());
        robot.rightClickOn(cell);
        robot.push(javafx.scene.input.KeyCode.ESCAPE);
        fire("diffFilterBy");
        assertEquals("Ipc_gate", page.fx(() -> diff.filterTextProperty().get()));
        page.waitUntil("Ipc_gate rows", () -> shownRows().size() == 3);

        page.interact(() -> diff.filterTextProperty().set(""));
        select(0x30f);
        fire("diffShowInMap");
        assertEquals(0x30f, page.fx(() -> page.diffView().map().revealed()));

        long object = page.fx(() -> DiffRowFilter.objectOf(page.diffView().tree().focusedRow()));
        assertTrue(object >= 0, "0x30f holds an object");
        fire("diffShowHolders");
        assertEquals("obj:" + object, page.fx(() -> diff.filterTextProperty().get()));
        page.waitUntil("the holders of " + object, () -> !shownRows().isEmpty()
                && shownRows().stream().allMatch(r -> DiffRowFilter.objectOf(r) == object));
    }

    /** Copy as JSON of diff rows: one document of the copy schema, each row's sides typed as diff --json has them. */
    @Test
    void copyAsJsonGivesTypedBeforeAndAfter() throws Exception {
        select(0x303);
        fire("diffCopyJson");
        String json = page.clipboard();
        JsonSchemas.assertValid("copy", json);
        JsonNode doc = new ObjectMapper().readTree(json);
        assertEquals(SchemaVersions.COPY, doc.get("schemaVersion").asText());
        assertEquals("diff", doc.get("view").asText());
        assertEquals(1, doc.get("rows").size(), json);
        JsonNode row = doc.get("rows").get(0);
        assertEquals(0x303, row.get("selector").asInt());
        assertEquals("changed", row.get("status").asText());
        JsonNode entry = row.get("capMap");
        assertEquals(60, entry.at("/before/rawId").asLong(), json);
        assertTrue(entry.at("/after/rawId").isIntegralNumber(), json);
        assertTrue(entry.at("/before/quota").isIntegralNumber(), json);
        JsonNode rawId = null;
        for (JsonNode c : entry.get("changes")) {
            if (c.get("field").asText().equals("rawId")) rawId = c;
        }
        assertTrue(rawId != null && rawId.get("before").asLong() == 60, json);
        // the same row as diff --json writes it for this selector
        JsonNode cli = new ObjectMapper().readTree(DiffService.json(diff(), "a", "b"));
        JsonNode same = null;
        for (JsonNode e : cli.get("capMap")) {
            if (e.get("index").asInt() == 0x303) same = e;
        }
        assertEquals(same, entry);
    }

    private dev.capscope.core.diff.DiffResult diff() {
        return page.fx(() -> diff.resultProperty().get());
    }

    @Test
    void selectorsAndBadgesFollowTheWindowsNumberSetting() {
        select(0x303);
        String[] cells = new String[2];
        for (NumberBase base : NumberBase.values()) {
            page.interact(() -> h.vm.view().numbersProperty().set(base));
            page.waitUntil("selector in " + base, () -> page.fx(() -> {
                var tree = page.diffView().tree();
                tree.layout();
                for (javafx.scene.Node n : tree.lookupAll(".tree-table-cell")) {
                    if (n instanceof javafx.scene.control.TreeTableCell<?, ?> c && c.getTableRow() != null
                            && c.getTableRow().getItem() instanceof DiffRow r && r.selector() == 0x303) {
                        String id = c.getTableColumn().getId();
                        String shown = c instanceof dev.capscope.app.ui.copy.SpanningTitleCell<?, ?> s ? s.shownText() : c.getText();
                        if ("diffColSelector".equals(id)) cells[0] = shown;
                        if ("diffColBadge".equals(id)) cells[1] = shown;
                    }
                }
                return base.format(0x303).equals(cells[0]);
            }));
            assertEquals(base.format(0x303), cells[0]);
            assertTrue(cells[1] != null && cells[1].contains(base.format(60)), base + " badge: " + cells[1]);
            // the field-level details write badge and gate label in the same base
            String badgeBefore = page.fx(() -> {
                @SuppressWarnings("unchecked")
                var table = (javafx.scene.control.TableView<FieldRow>) page.diffView().lookup("#diffDetailsTable");
                for (int i = 0; i < table.getItems().size(); i++) {
                    if (table.getItems().get(i).field().equals("badge")) {
                        return String.valueOf(table.getColumns().get(1).getCellData(i));
                    }
                }
                return "";
            });
            assertEquals(base.format(60), badgeBefore, base + " badge in the details");
        }
    }
}
