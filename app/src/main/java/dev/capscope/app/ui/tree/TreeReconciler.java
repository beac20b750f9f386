package dev.capscope.app.ui.tree;

import dev.capscope.app.ui.model.Row;
import dev.capscope.app.ui.model.RowKind;
import dev.capscope.app.ui.model.RowNode;
import javafx.collections.ObservableList;
import javafx.scene.control.TreeItem;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keyed incremental update of a {@link TreeItem} hierarchy from a {@link RowNode} tree: items are
 * reused by their path of row keys, values are replaced only when a row changed, children lists
 * get minimal edits (a handful of inserts/removes on a refresh), and whole lists are replaced
 * only when most of them changed (first load, filter). Expansion lives on the reused items, so it
 * survives; the view restores the selection by key.
 */
public final class TreeReconciler {
    /** Above this many edits in one children list, replace the list in one go. */
    static final int BULK_THRESHOLD = 48;

    private final TreeItem<Row> root;
    /** Per shown item with children: its children by row key (kept while the set of children stays). */
    private final Map<TreeItem<Row>, Map<String, TreeItem<Row>>> kids = new IdentityHashMap<>();
    private final Map<String, TreeItem<Row>> byRowKey = new HashMap<>();
    /** The user's column sort, or null for the model's order. */
    private java.util.Comparator<TreeItem<Row>> order;
    private RowNode last;

    public TreeReconciler(TreeItem<Row> root) {
        this.root = root;
    }

    public TreeItem<Row> root() {
        return root;
    }

    /** The item currently showing the row with this key, or null. */
    public TreeItem<Row> itemFor(String rowKey) {
        return rowKey == null ? null : byRowKey.get(rowKey);
    }

    /**
     * Updates the items to show {@code tree}. An item is reused when its parent item was and it
     * has the same row key there (so a row moving to another group gets a new item); an unchanged
     * list of children costs one map lookup and one identity check per child, no allocation.
     */
    public void apply(RowNode tree) {
        last = tree;
        if (root.getValue() == null || !root.getValue().equals(tree.row())) {
            root.setValue(tree.row());
        }
        reconcile(root, tree.children());
    }

    private void reconcile(TreeItem<Row> parent, List<RowNode> nodes) {
        Map<String, TreeItem<Row>> old = kids.get(parent);
        List<TreeItem<Row>> wanted = new ArrayList<>(nodes.size());
        boolean created = false;
        for (RowNode n : nodes) {
            Row row = n.row();
            TreeItem<Row> item = old == null ? null : old.get(row.key());
            if (item == null) {
                item = new TreeItem<>(row);
                // Areas and threads open by default; cap-map groups stay closed until asked.
                item.setExpanded(row.kind() == RowKind.AREA || row.kind() == RowKind.THREAD
                        && n.children().size() <= 8);
                byRowKey.put(row.key(), item);
                created = true;
            } else if (item.getValue() != row && !item.getValue().equals(row)) {
                item.setValue(row);
            }
            if (!n.children().isEmpty() || kids.containsKey(item)) {
                reconcile(item, n.children());
            }
            wanted.add(item);
        }
        if (sorts(parent)) {
            wanted.sort(order);
        }
        if (old == null || created || old.size() != wanted.size()) {
            Map<String, TreeItem<Row>> next = new HashMap<>(wanted.size() * 2);
            for (TreeItem<Row> w : wanted) {
                next.put(w.getValue().key(), w);
            }
            if (old != null) {
                for (TreeItem<Row> gone : old.values()) {
                    if (next.get(gone.getValue().key()) != gone) {
                        forget(gone);
                    }
                }
            }
            if (next.isEmpty()) {
                kids.remove(parent);
            } else {
                kids.put(parent, next);
            }
        }
        edit(parent.getChildren(), wanted);
    }

    /**
     * Sorts every children list with the user's column order (null: back to the model's order).
     * A thread's slots keep their gate, pager, irq, vcpu order: that order is their meaning.
     */
    public void order(java.util.Comparator<TreeItem<Row>> comparator) {
        if (comparator == order) {
            return;
        }
        order = comparator;
        if (last != null) {
            apply(last);
        }
    }

    private boolean sorts(TreeItem<Row> parent) {
        return order != null && (parent.getValue() == null || parent.getValue().kind() != RowKind.THREAD);
    }

    /** Drops an item that left the tree, and its subtree, from the bookkeeping. */
    private void forget(TreeItem<Row> item) {
        byRowKey.remove(item.getValue().key(), item);
        Map<String, TreeItem<Row>> k = kids.remove(item);
        if (k != null) {
            for (TreeItem<Row> c : k.values()) {
                forget(c);
            }
        }
    }

    /** Makes {@code current} equal {@code wanted} (identity) with few change events. */
    static void edit(ObservableList<TreeItem<Row>> current, List<TreeItem<Row>> wanted) {
        if (sameItems(current, wanted)) {
            return;
        }
        Set<TreeItem<Row>> keep = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        keep.addAll(wanted);
        int removals = 0;
        for (TreeItem<Row> c : current) {
            if (!keep.contains(c)) removals++;
        }
        int insertions = wanted.size() - (current.size() - removals);
        if (current.isEmpty() || removals + Math.max(0, insertions) > BULK_THRESHOLD) {
            current.setAll(wanted);
            return;
        }
        if (removals > 0) {
            current.removeIf(c -> !keep.contains(c));
        }
        for (int i = 0; i < wanted.size(); i++) {
            TreeItem<Row> w = wanted.get(i);
            if (i >= current.size()) {
                current.add(w);
            } else if (current.get(i) != w) {
                int at = indexOf(current, w, i + 1);
                if (at < 0) {
                    current.add(i, w);
                } else {
                    current.remove(at);
                    current.add(i, w);
                }
            }
        }
        while (current.size() > wanted.size()) {
            current.remove(current.size() - 1);
        }
    }

    private static int indexOf(List<TreeItem<Row>> list, TreeItem<Row> item, int from) {
        for (int i = from; i < list.size(); i++) {
            if (list.get(i) == item) return i;
        }
        return -1;
    }

    private static boolean sameItems(List<TreeItem<Row>> a, List<TreeItem<Row>> b) {
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) return false;
        }
        return true;
    }

    /** Expands every group on the way to an item. */
    public static void expandTo(TreeItem<?> item) {
        for (TreeItem<?> p = item == null ? null : item.getParent(); p != null; p = p.getParent()) {
            p.setExpanded(true);
        }
    }

    /** Items in the bookkeeping (dropped ones are forgotten); exposed for tests. */
    int indexedItems() {
        return byRowKey.size();
    }

}
