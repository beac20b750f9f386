package dev.capscope.app.ui.main;

import dev.capscope.app.ui.model.Row;
import dev.capscope.app.ui.model.RowNode;
import dev.capscope.app.ui.sources.LiveTarget;
import dev.capscope.app.ui.testing.CapscopeHarness;
import dev.capscope.app.ui.testing.DirectTaskRunner;
import dev.capscope.app.ui.testing.TestSpaces;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.target.TargetException;
import dev.capscope.core.testing.InMemoryTarget;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The window's view model without a window: background work runs in line, time is manual. */
class MainViewModelTest {
    static final String URI = "memory:x";
    private CapscopeHarness h;
    private InMemoryTarget target;
    private CapSpace space;

    @BeforeEach
    void attach() {
        space = TestSpaces.logClient().build();
        target = new InMemoryTarget(URI, "model", "genode-foc-19").addTask(space);
        h = new CapscopeHarness(new DirectTaskRunner(), CapscopeHarness.NO_FILES);
        h.targets.put(URI, () -> target);
        h.vm.attachTo(URI);
    }

    private RowNode tree() {
        return h.vm.tree().treeProperty().get();
    }

    @Test
    void attachWalksTheFirstTask() {
        assertEquals(LiveTarget.State.CONNECTED, h.vm.sources().targets().get(0).stateProperty().get(),
                h.vm.status().messageProperty().get());
        assertEquals(3, tree().children().size() >= 3 ? 3 : tree().children().size(), tree().toString());
        assertEquals("genode-foc-19", h.vm.profile().effectiveProperty().get().name());
        assertTrue(h.vm.status().walkTimeProperty().get().startsWith("walk "));
    }

    @Test
    void liveTicksWalkOnlyWhenTheGenerationMoved() {
        int walks = target.calls(InMemoryTarget.Call.CAP_MAP);
        h.timer.advance(3000);
        assertEquals(walks, target.calls(InMemoryTarget.Call.CAP_MAP), "unchanged target is not walked again");
        target.touch(TestSpaces.TASK);
        h.timer.advance(1000);
        assertTrue(target.calls(InMemoryTarget.Call.CAP_MAP) > walks, "a moved generation triggers a walk");
    }

    @Test
    void aFailingTargetShowsAnErrorAndReconnectClearsIt() {
        target.failOn(InMemoryTarget.Call.INFO, new TargetException(TargetException.Code.UNREACHABLE, "gone"));
        h.vm.liveTick();
        assertTrue(h.vm.errorProperty().get().contains("unreachable"), h.vm.errorProperty().get());
        assertNotNull(h.vm.tree().spaceProperty().get(), "the last walk stays");
        InMemoryTarget fresh = new InMemoryTarget(URI, "model", "genode-foc-19").addTask(space);
        h.targets.put(URI, () -> fresh);
        h.vm.reconnect();
        assertEquals("", h.vm.errorProperty().get());
        assertTrue(fresh.calls(InMemoryTarget.Call.CAP_MAP) > 0);
    }

    @Test
    void attachingToNothingSaysSo() {
        h.vm.attachTo("unix:/nowhere");
        LiveTarget t = h.vm.sources().findTarget("unix:/nowhere");
        assertEquals(LiveTarget.State.ERROR, t.stateProperty().get());
        assertTrue(t.errorProperty().get().contains("Reconnect") || t.errorProperty().get().contains("reconnect"));
    }

    @Test
    void mapSelectionSelectsTheRow() {
        int sel = space.capMap().get(3).index();
        h.vm.tree().selectSelector(sel);
        assertEquals(Row.selectorKey(sel), h.vm.tree().selectedKeyProperty().get());
        assertEquals(sel, h.vm.details().items().stream().filter(i -> i.name().equals("selector")).count() == 1 ? sel : -1);
        assertFalse(h.vm.details().items().isEmpty());
    }

    @Test
    void attachedEndpointsAreRememberedMostRecentFirstTheDemoTargetIsNot() {
        assertEquals(java.util.List.of(URI), h.vm.context().recent().endpoints());
        h.targets.put("tcp:127.0.0.1:9000", () -> target);
        h.vm.attachTo("tcp:127.0.0.1:9000");
        h.vm.attachTo(" serial:/dev/ttyUSB0 ");
        assertEquals(java.util.List.of("serial:/dev/ttyUSB0", "tcp:127.0.0.1:9000", URI), h.vm.context().recent().endpoints());
        h.dialogs.endpoints.add("tcp:127.0.0.1:9000");
        h.vm.attach();
        assertEquals(java.util.List.of("serial:/dev/ttyUSB0", "tcp:127.0.0.1:9000", URI), h.dialogs.offeredEndpoints,
                "the attach dialog offers the recent endpoints");
        assertEquals("tcp:127.0.0.1:9000", h.vm.context().recent().endpoints().get(0));
    }

    private String status() {
        return h.vm.status().messageProperty().get();
    }

    private String clock() {
        return java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss").format(
                java.time.Instant.ofEpochMilli(h.timer.nowMillis()).atZone(java.time.ZoneId.systemDefault()));
    }

    @Test
    void liveStatusSaysWhatMovedAndSinceWhen() {
        long g = target.generation(TestSpaces.TASK);
        assertEquals("Walked " + TestSpaces.TASK + " at generation " + g + " (" + clock() + ")", status());
        String walkedAt = clock();
        h.timer.advance(1000);
        assertEquals(TestSpaces.TASK + ": no change since generation " + g + " (" + walkedAt + ")", status());
        target.touch(TestSpaces.TASK);
        long moved = target.generation(TestSpaces.TASK);
        h.timer.advance(1000);
        assertEquals(TestSpaces.TASK + ": generation " + g + " → " + moved + " (" + clock() + ")", status(),
                "right after the generation moved the status says so, not 'unchanged'");
        String movedAt = clock();
        h.timer.advance(1000);
        assertEquals(TestSpaces.TASK + ": no change since generation " + moved + " (" + movedAt + ")", status());
    }

    @Test
    void refreshAndLiveApplyToLiveTasksOnlyAndAPollNeverTalksOverASnapshot() {
        assertTrue(h.vm.liveShownProperty().get());
        LiveTarget t = h.vm.sources().targets().get(0);
        var file = dev.capscope.app.ui.testing.SnapshotFiles.sample("log-client.json");
        var snap = dev.capscope.core.snapshot.SnapshotReader.read(file);
        h.vm.sources().snapshots().add(new dev.capscope.app.ui.sources.SnapshotSource(file, snap));
        h.vm.sources().selectSnapshot(h.vm.sources().snapshots().get(0));
        assertFalse(h.vm.liveShownProperty().get(), "a snapshot is shown: nothing to refresh");
        String shown = status();
        assertTrue(shown.startsWith("Showing snapshot"), shown);
        h.vm.unchanged(t, TestSpaces.TASK, target.generation(TestSpaces.TASK));
        assertEquals(shown, status(), "a late poll of the live task does not report over the snapshot");
        h.vm.sources().selectTask(t, TestSpaces.TASK);
        assertTrue(h.vm.liveShownProperty().get());
    }
}
