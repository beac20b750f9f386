package dev.capscope.app.ui.main;

import dev.capscope.app.ui.model.Row;
import dev.capscope.app.ui.model.RowStatus;
import dev.capscope.app.ui.testing.CapscopeHarness;
import dev.capscope.app.ui.testing.CapscopePage;
import dev.capscope.app.ui.testing.TestSpaces;
import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.KernelObject;
import dev.capscope.core.model.ObjectKind;
import dev.capscope.core.model.Rights;
import dev.capscope.core.model.Semantics;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.target.TargetException;
import dev.capscope.core.testing.InMemoryTarget;
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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The main window on a live (in-memory) target: areas, a thread's slots, a cap-map entry's
 * details, filter, map click, live refresh marks, error state and reconnect.
 */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {
    static final String URI = "memory:log_client";
    private CapscopeHarness h;
    private InMemoryTarget target;
    private CapSpace space;
    private int logSelector;
    private CapscopePage page;

    @Start
    void start(Stage stage) {
        var b = TestSpaces.logClient();
        space = b.build();
        logSelector = space.capMap().stream().filter(e -> "LOG".equals(e.semantics().rpcInterface()))
                .findFirst().orElseThrow().index();
        target = new InMemoryTarget(URI, "in-memory Fiasco.OC model", "genode-foc-19").addTask(space);
        h = CapscopeHarness.withWorker();
        h.targets.put(URI, () -> target);
        h.show(stage);
        h.vm.attachTo(URI);
    }

    @AfterEach
    void close() {
        ((dev.capscope.app.ui.task.FxTaskRunner) h.runner).close();
    }

    private CapscopePage page(FxRobot robot) {
        page = new CapscopePage(robot).waitForTree();
        return page;
    }

    @Test
    void showsTheAreasOfTheSpace(FxRobot robot) {
        List<String> titles = page(robot).areaTitles();
        assertTrue(titles.get(0).startsWith("fixed slots"), titles.toString());
        assertTrue(titles.stream().anyMatch(t -> t.startsWith("thread slots  (9)")), titles.toString());
        assertTrue(titles.stream().anyMatch(t -> t.startsWith("component area (cap map)")), titles.toString());
        assertEquals("auto: genode-foc-19", page.fx(() -> robot.lookup("#profileLabel")
                .queryAs(javafx.scene.control.Label.class).getText()).replaceAll(" \\(.*", ""));
    }

    @Test
    void showsOneThreadsSlots(FxRobot robot) {
        LayoutProfile p = TestSpaces.profile();
        List<Row> slots = page(robot).childrenOf("thread:1");
        assertEquals(3, slots.size(), slots.toString());
        assertEquals(p.threadBase(1), slots.get(0).selector());
        assertEquals(List.of("Thread", "Ipc_gate", "Irq_sender"), slots.stream().map(Row::objectKind).toList());
        assertTrue(slots.get(0).meaning().contains("ep"), slots.get(0).meaning());
    }

    @Test
    void showsACapMapEntrysDetails(FxRobot robot) {
        page(robot).select(Row.selectorKey(logSelector));
        page.waitUntil(() -> page.detail("interface").isPresent());
        assertEquals("LOG", page.detail("interface").orElseThrow());
        assertEquals("init -> log_client", page.detail("label").orElseThrow());
        assertEquals("log_server", page.detail("server").orElseThrow());
        assertEquals("Ipc_gate", page.detail("kind").orElseThrow());
        assertEquals("none", page.detail("findings").orElseThrow());
    }

    @Test
    void filtersByInterfaceAndBySelector(FxRobot robot) {
        page(robot).filter("log_server");
        page.waitUntil(() -> page.item(Row.selectorKey(logSelector)) != null
                && page.item(Row.selectorKey(space.capMap().get(space.capMap().size() - 1).index())) == null);
        assertEquals("1 match", page.fx(() -> robot.lookup("#filterMatches")
                .queryAs(javafx.scene.control.Label.class).getText()));
        page.filter("0x" + Integer.toHexString(logSelector));
        page.waitUntil(() -> page.areaTitles().size() == 1);
        assertNotNull(page.item(Row.selectorKey(logSelector)));
    }

    @Test
    void mapClickSelectsInTheTree(FxRobot robot) {
        page(robot).clickMapCell(logSelector);
        page.waitUntil(() -> page.selectedRow() != null);
        assertEquals(logSelector, page.selectedRow().selector());
        assertEquals(logSelector, page.fx(() -> h.vm.tree().selectedSelectorProperty().get()));
    }

    @Test
    void liveRefreshMarksANewSessionAndLetsARemovedOneLinger(FxRobot robot) {
        page(robot);
        int existing = space.capMap().get(space.capMap().size() - 2).index();
        assertFalse(page.reveal(existing).rowMarked(existing, "new"), "no flash on the first load");
        // The component opens a session; capsim would do the same through insert_map.
        int fresh = space.capMap().get(space.capMap().size() - 1).index() + 1;
        KernelObject gate = target.createObject(ObjectKind.IPC_GATE, 4000L);
        target.map(TestSpaces.TASK, fresh, gate, Rights.RWS);
        target.putCapMapEntry(TestSpaces.TASK, new CapMapEntry(fresh, 4000, 1,
                new Semantics("Timer", "init -> log_client", "ram_quota=8K", "timer", 8192L)));
        target.unmap(TestSpaces.TASK, logSelector);
        target.removeCapMapEntry(TestSpaces.TASK, logSelector);
        page.interact(() -> h.timer.advance(1000));
        page.waitUntil(() -> page.item(Row.selectorKey(fresh)) != null);
        assertTrue(page.reveal(fresh).rowMarked(fresh, "new"), "the new session flashes");
        assertEquals(RowStatus.REMOVED, page.item(Row.selectorKey(logSelector)).getValue().status(),
                "the closed session lingers greyed");
        page.interact(() -> h.timer.advance(5000));
        page.waitUntil(() -> page.item(Row.selectorKey(logSelector)) == null);
        assertEquals(RowStatus.NORMAL, page.item(Row.selectorKey(fresh)).getValue().status());
    }

    @Test
    void selectionAndExpansionSurviveARefresh(FxRobot robot) {
        page(robot).select(Row.selectorKey(logSelector));
        var group = page.item(Row.selectorKey(logSelector)).getParent();
        assertTrue(group.isExpanded());
        target.touch(TestSpaces.TASK);
        target.putThread(TestSpaces.TASK, new dev.capscope.core.model.ThreadInfo(2, "signal handler", "running"));
        page.interact(() -> h.timer.advance(1000));
        page.waitUntil(() -> page.item("thread:2").getValue().meaning().equals("running"));
        assertEquals(logSelector, page.selectedRow().selector());
        assertTrue(page.item(Row.selectorKey(logSelector)).getParent().isExpanded());
    }

    @Test
    void showsTargetErrorsAndReconnects(FxRobot robot) {
        page(robot);
        target.failOn(InMemoryTarget.Call.INFO, new TargetException(TargetException.Code.UNREACHABLE,
                "connection reset by peer"));
        page.interact(() -> h.timer.advance(1000));
        page.waitUntil(page::errorVisible);
        assertTrue(page.errorText().contains("unreachable"), page.errorText());
        assertNotNull(page.selectorItem(logSelector), "the last walk stays on screen");
        page.filter("log_server");
        page.waitUntil(() -> page.areaTitles().size() == 1);
        page.filter("");
        InMemoryTarget restarted = new InMemoryTarget(URI, "in-memory Fiasco.OC model", "genode-foc-19")
                .addTask(space);
        h.targets.put(URI, () -> restarted);
        page.clickReconnect();
        page.waitUntil(() -> !page.errorVisible());
        page.waitUntil(() -> restarted.calls(InMemoryTarget.Call.CAP_MAP) > 0);
        assertNull(page.fx(() -> h.vm.errorProperty().get().isEmpty() ? null : "error"));
    }

    @Test
    void aLongErrorWrapsAndTheReconnectButtonStaysWhole(FxRobot robot) {
        page(robot);
        target.failOn(InMemoryTarget.Call.INFO, new TargetException(TargetException.Code.UNREACHABLE,
                URI + ": " + "the line went quiet after a very long explanation of what happened ".repeat(6)));
        page.interact(() -> h.timer.advance(1000));
        page.waitUntil(page::errorVisible);
        String text = page.errorText();
        assertEquals(text.indexOf(URI), text.lastIndexOf(URI), "the address once: " + text);
        javafx.scene.control.Button b = robot.lookup("#reconnectButton").queryButton();
        assertEquals("Reconnect", page.fx(() -> ((javafx.scene.text.Text) b.lookup(".text")).getText()),
                "not cut to an ellipsis");
        assertTrue(page.fx(() -> robot.lookup("#errorText").query().getBoundsInParent().getHeight() > 20),
                "the message wraps onto several lines");
    }

    @Test
    void refreshAndLiveAreOffWithoutALiveTask(FxRobot robot) {
        page(robot);
        assertFalse(page.disabled("#refreshButton"));
        page.interact(() -> h.vm.sources().selectedProperty().set(null));
        assertTrue(page.disabled("#refreshButton"));
        assertTrue(page.disabled("#liveToggle"));
        assertTrue(page.disabled("#intervalChoice"));
    }
}
