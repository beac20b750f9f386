package dev.capscope.app.ui.model;

import dev.capscope.app.ui.testing.TestSpaces;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.profile.SelectorLayout;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RowTreeBuilderTest {
    private final LayoutProfile profile = TestSpaces.profile();
    private final RowTreeBuilder builder = new RowTreeBuilder(profile, SelectorLayout.of(profile)::roleOf);
    private final CapSpace space = TestSpaces.logClient().build();

    private RowNode tree(Grouping g, boolean empty, String filter) {
        return RowTreeBuilder.assemble(builder.leaves(space, g, empty, Map.of()), RowFilter.of(filter));
    }

    @Test
    void areasThreadsAndInterfaceGroups() {
        RowNode root = tree(Grouping.BY_INTERFACE, false, "");
        List<String> areas = root.children().stream().map(n -> n.row().key()).toList();
        assertEquals(List.of("area:FIXED", "area:THREADS", "area:COMPONENT"), areas);
        RowNode threads = root.children().get(1);
        assertEquals(3, threads.children().size());
        assertEquals("thread:0", threads.children().get(0).row().key());
        RowNode component = root.children().get(2);
        List<String> groups = component.children().stream().map(n -> n.row().title().replaceAll("  \\(.*", "")).toList();
        assertTrue(groups.containsAll(List.of("CPU", "Dataspace", "LOG", "PD", "RM", "ROM", "Signal_context")), groups.toString());
        assertEquals("(receive windows)", groups.get(groups.size() - 1), "parenthesised groups go last");
    }

    @Test
    void emptySlotsOnDemand() {
        int without = tree(Grouping.BY_INTERFACE, false, "").leafCount();
        int with = tree(Grouping.BY_INTERFACE, true, "").leafCount();
        // 3 threads x 2 unused vcpu slots, plus the unmapped debug cap.
        assertEquals(without + 3 * 2 + 1, with);
    }

    @Test
    void rangeGroupsAre256Wide() {
        RowNode component = tree(Grouping.BY_RANGE, false, "").children().get(2);
        assertTrue(component.children().get(0).row().title().startsWith("0x300–0x3ff"));
    }

    @Test
    void filterBySelectorHexBadgeAndText() {
        int sel = space.capMap().stream().filter(e -> "ROM".equals(e.semantics().rpcInterface())).findFirst().orElseThrow().index();
        assertEquals(1, tree(Grouping.BY_INTERFACE, false, "0x" + Integer.toHexString(sel)).leafCount());
        assertEquals(1, tree(Grouping.BY_INTERFACE, false, Integer.toString(sel)).leafCount());
        assertTrue(tree(Grouping.BY_INTERFACE, false, Long.toString(space.capMapEntry(sel).rawId())).leafCount() >= 1,
                "badge");
        assertEquals(1, tree(Grouping.BY_INTERFACE, false, "config update").leafCount(), "label text");
        assertEquals(6, tree(Grouping.BY_INTERFACE, false, "dataspace").leafCount());
        assertEquals(3, tree(Grouping.BY_INTERFACE, false, "irq_sender").leafCount());
    }
}
