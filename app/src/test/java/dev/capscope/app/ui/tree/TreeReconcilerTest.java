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

    @Test
    void aRowThatChangesGroupGetsAnItemThereAndLeftItemsAreForgotten() {
        GenodeSpaceBuilder b = TestSpaces.logClient();
        TreeReconciler r = new TreeReconciler(new TreeItem<>());
        RowNode first = tree(b.build());
        r.apply(first);
        assertEquals(count(first), r.indexedItems());
        int ds = b.dataspace("chunk", 4096, "core");
        r.apply(tree(b.build()));
        TreeItem<Row> before = r.itemFor(Row.selectorKey(ds));
        assertEquals("grp:COMPONENT:iDataspace", before.getParent().getValue().key());
        // by kind, the same selector sits in another group: a new item there, the old one gone
        RowNode byKind = RowTreeBuilder.assemble(builder.leaves(b.build(), Grouping.BY_KIND, false, Map.of()), RowFilter.ALL);
        r.apply(byKind);
        TreeItem<Row> after = r.itemFor(Row.selectorKey(ds));
        assertNotNull(after);
        assertEquals(after.getParent().getValue().key(), r.itemFor(after.getParent().getValue().key()).getValue().key());
        assertNull(r.itemFor("grp:COMPONENT:iDataspace"));
        assertEquals(count(byKind), r.indexedItems(), "items that left the tree are forgotten");
        b.release(ds);
        RowNode last = tree(b.build());
        r.apply(last);
        assertNull(r.itemFor(Row.selectorKey(ds)));
        assertEquals(count(last), r.indexedItems());
    }

    private static int count(RowNode n) {
        int c = 1;
        for (RowNode k : n.children()) c += count(k);
        return c - (n.row().key().equals("root") ? 1 : 0);
    }
}
