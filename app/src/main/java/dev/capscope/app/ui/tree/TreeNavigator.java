package dev.capscope.app.ui.tree;

import dev.capscope.app.ui.model.Row;
import javafx.scene.control.TreeItem;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Moves through the tree in the order it is shown (sorted, collapsed groups included): the
 * next or previous row that matches, wrapping around at the ends. Find next and next anomaly.
 */
public final class TreeNavigator {
    private TreeNavigator() {
    }

    /** Every item below {@code root} in display order, depth first. */
    public static List<TreeItem<Row>> flatten(TreeItem<Row> root) {
        List<TreeItem<Row>> out = new ArrayList<>();
        add(root, out);
        return out;
    }

    private static void add(TreeItem<Row> item, List<TreeItem<Row>> out) {
        for (TreeItem<Row> c : item.getChildren()) {
            out.add(c);
            add(c, out);
        }
    }

    /**
     * The next (or previous) item after {@code from} whose row matches, wrapping around; the first
     * (or last) match when {@code from} is null or gone; null when nothing matches.
     */
    public static TreeItem<Row> next(TreeItem<Row> root, TreeItem<Row> from, Predicate<Row> match, boolean forward) {
        List<TreeItem<Row>> all = flatten(root);
        int n = all.size();
        if (n == 0) {
            return null;
        }
        int start = from == null ? -1 : all.indexOf(from);
        if (start < 0) {
            start = forward ? -1 : n;
        }
        for (int k = 1; k <= n; k++) {
            int i = Math.floorMod(forward ? start + k : start - k, n);
            Row r = all.get(i).getValue();
            if (r != null && match.test(r)) {
                return all.get(i);
            }
        }
        return null;
    }

    /** 1-based position of {@code item} among the matching items, and their count. */
    public static int[] position(TreeItem<Row> root, TreeItem<Row> item, Predicate<Row> match) {
        int index = 0;
        int count = 0;
        for (TreeItem<Row> i : flatten(root)) {
            if (i.getValue() != null && match.test(i.getValue())) {
                count++;
                if (i == item) index = count;
            }
        }
        return new int[]{index, count};
    }
}
