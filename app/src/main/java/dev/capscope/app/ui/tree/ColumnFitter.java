package dev.capscope.app.ui.tree;

import dev.capscope.app.ui.model.Row;
import javafx.collections.ListChangeListener;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;

import java.util.List;

/**
 * Fits the cap-space tree's columns to its width until the user drags one: on a wide window
 * Meaning takes the room left over; on a narrow one every column shrinks in proportion (never
 * below its minimum), so Selector, Role, Kind, Badge and Meaning stay in view and the rest
 * scrolls. Columns beyond the width scroll sideways (the unconstrained policy underneath).
 */
final class ColumnFitter {
    private final TreeTableView<Row> tree;
    private boolean userSized;

    private ColumnFitter(TreeTableView<Row> tree) {
        this.tree = tree;
    }

    static void install(TreeTableView<Row> tree) {
        ColumnFitter f = new ColumnFitter(tree);
        tree.setColumnResizePolicy(features -> {
            if (features.getColumn() != null) {
                f.userSized = true; // a drag on a column's edge
            }
            return TreeTableView.UNCONSTRAINED_RESIZE_POLICY.call(features);
        });
        tree.widthProperty().addListener((o, a, b) -> f.fit());
        tree.getVisibleLeafColumns().addListener((ListChangeListener<TreeTableColumn<Row, ?>>) c -> f.fit());
    }

    private void fit() {
        if (userSized || tree.getWidth() <= 0) {
            return;
        }
        double avail = tree.getWidth() - 20; // vertical scroll bar and the chooser button
        List<TreeTableColumn<Row, ?>> cols = List.copyOf(tree.getVisibleLeafColumns());
        int m = -1;
        double all = 0;
        for (int i = 0; i < cols.size(); i++) {
            all += spec(cols.get(i)).width();
            if (spec(cols.get(i)) == TreeColumn.MEANING) m = i;
        }
        if (avail >= all || m < 0) {
            // room for everything: preferred widths, Meaning takes what is left over
            for (TreeTableColumn<Row, ?> c : cols) c.setPrefWidth(spec(c).width());
            if (m >= 0) cols.get(m).setPrefWidth(spec(cols.get(m)).width() + Math.floor(avail - all));
            return;
        }
        // not enough: the columns up to Meaning share the width (shrinking in proportion, never
        // below their minimum), Meaning takes the rest; the columns after it scroll into view
        double before = 0;
        for (int i = 0; i < m; i++) before += spec(cols.get(i)).width();
        double room = avail - spec(cols.get(m)).minWidth();
        double scale = Math.min(1, room / before);
        double used = 0;
        for (int i = 0; i < m; i++) {
            TreeColumn spec = spec(cols.get(i));
            double w = Math.max(spec.minWidth(), Math.floor(spec.width() * scale));
            cols.get(i).setPrefWidth(w);
            used += w;
        }
        cols.get(m).setPrefWidth(Math.max(spec(cols.get(m)).minWidth(), Math.floor(avail - used)));
        for (int i = m + 1; i < cols.size(); i++) cols.get(i).setPrefWidth(spec(cols.get(i)).width());
    }

    private static TreeColumn spec(TreeTableColumn<Row, ?> c) {
        TreeColumn t = TreeColumn.byId(c.getId());
        return t == null ? TreeColumn.MEANING : t;
    }
}
