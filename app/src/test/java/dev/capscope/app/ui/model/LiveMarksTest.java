package dev.capscope.app.ui.model;

import dev.capscope.app.ui.testing.TestSpaces;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.profile.SelectorLayout;
import dev.capscope.core.testing.GenodeSpaceBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiveMarksTest {
    private final LayoutProfile profile = TestSpaces.profile();
    private final RowTreeBuilder builder = new RowTreeBuilder(profile, SelectorLayout.of(profile)::roleOf);

    private List<Leaf> leaves(CapSpace s) {
        return builder.leaves(s, Grouping.BY_INTERFACE, false, Map.of());
    }

    @Test
    void firstLoadMarksNothingThenNewAndRemovedRowsAreMarkedUntilTheyExpire() {
        GenodeSpaceBuilder b = TestSpaces.logClient();
        CapSpace before = b.build();
        LiveMarks marks = new LiveMarks(1000, 2000);
        marks.update(leaves(before), 0);
        assertTrue(marks.isEmpty(), "no marks on the first load");

        int closed = before.capMap().stream().filter(e -> "LOG".equals(e.semantics().rpcInterface())).findFirst().orElseThrow().index();
        int opened = b.session("Timer", "init -> log_client", null, "timer", null);
        b.release(closed);
        CapSpace after = b.build();
        marks.update(leaves(after), 100);
        List<Leaf> shown = marks.decorate(leaves(after));
        assertEquals(RowStatus.NEW, status(shown, opened));
        assertEquals(RowStatus.REMOVED, status(shown, closed));
        assertTrue(marks.expire(1200), "the flash ends");
        assertEquals(RowStatus.NORMAL, status(marks.decorate(leaves(after)), opened));
        assertTrue(marks.expire(2200), "the ghost goes");
        assertTrue(marks.isEmpty());
    }

    private static RowStatus status(List<Leaf> leaves, int selector) {
        return leaves.stream().filter(l -> l.row().selector() == selector).map(l -> l.row().status())
                .reduce((a, c) -> c == RowStatus.REMOVED ? a : c).orElseThrow();
    }
}
