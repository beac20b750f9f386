package dev.capscope.app.ui.live;

import dev.capscope.app.ui.model.Row;
import dev.capscope.app.ui.model.RowStatus;
import dev.capscope.app.ui.sources.LiveTarget;
import dev.capscope.app.ui.testing.CapscopeHarness;
import dev.capscope.app.ui.testing.CapscopePage;
import dev.capscope.bridge.CapsimProcess;
import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.profile.ProfileRegistry;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 5's acceptance tests: the window attached through the real bridge to a capsim process
 * that the test starts (log-client scenario), browsing the log client's space: its areas, one
 * thread's slots, a cap-map entry's details, a filter, map click -> tree selection, live refresh
 * highlighting a session that capsim opened (stdin {@code open-session}), the error state after
 * capsim is killed and the reconnect to a capsim restarted on the same Unix socket.
 */
@ExtendWith(ApplicationExtension.class)
class CapsimMainWindowTest {
    private static final String TASK = "init -> log_client";
    private static final Duration START = Duration.ofSeconds(10);
    private CapscopeHarness h;
    private final List<CapsimProcess> capsims = new ArrayList<>();
    private CapsimProcess capsim;
    private CapscopePage page;

    @Start
    void start(Stage stage) {
        h = CapscopeHarness.withWorker();
        h.show(stage);
    }

    @AfterEach
    void close() {
        h.close();
        for (int i = capsims.size() - 1; i >= 0; i--) {
            capsims.get(i).close();
        }
    }

    private CapsimProcess startCapsim(String listen) {
        CapsimProcess.Options o = CapsimProcess.Options.of(CapsimProcess.findScenario("log-client"));
        CapsimProcess c = CapsimProcess.start(listen == null ? o : o.listen(listen), START);
        capsims.add(c);
        return c;
    }

    /** Starts capsim, attaches the window to it and shows the log client's space. */
    private CapscopePage attach(FxRobot robot) {
        capsim = startCapsim(null);
        page = new CapscopePage(robot);
        String uri = h.useBridge(capsim.uri());
        page.interact(() -> h.vm.attachTo(uri));
        page.waitUntil(() -> target() != null && target().stateProperty().get() == LiveTarget.State.CONNECTED
                && !target().tasks().isEmpty());
        page.interact(() -> h.vm.sources().selectTask(target(), TASK));
        // the walk of the task shown on attach may still run: walk ours once the target is free
        page.waitUntil(() -> {
            CapSpace s = space();
            if (s != null && TASK.equals(s.taskName())) return true;
            if (!target().busy()) h.vm.refresh();
            return false;
        });
        page.waitForTree();
        return page;
    }

    private LiveTarget target() {
        return h.vm.sources().targets().isEmpty() ? null : h.vm.sources().targets().get(0);
    }

    private CapSpace space() {
        return h.vm.tree().spaceProperty().get();
    }

    private CapMapEntry entry(String rpcInterface) {
        return page.fx(() -> space().capMap().stream()
                .filter(e -> rpcInterface.equals(e.semantics().rpcInterface())).findFirst().orElseThrow());
    }

    private String command(String line) {
        capsim.send(line);
        String answer = capsim.awaitLine(l -> l.startsWith("ok") || l.startsWith("error"), START);
        assertTrue(answer.startsWith("ok"), line + " -> " + answer);
        return answer;
    }

    @Test
    void showsTheAreasAndOneThreadsSlots(FxRobot robot) {
        List<String> titles = attach(robot).areaTitles();
        assertTrue(titles.get(0).startsWith("fixed slots"), titles.toString());
        assertTrue(titles.stream().anyMatch(t -> t.startsWith("thread slots")), titles.toString());
        assertTrue(titles.stream().anyMatch(t -> t.startsWith("component area (cap map)")), titles.toString());
        LayoutProfile p = ProfileRegistry.builtin().get("genode-foc-19");
        // the log client's second thread ("ep"): its gate, core's pager gate and its irq
        List<Row> slots = page.childrenOf("thread:1");
        assertFalse(slots.isEmpty(), "thread 1 has slots");
        assertEquals(p.threadBase(1), slots.get(0).selector());
        assertEquals("Thread", slots.get(0).objectKind(), slots.toString());
        assertTrue(page.item("thread:1").getValue().title().contains("ep"), page.item("thread:1").getValue().title());
        assertTrue(slots.stream().allMatch(r -> r.selector() >= p.threadBase(1) && r.selector() < p.threadBase(2)),
                slots.toString());
    }

    @Test
    void showsACapMapEntrysDetails(FxRobot robot) {
        attach(robot);
        CapMapEntry timer = entry("Timer");
        page.select(Row.selectorKey(timer.index()));
        page.waitUntil(() -> page.detail("interface").isPresent());
        assertEquals("Timer", page.detail("interface").orElseThrow());
        assertTrue(page.detail("label").orElseThrow().endsWith("timeout"), page.detail("label").orElseThrow());
        assertEquals("Ipc_gate", page.detail("kind").orElseThrow());
        assertEquals("0x" + Long.toHexString(timer.rawId()) + " (" + timer.rawId() + ")", page.detail("badge").orElseThrow());
        assertEquals("yes", page.detail("valid").orElseThrow());
        assertTrue(page.detail("findings").isPresent(), "lint findings are part of the details");
    }

    @Test
    void filterFindsTheRomSession(FxRobot robot) {
        attach(robot);
        int rom = entry("ROM").index();
        int timer = entry("Timer").index();
        page.filter("ROM");
        page.waitUntil(() -> page.item(Row.selectorKey(rom)) != null && page.item(Row.selectorKey(timer)) == null);
        String matches = page.fx(() -> robot.lookup("#filterMatches").queryAs(Label.class).getText());
        assertTrue(matches.matches("\\d+ match(es)?"), matches);
        page.filter("0x" + Integer.toHexString(timer));
        page.waitUntil(() -> page.item(Row.selectorKey(timer)) != null && page.item(Row.selectorKey(rom)) == null);
        assertEquals(1, page.areaTitles().size());
    }

    @Test
    void mapClickSelectsInTheTree(FxRobot robot) {
        attach(robot);
        int timer = entry("Timer").index();
        page.clickMapCell(timer);
        page.waitUntil(() -> page.selectedRow() != null);
        assertEquals(timer, page.selectedRow().selector());
        assertEquals("Timer", page.detail("interface").orElseThrow());
    }

    @Test
    void liveRefreshHighlightsASessionCapsimOpened(FxRobot robot) {
        attach(robot);
        int rom = entry("ROM").index();
        assertFalse(page.reveal(rom).rowMarked(rom, "new"), "no highlight on the first load");
        int added = Integer.decode(command("open-session log_client LOG extra-log").split(" ")[1]);
        page.interact(() -> h.timer.advance(1000));
        page.waitUntil(() -> page.item(Row.selectorKey(added)) != null);
        assertEquals(RowStatus.NEW, page.item(Row.selectorKey(added)).getValue().status());
        assertTrue(page.reveal(added).rowMarked(added, "new"), "the new session is highlighted");
        assertFalse(page.reveal(rom).rowMarked(rom, "new"), "rows that were there are not");
        page.interact(() -> h.timer.advance(dev.capscope.app.ui.model.LiveMarks.DEFAULT_FLASH_MILLIS + 1000));
        page.waitUntil(() -> page.item(Row.selectorKey(added)).getValue().status() == RowStatus.NORMAL);
    }

    @Test
    void killedCapsimShowsTheErrorAndReconnectWorksWithARestartedOne(FxRobot robot) {
        attach(robot);
        int rom = entry("ROM").index();
        String uri = capsim.uri();
        capsim.kill();
        page.interact(() -> h.timer.advance(1000));
        page.waitUntil(page::errorVisible);
        assertTrue(page.errorText().contains(uri) && page.errorText().toLowerCase().contains("reconnect"),
                page.errorText());
        assertEquals(LiveTarget.State.ERROR, page.fx(() -> target().stateProperty().get()));
        assertNotNull(page.selectorItem(rom), "the last walk stays on screen");
        // the window still works: filtering the last walk
        page.filter("ROM");
        page.waitUntil(() -> page.item(Row.selectorKey(entry("Timer").index())) == null);
        page.filter("");
        // a failed reconnect keeps the error
        page.clickReconnect();
        page.waitUntil(() -> target().stateProperty().get() == LiveTarget.State.ERROR && page.errorVisible());
        // capsim comes back on the same socket
        capsim = startCapsim(uri);
        assertEquals(uri, capsim.uri());
        page.clickReconnect();
        page.waitUntil(() -> !page.errorVisible() && target().stateProperty().get() == LiveTarget.State.CONNECTED);
        page.waitUntil(() -> space() != null && TASK.equals(space().taskName()) && page.selectorItem(rom) != null);
        assertEquals("", page.fx(() -> h.vm.errorProperty().get()));
        // and live refresh works again on the new process
        int added = Integer.decode(command("open-session log_client LOG after-restart").split(" ")[1]);
        page.interact(() -> h.timer.advance(1000));
        page.waitUntil(() -> page.item(Row.selectorKey(added)) != null);
    }
}
