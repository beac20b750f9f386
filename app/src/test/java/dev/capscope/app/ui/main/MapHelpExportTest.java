package dev.capscope.app.ui.main;

import dev.capscope.app.ui.map.OccupancyMapView;
import dev.capscope.app.ui.model.Row;
import dev.capscope.app.ui.settings.Theme;
import dev.capscope.app.ui.task.FxTaskRunner;
import dev.capscope.app.ui.testing.CapscopeHarness;
import dev.capscope.app.ui.testing.CapscopePage;
import dev.capscope.app.ui.testing.SnapshotFiles;
import javafx.event.Event;
import javafx.scene.input.ScrollEvent;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Map zoom and its empty state, the Help windows, the view export, the theme. */
@ExtendWith(ApplicationExtension.class)
class MapHelpExportTest {
    @TempDir
    Path tmp;
    private CapscopeHarness h;
    private CapscopePage page;

    @Start
    void start(Stage stage) {
        h = new CapscopeHarness(new FxTaskRunner(), SnapshotFiles.REAL);
        h.show(stage);
    }

    @AfterEach
    void close() {
        h.close();
        page.interact(() -> List.copyOf(Window.getWindows()).stream()
                .filter(w -> w.getProperties().containsKey("capscope.window")).forEach(Window::hide));
    }

    private void open(FxRobot robot) {
        page = new CapscopePage(robot);
        page.interact(() -> h.vm.openSnapshotFile(SnapshotFiles.sample("leaky.json")));
        page.waitForTree();
    }

    @Test
    void withNothingShownTheMapSaysSoInsteadOfDrawingEmptyCells(FxRobot robot) {
        page = new CapscopePage(robot);
        assertTrue(page.fx(() -> robot.lookup("#occupancyPlaceholder").query().isVisible()));
        assertFalse(page.fx(() -> robot.lookup("#occupancyScroll").query().isVisible()));
        open(robot);
        assertFalse(page.fx(() -> robot.lookup("#occupancyPlaceholder").query().isVisible()));
    }

    @Test
    void zoomGrowsTheCellsByMenuAndByCtrlWheelAndResets(FxRobot robot) {
        open(robot);
        OccupancyMapView map = page.map();
        double base = page.fx(map::cellSize);
        page.menu("menuZoomIn");
        page.menu("menuZoomIn");
        assertTrue(page.fx(map::cellSize) > base, page.fx(map::cellSize) + " vs " + base);
        page.menu("menuZoomReset");
        assertEquals(base, page.fx(map::cellSize));
        page.interact(() -> Event.fireEvent(map.canvas(), new ScrollEvent(ScrollEvent.SCROLL, 10, 10, 10, 10,
                false, true, false, false, false, false, 0, 40, 0, 40, ScrollEvent.HorizontalTextScrollUnits.NONE, 0,
                ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0, null)));
        page.interact(() -> {}); // the layout pass that applies the zoom
        assertTrue(page.fx(map::cellSize) > base, "Ctrl+wheel up zooms in");
        assertTrue(page.fx(() -> h.vm.view().mapZoomProperty().get()) > 1);
    }

    @Test
    void showInMapScrollsTheMapToTheSelector(FxRobot robot) {
        open(robot);
        page.menu("menuZoomIn");
        page.menu("menuZoomIn");
        page.select(Row.selectorKey(0x1010));
        var menu = page.fx(() -> page.tree().getContextMenu());
        page.interact(() -> menu.getItems().stream().filter(i -> "treeShowInMap".equals(i.getId())).findFirst()
                .orElseThrow().fire());
        double v = page.fx(() -> ((javafx.scene.control.ScrollPane) robot.lookup("#occupancyScroll").query()).getVvalue());
        assertTrue(v > 0.9, "0x1010 is near the end: vvalue " + v);
    }

    @Test
    void helpListsEveryShortcutFromTheMenusAndAboutNamesTheVersions(FxRobot robot) {
        open(robot);
        page.menu("menuShortcuts");
        page.waitUntil(() -> robot.lookup("#shortcutsTable").tryQuery().isPresent());
        @SuppressWarnings("unchecked")
        List<String[]> rows = page.fx(() -> List.copyOf(robot.lookup("#shortcutsTable")
                .queryAs(javafx.scene.control.TableView.class).getItems()));
        assertTrue(rows.stream().anyMatch(r -> r[0].equals("F3") && r[1].endsWith("Find next")),
                rows.stream().map(r -> r[0] + "=" + r[1]).toList().toString());
        assertTrue(rows.stream().anyMatch(r -> r[1].endsWith("Next anomaly")));
        page.menu("menuAreas");
        page.waitUntil(() -> robot.lookup("#areasHelp").tryQuery().isPresent());
        String areas = page.fx(() -> robot.lookup("#areasHelp .label").queryAllAs(javafx.scene.control.Label.class)
                .stream().map(javafx.scene.control.Label::getText).reduce("", (a, b) -> a + "\n" + b));
        assertTrue(areas.contains("Core-controlled area") && areas.contains("kcap 0x203000"), areas);
        page.menu("menuAbout");
        page.waitUntil(() -> robot.lookup("#aboutText").tryQuery().isPresent());
        String about = page.fx(() -> robot.lookup("#aboutText").queryAs(javafx.scene.control.TextArea.class).getText());
        assertTrue(about.startsWith("Capscope ") && about.contains("Java: ") && about.contains("JavaFX: "), about);
    }

    @Test
    void exportWritesTheFilteredViewAsCsvJsonAndText(FxRobot robot) throws Exception {
        open(robot);
        page.filter("Signal_context");
        page.waitUntil(() -> page.filterMatches().equals("6 matches"));
        Path csv = tmp.resolve("view.csv");
        h.dialogs.saveFiles.add(csv);
        page.menu("menuExportView");
        page.waitUntil(() -> Files.exists(csv));
        List<String> lines = Files.readAllLines(csv);
        assertEquals(7, lines.size(), lines.toString());
        assertEquals("group,Selector,Role,Kind,Badge,Meaning,Refs,Rights,Status,kcap", lines.get(0));
        assertTrue(lines.get(1).startsWith("component area (cap map) / Signal_context,0x20a (522),cap map,Ipc_gate,"),
                lines.get(1));
        Path json = tmp.resolve("view.json");
        h.dialogs.saveFiles.add(json);
        page.menu("menuExportView");
        page.waitUntil(() -> Files.exists(json));
        dev.capscope.app.schema.JsonSchemas.assertValid("view-export", Files.readString(json));
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile());
        assertEquals("Signal_context", tree.get("filter").asText());
        assertEquals(6, tree.get("rows").size());
        assertEquals(522, tree.get("rows").get(0).get("selector").asInt());
        Path txt = tmp.resolve("view.txt");
        h.dialogs.saveFiles.add(txt);
        page.menu("menuExportView");
        page.waitUntil(() -> Files.exists(txt));
        String text = Files.readString(txt);
        assertTrue(text.startsWith("# snapshot leaky.json  (filter: Signal_context)\n"), text);
        assertTrue(text.contains("\n    0x20a (522)"), text);
    }

    @Test
    void theDarkThemeReachesEveryWindowAndIsRemembered(FxRobot robot) {
        open(robot);
        page.menu("menuTheme_DARK");
        assertTrue(page.fx(() -> h.view.getStyleClass().contains("dark")));
        assertTrue(page.fx(() -> javafx.application.Application.getUserAgentStylesheet()).contains("primer-dark"));
        assertEquals("DARK", page.fx(() -> h.vm.context().recent().preference("theme", "")));
        page.menu("menuAbout");
        page.waitUntil(() -> robot.lookup("#aboutWindow").tryQuery().isPresent());
        assertTrue(page.fx(() -> robot.lookup("#aboutWindow").query().getStyleClass().contains("dark")));
        page.menu("menuTheme_LIGHT");
        assertFalse(page.fx(() -> h.view.getStyleClass().contains("dark")));
        assertEquals(Theme.LIGHT, page.fx(() -> h.vm.view().themeProperty().get()));
    }
}
