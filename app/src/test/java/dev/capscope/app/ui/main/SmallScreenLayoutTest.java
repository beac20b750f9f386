package dev.capscope.app.ui.main;

import dev.capscope.app.ui.map.OccupancyMapView;
import dev.capscope.app.ui.model.Row;
import dev.capscope.app.ui.testing.CapscopeHarness;
import dev.capscope.app.ui.testing.CapscopePage;
import dev.capscope.app.ui.testing.TestSpaces;
import dev.capscope.core.testing.InMemoryTarget;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The window on the smallest screen Capscope supports (1024 x 700): nothing overlaps, the tool
 * bar does not overflow, the map keeps readable cells and scrolls, the panes keep their widths.
 */
@ExtendWith(ApplicationExtension.class)
class SmallScreenLayoutTest {
    static final String URI = "memory:log_client";
    private CapscopeHarness h;
    private CapscopePage page;

    @Start
    void start(Stage stage) {
        InMemoryTarget target = new InMemoryTarget(URI, "in-memory Fiasco.OC model", "genode-foc-19")
                .addTask(TestSpaces.logClient().build());
        h = CapscopeHarness.withWorker();
        h.targets.put(URI, () -> target);
        h.show(stage, 1024, 700);
        h.vm.attachTo(URI);
    }

    @AfterEach
    void close() {
        h.close();
    }

    private Bounds bounds(FxRobot robot, String query) {
        return page.fx(() -> {
            Node n = robot.lookup(query).query();
            return n.localToScene(n.getBoundsInLocal());
        });
    }

    @Test
    void theMapKeepsReadableCellsAndNeverCoversItsLegend(FxRobot robot) {
        page = new CapscopePage(robot).waitForTree();
        OccupancyMapView map = page.map();
        assertTrue(page.fx(map::cellSize) >= 7, "cells of " + page.fx(map::cellSize) + " px");
        Bounds m = bounds(robot, "#occupancyMap");
        Bounds legend = bounds(robot, "#mapLegend");
        assertTrue(m.getMaxY() <= legend.getMinY() + 0.5, "map " + m + " over legend " + legend);
        Bounds shown = bounds(robot, "#occupancyScroll");
        assertTrue(page.fx(() -> map.canvas().getHeight()) > shown.getHeight(), "the rest scrolls");
        int sel = 0x300 + 2;
        page.clickMapCell(sel);
        page.waitUntil(() -> page.selectedRow() != null && page.selectedRow().selector() == sel);
    }

    @Test
    void theToolBarFitsAndThePanesKeepTheirWidths(FxRobot robot) {
        page = new CapscopePage(robot).waitForTree();
        for (String control : new String[]{"#filterField", "#groupingChoice", "#showEmptyToggle", "#liveToggle",
                "#intervalChoice", "#refreshButton", "#profileChoice"}) {
            Bounds b = bounds(robot, control);
            assertTrue(b.getMinX() >= 0 && b.getMaxX() <= 1024, control + " on screen: " + b);
            assertTrue(b.getWidth() >= page.fx(() -> ((javafx.scene.control.Control) robot.lookup(control).query())
                    .prefWidth(-1)) - 0.5 || control.equals("#filterField"), control + " whole: " + b);
        }
        assertTrue(bounds(robot, "#filterField").getWidth() >= 129, "the filter gives way, down to its minimum");
        // the choice boxes take what their texts need, not their menus' width: the filter keeps its own
        double filterPref = page.fx(() -> robot.lookup("#filterField").queryAs(javafx.scene.control.TextField.class).prefWidth(-1));
        assertTrue(bounds(robot, "#filterField").getWidth() >= filterPref - 0.5,
                "the filter is as wide as it asks (" + filterPref + "): " + bounds(robot, "#filterField"));
        assertTrue(bounds(robot, "#sourcesPane").getWidth() >= 199, bounds(robot, "#sourcesPane").toString());
        assertTrue(bounds(robot, "#detailsPane").getWidth() >= 249, bounds(robot, "#detailsPane").toString());
        assertTrue(bounds(robot, "#capTree").getWidth() >= 350, bounds(robot, "#capTree").toString());
        Bounds status = bounds(robot, "#statusMessage");
        assertTrue(status.getWidth() >= 219, "the status message keeps room: " + status);
        assertEquals(1024, page.fx(() -> robot.lookup("#mainView").query().getScene().getWidth()), 0.5);
    }

    @Test
    void longDetailValuesWrapInsteadOfBeingCut(FxRobot robot) {
        page = new CapscopePage(robot).waitForTree();
        int log = page.fx(() -> h.vm.tree().spaceProperty().get().capMap().stream()
                .filter(e -> "ROM".equals(e.semantics().rpcInterface())).findFirst().orElseThrow().index());
        page.select(Row.selectorKey(log));
        page.waitUntil(() -> page.detail("args").isPresent());
        String args = page.detail("args").orElseThrow();
        page.interact(() -> {
            var table = h.view.details().table();
            for (int i = 0; i < table.getExpandedItemCount(); i++) {
                var item = table.getTreeItem(i);
                if (item.getValue() != null && item.getValue().name().equals("args")) table.scrollTo(i);
            }
        });
        // the cell shows the whole value (wrapped), not "ram_quota=6K, la…"
        String shown = page.fx(() -> robot.lookup(".wrapping-cell").queryAllAs(
                        dev.capscope.app.ui.copy.WrappingCell.class).stream()
                .map(c -> ((dev.capscope.app.ui.copy.WrappingCell<?>) c).shownText())
                .filter(args::equals).findFirst().orElse(""));
        assertEquals(args, shown);
        Label heading = robot.lookup("#detailsHeading").queryAs(Label.class);
        assertFalse(page.fx(heading::getText).isEmpty());
    }

    @Test
    void everyChoiceOfTheToolBarIsShownWhole(FxRobot robot) {
        page = new CapscopePage(robot).waitForTree();
        for (String id : new String[]{"#groupingChoice", "#intervalChoice"}) {
            @SuppressWarnings("unchecked")
            javafx.scene.control.ChoiceBox<Object> box = robot.lookup(id).queryAs(javafx.scene.control.ChoiceBox.class);
            Object was = page.fx(box::getValue);
            for (Object item : page.fx(() -> List.copyOf(box.getItems()))) {
                page.interact(() -> box.setValue(item));
                String text = page.fx(() -> box.getConverter() == null ? String.valueOf(item) : box.getConverter().toString(item));
                Label label = page.fx(() -> (Label) box.lookup(".label"));
                page.waitUntil(() -> page.fx(() -> drawn(label)).equals(text));
            }
            page.interact(() -> box.setValue(was));
        }
    }

    /** What a label draws: its skin's text node holds the clipped string ("auto: genode-f…") when cut. */
    private String drawn(Label l) {
        javafx.scene.text.Text t = (javafx.scene.text.Text) l.lookup(".text");
        return t == null ? "" : t.getText();
    }

    @Test
    void theStatusBarShowsEveryTextWholeAndWrapsTheMessage(FxRobot robot) {
        page = new CapscopePage(robot).waitForTree();
        String longMessage = "log_client: no change since generation 123456 (23:05:08); "
                + "the walk read 4297 selectors and found nothing new since the last look";
        page.interact(() -> h.vm.status().idle(longMessage));
        page.waitUntil(() -> page.fx(() -> drawn(robot.lookup("#statusMessage").queryAs(Label.class))).equals(longMessage));
        Bounds msg = bounds(robot, "#statusMessage");
        for (String id : new String[]{"#profileLabel", "#statusSource", "#statusCounts", "#statusWalkTime"}) {
            Label l = robot.lookup(id).queryAs(Label.class);
            assertFalse(page.fx(l::getText).isEmpty(), id + " has a text");
            assertEquals(page.fx(l::getText), page.fx(() -> drawn(l)), id + " shown whole");
            Bounds b = bounds(robot, id);
            assertTrue(b.getMinX() >= 0 && b.getMaxX() <= 1024, id + " on screen: " + b);
            assertFalse(b.intersects(msg), id + " " + b + " overlaps the message " + msg);
            assertEquals(page.fx(l::getText), page.fx(() -> l.getTooltip().getText()), id + " tooltip");
        }
        var bar = (dev.capscope.app.ui.status.StatusView) robot.lookup("#statusBar").query();
        assertTrue(page.fx(bar::twoLines), "the message took a line of its own");
        assertTrue(page.fx(bar::allText).startsWith(longMessage + " · auto: genode-foc-19"), page.fx(bar::allText));
        // a short message fits beside the facts on a wider window (the headless screen's 1280 px): one line again
        page.interact(() -> {
            h.vm.status().idle("Ready");
            bar.getScene().getWindow().setWidth(1280);
        });
        try {
            page.waitUntil("one status line at 1280 px", () -> page.fx(() -> !bar.twoLines() && bar.getWidth() > 1200));
        } finally {
            page.interact(() -> bar.getScene().getWindow().setWidth(1024)); // the stage is shared with later tests
        }
    }

    @Test
    void detailNamesAndGroupTitlesAreNeverCut(FxRobot robot) {
        page = new CapscopePage(robot).waitForTree();
        page.waitUntil("the task's details", () -> page.detail("THREAD_AREA_BASE").isPresent());
        List<String> cut = page.fx(() -> {
            h.view.details().table().layout();
            List<String> out = new java.util.ArrayList<>();
            for (Node n : robot.lookup(".wrapping-cell").queryAll()) {
                var c = (dev.capscope.app.ui.copy.WrappingCell<?>) n;
                if (!c.isVisible() || c.shownText().isEmpty()) continue;
                double right = c.textNode().getLayoutX() + c.textNode().getLayoutBounds().getWidth();
                if (right > c.getWidth() + 0.5) out.add(c.shownText() + " needs " + right + " of " + c.getWidth());
                // and every line inside the cell's height ("allocator range" once wrapped to two
                // lines but stayed placed as one, its second line cut by the row below)
                double top = c.textNode().getLayoutY() + c.textNode().getLayoutBounds().getMinY();
                double bottom = top + c.textNode().getLayoutBounds().getHeight();
                if (top < -0.5 || bottom > c.getHeight() + 0.5) {
                    out.add(c.shownText() + " spans " + top + ".." + bottom + " of " + c.getHeight());
                }
            }
            return out;
        });
        assertTrue(cut.isEmpty(), "cut in the details: " + cut);
        List<String> titles = page.fx(() -> {
            List<String> out = new java.util.ArrayList<>();
            for (Node n : robot.lookup(".spanning-title-cell").queryAll()) {
                var c = (dev.capscope.app.ui.copy.SpanningTitleCell<?, ?>) n;
                if (c.getTableRow() != null && c.getTableRow().getItem() instanceof Row r && !r.isSelector()) {
                    assertTrue(c.getClip() == null, "a title cell clips its title");
                    assertEquals(r.title(), ((javafx.scene.text.Text) c.getGraphic()).getText());
                    out.add(r.title());
                }
            }
            return out;
        });
        assertTrue(titles.stream().anyMatch(t -> t.startsWith("thread 2 signal handler")), "titles shown: " + titles);
    }
}
