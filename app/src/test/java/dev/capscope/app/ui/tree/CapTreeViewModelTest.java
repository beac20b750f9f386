package dev.capscope.app.ui.tree;

import dev.capscope.app.ui.model.Grouping;
import dev.capscope.app.ui.model.LiveMarks;
import dev.capscope.app.ui.model.Row;
import dev.capscope.app.ui.model.RowStatus;
import dev.capscope.app.ui.model.RowTreeBuilder;
import dev.capscope.app.ui.testing.TestSpaces;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.profile.SelectorLayout;
import dev.capscope.core.testing.GenodeSpaceBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A walk prepared on another thread, applied later: the same screen as show(), no marks leak from dropped frames. */
class CapTreeViewModelTest {
    private final LayoutProfile profile = TestSpaces.profile();
    private final RowTreeBuilder builder = new RowTreeBuilder(profile, SelectorLayout.of(profile)::roleOf);

    private CapTreeViewModel.Frame prepareOnWorker(CapTreeViewModel vm, CapSpace s, boolean same, long now) {
        return CompletableFuture.supplyAsync(() -> vm.prepare(s, builder, Map.of(), same, now)).join();
    }

    @Test
    void aPreparedFrameShowsWhatShowWouldAndMarksOnlyOnceApplied() {
        GenodeSpaceBuilder b = TestSpaces.logClient();
        CapSpace first = b.build();
        CapTreeViewModel vm = new CapTreeViewModel(new LiveMarks(1000, 1000));
        vm.apply(prepareOnWorker(vm, first, false, 0));
        CapTreeViewModel shown = new CapTreeViewModel(new LiveMarks(1000, 1000));
        shown.show(first, builder, Map.of(), false, 0);
        assertEquals(shown.treeProperty().get(), vm.treeProperty().get());

        int added = b.session("Timer", "init -> log_client -> t", "ram_quota=8K", "timer", 8192L);
        CapSpace second = b.generation(2).build();
        CapTreeViewModel.Frame dropped = prepareOnWorker(vm, second, true, 10);
        assertNull(vm.row(Row.selectorKey(added)), "nothing changes before apply");
        CapTreeViewModel.Frame frame = prepareOnWorker(vm, second, true, 20);
        vm.apply(frame);
        assertNotNull(dropped);
        assertEquals(RowStatus.NEW, vm.row(Row.selectorKey(added)).status());
        assertSame(vm.spaceProperty().get(), second);
        vm.tick(2000);
        assertEquals(RowStatus.NORMAL, vm.row(Row.selectorKey(added)).status());
    }

    @Test
    void settingsChangedWhileTheWalkWasPreparedAreHonoured() {
        CapSpace s = TestSpaces.logClient().build();
        CapTreeViewModel vm = new CapTreeViewModel();
        vm.show(s, builder, Map.of(), false, 0);
        CapTreeViewModel.Frame frame = prepareOnWorker(vm, s, true, 1);
        vm.groupingProperty().set(Grouping.BY_RANGE);
        vm.filterTextProperty().set("LOG");
        vm.apply(frame);
        assertTrue(vm.treeProperty().get().children().stream().allMatch(n -> n.row().key().startsWith("area:")));
        String groups = vm.treeProperty().get().toString();
        assertTrue(groups.contains(":r"), "grouped by range after apply");
        CapTreeViewModel plain = new CapTreeViewModel();
        plain.groupingProperty().set(Grouping.BY_RANGE);
        plain.filterTextProperty().set("LOG");
        plain.show(s, builder, Map.of(), false, 0);
        assertEquals(plain.matchesProperty().get(), vm.matchesProperty().get());
        assertEquals(plain.treeProperty().get(), vm.treeProperty().get());
    }
}
