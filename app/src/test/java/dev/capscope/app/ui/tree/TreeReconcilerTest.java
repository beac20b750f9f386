package dev.capscope.app.ui.tree;

import dev.capscope.app.ui.model.Grouping;
import dev.capscope.app.ui.model.Row;
import dev.capscope.app.ui.model.RowFilter;
import dev.capscope.app.ui.model.RowNode;
import dev.capscope.app.ui.model.RowTreeBuilder;
import dev.capscope.app.ui.testing.TestSpaces;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.profile.SelectorLayout;
import dev.capscope.core.testing.GenodeSpaceBuilder;
import javafx.collections.ListChangeListener;
import javafx.scene.control.TreeItem;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class TreeReconcilerTest {
    private final LayoutProfile profile = TestSpaces.profile();
    private final RowTreeBuilder builder = new RowTreeBuilder(profile, SelectorLayout.of(profile)::roleOf);

    private RowNode tree(CapSpace s) {
        return RowTreeBuilder.assemble(builder.leaves(s, Grouping.BY_INTERFACE, false, Map.of()), RowFilter.ALL);
    }

    @Test
    void reusesItemsByKeyAndEditsOnlyWhatChanged() {
        GenodeSpaceBuilder b = TestSpaces.logClient();
        TreeReconciler r = new TreeReconciler(new TreeItem<>());
        r.apply(tree(b.build()));
        TreeItem<Row> thread0 = r.itemFor("thread:0");
        TreeItem<Row> dsGroup = r.itemFor("grp:COMPONENT:iDataspace");
        dsGroup.setExpanded(true);
        assertNotNull(thread0);
        AtomicInteger changes = new AtomicInteger();
        dsGroup.getChildren().addListener((ListChangeListener<TreeItem<Row>>) c -> changes.incrementAndGet());

        int ds = b.dataspace("new chunk", 4096, "core");
        r.apply(tree(b.build()));
        assertSame(thread0, r.itemFor("thread:0"), "unchanged rows keep their items");
        assertSame(dsGroup, r.itemFor("grp:COMPONENT:iDataspace"));
        assertEquals(true, dsGroup.isExpanded(), "expansion survives");
        assertEquals(1, changes.get(), "one insert event");
        assertNotNull(r.itemFor(Row.selectorKey(ds)));
        b.release(ds);
        r.apply(tree(b.build()));
        assertNull(r.itemFor(Row.selectorKey(ds)));
    }
}
