package dev.capscope.app.ui.holders;

import dev.capscope.app.ui.sources.LiveTarget;
import dev.capscope.app.ui.testing.CapscopeHarness;
import dev.capscope.app.ui.testing.CapscopePage;
import dev.capscope.bridge.CapsimProcess;
import dev.capscope.core.holders.HoldersGraph;
import dev.capscope.core.model.CapSpace;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.Button;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The holders window on capsim's gui-stack through the real bridge: "Holders…" on one of the
 * desktop's GUI sessions lists nitpicker (server), init (which routed it) and the desktop; Jump
 * selects the gate in nitpicker's space; the graph of who serves whom exports as DOT, SVG and PNG.
 */
@ExtendWith(ApplicationExtension.class)
class HoldersWindowTest {
    private static final String DESKTOP = "init -> desktop";
    private static final String NITPICKER = "init -> nitpicker";
    private static final Duration START = Duration.ofSeconds(10);
    private CapscopeHarness h;
    private CapsimProcess capsim;
    private CapscopePage page;

    @TempDir
    Path tmp;

    @Start
    void start(Stage stage) {
        h = CapscopeHarness.withWorker();
        h.show(stage);
    }

    @AfterEach
    void close() {
        h.close();
        if (capsim != null) {
            capsim.close();
        }
    }

    private LiveTarget target() {
        return h.vm.sources().targets().isEmpty() ? null : h.vm.sources().targets().get(0);
    }

    private CapSpace space() {
        return h.vm.tree().spaceProperty().get();
    }

    /** Waits until the window shows {@code task}, walking again whenever the worker is free (a walk may have been skipped). */
    private void awaitShown(String task, int selector) {
        page.waitUntil(task + " shown", () -> {
            CapSpace s = space();
            if (s != null && task.equals(s.taskName())
                    && (selector < 0 || h.vm.tree().selectedSelectorProperty().get() == selector)) {
                return true;
            }
            if (!target().busy()) h.vm.refresh();
            return false;
        });
    }

    @Test
    void holdersOfAGuiSessionListServerAndClientsJumpAndExportTheGraph(FxRobot robot) throws Exception {
        capsim = CapsimProcess.start(CapsimProcess.Options.of(CapsimProcess.findScenario("gui-stack")), START);
        page = new CapscopePage(robot);
        String uri = h.useBridge(capsim.uri());
        page.interact(() -> h.vm.attachTo(uri));
        page.waitUntil(() -> target() != null && target().stateProperty().get() == LiveTarget.State.CONNECTED
                && !target().tasks().isEmpty());
        page.interact(() -> h.vm.sources().selectTask(target(), DESKTOP));
        awaitShown(DESKTOP, -1);
        page.waitForTree();
        int session = page.fx(() -> space().capMap().stream()
                .filter(e -> "Nitpicker".equals(e.semantics().rpcInterface())).findFirst().orElseThrow().index());
        page.selectSelector(session);

        page.interact(() -> h.vm.tree().requestHolders(session)); // what "Holders…" in the context menu does
        HoldersViewModel holders = h.vm.holders();
        page.waitUntil("three holders listed", () -> holders.rows().size() == 3 && !holders.busyProperty().get());
        List<HolderRow> rows = page.fx(() -> List.copyOf(holders.rows()));
        assertEquals(Set.of(DESKTOP, NITPICKER, "init"), rows.stream().map(HolderRow::task).collect(Collectors.toSet()));
        HolderRow server = rows.stream().filter(r -> r.role().equals("server")).findFirst().orElseThrow();
        assertEquals(NITPICKER, server.task());
        assertTrue(page.fx(() -> holders.messageProperty().get()).contains("server init -> nitpicker"));
        page.waitUntil("holders window open", () -> Window.getWindows().stream()
                .anyMatch(w -> "holders".equals(w.getProperties().get("capscope.window")) && w.isShowing()));

        page.interact(() -> holders.jumpTo(server));
        awaitShown(NITPICKER, server.selector());

        HoldersGraph graph = page.fx(() -> holders.graphProperty().get());
        assertTrue(graph.edges().contains(new HoldersGraph.Edge(NITPICKER, DESKTOP, 64)),
                "60 GUI and 4 input sessions: " + graph.edges());
        Path dot = tmp.resolve("holders.dot");
        h.dialogs.saveFiles.add(dot);
        page.interact(holders::exportDot);
        page.waitUntil("DOT written", () -> Files.exists(dot));
        String text = Files.readString(dot);
        assertTrue(text.startsWith("digraph holders") && text.contains("\"init -> nitpicker\""), text);

        Path png = tmp.resolve("holders.png");
        h.dialogs.saveFiles.add(png);
        page.interact(() -> robot.lookup("#holdersTabs").queryAs(TabPane.class).getSelectionModel().select(1));
        page.interact(() -> robot.lookup("#holdersExportPng").queryAs(Button.class).fire());
        page.waitUntil("PNG written", () -> Files.exists(png));
        var image = ImageIO.read(png.toFile());
        assertTrue(image.getWidth() >= 700 && image.getHeight() >= 500, image.getWidth() + "x" + image.getHeight());

        Path svg = tmp.resolve("holders.svg");
        h.dialogs.saveFiles.add(svg);
        page.interact(() -> robot.lookup("#holdersExportSvg").queryAs(Button.class).fire());
        page.waitUntil("SVG written", () -> Files.exists(svg));
        HoldersSvgTest.Parsed parsed = HoldersSvgTest.parse(svg);
        Set<String> nodes = new java.util.TreeSet<>(graph.tasks());
        nodes.addAll(graph.outsideServers());
        assertEquals(nodes, new java.util.TreeSet<>(parsed.nodes()), "every task and server is a node");
        assertEquals(graph.edges().stream().map(e -> e.server() + " -> " + e.holder()).collect(Collectors.toSet()),
                Set.copyOf(parsed.edges()), "every edge is drawn");
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Files.copy(svg, dir.resolve("holders-graph.svg"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        saveScreenshot(robot);
    }

    /** The holders window with its graph, for people to look at (target/screenshots). */
    private void saveScreenshot(FxRobot robot) throws Exception {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        var image = page.fx(() -> robot.lookup("#holdersTabs").query().getScene().snapshot(null));
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", dir.resolve("holders-graph.png").toFile());
    }
}
