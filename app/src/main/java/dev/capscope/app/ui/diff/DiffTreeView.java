package dev.capscope.app.ui.diff;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The diff tree: areas (with their counts) -> selector rows marked added / removed / changed /
 * rebound (the main tree's CSS marks). Rebuilt when the view model publishes new groups; keeps the
 * selection in step with the view model both ways.
 */
public final class DiffTreeView extends TreeTableView<DiffRow> {
    private static final PseudoClass GROUP = PseudoClass.getPseudoClass("group");
    private static final String[] MARKS = {"diff-added", "diff-removed", "diff-changed", "diff-rebound"};
    /** Room beside a title in the first column: indent, disclosure arrow, cell padding. */
    private static final double TITLE_ROOM = 56;
    private final Map<String, TreeItem<DiffRow>> items = new HashMap<>();
    private final TreeTableColumn<DiffRow, String> titleColumn;
    private boolean syncing;

    public DiffTreeView(DiffViewModel vm) {
        setId("diffTree");
        getStyleClass().add("cap-tree");
        setRoot(new TreeItem<>());
        setShowRoot(false);
        setColumnResizePolicy(TreeTableView.UNCONSTRAINED_RESIZE_POLICY);
        titleColumn = column("diffColSelector", "Selector", 230, DiffRow::title);
        getColumns().addAll(
                titleColumn,
                column("diffColDecimal", "Dec", 48, DiffRow::decimal),
                column("diffColStatus", "Status", 70, DiffRow::statusLabel),
                column("diffColKind", "Kind", 110, DiffRow::kind),
                column("diffColBadge", "Badge", 80, DiffRow::badge),
                column("diffColMeaning", "Meaning", 260, DiffRow::meaning),
                column("diffColChanges", "Changes (before -> after)", 330, DiffRow::changes));
        setRowFactory(t -> new Row());
        setPlaceholder(new Label("No differences to show"));
        vm.groupsProperty().addListener((o, a, b) -> rebuild(b, vm));
        getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (syncing) return;
            syncing = true;
            try {
                vm.selectedProperty().set(b == null || b.getValue() == null || b.getValue().isGroup() ? null : b.getValue());
            } finally {
                syncing = false;
            }
        });
        vm.selectedProperty().addListener((o, a, b) -> select(b));
        rebuild(vm.groupsProperty().get(), vm);
    }

    private void rebuild(List<DiffRows.Group> groups, DiffViewModel vm) {
        syncing = true;
        try {
            items.clear();
            TreeItem<DiffRow> root = new TreeItem<>();
            for (DiffRows.Group g : groups) {
                TreeItem<DiffRow> gi = new TreeItem<>(g.row());
                gi.setExpanded(true);
                items.put(g.row().key(), gi);
                for (DiffRow r : g.rows()) {
                    TreeItem<DiffRow> ri = new TreeItem<>(r);
                    items.put(r.key(), ri);
                    gi.getChildren().add(ri);
                }
                root.getChildren().add(gi);
            }
            root.setExpanded(true);
            setRoot(root);
            fitTitleColumn(groups);
        } finally {
            syncing = false;
        }
        select(vm.selectedProperty().get());
    }

    private void select(DiffRow r) {
        if (syncing) return;
        syncing = true;
        try {
            TreeItem<DiffRow> i = r == null ? null : items.get(r.key());
            if (i == null) {
                getSelectionModel().clearSelection();
            } else {
                getSelectionModel().select(i);
                int idx = getRow(i);
                if (idx >= 0) scrollTo(Math.max(0, idx - 3));
            }
        } finally {
            syncing = false;
        }
    }

    /**
     * Widens (never narrows) the first column so the longest area title with its counts
     * ("beyond allocator  (+0 −0 ~0 rebound 0 =1)", bold) shows whole.
     */
    private void fitTitleColumn(List<DiffRows.Group> groups) {
        double font = Font.getDefault().getSize();
        var fontNode = lookup(".tree-table-row-cell");
        if (fontNode instanceof javafx.scene.control.Labeled l) font = l.getFont().getSize();
        Font bold = Font.font(Font.getDefault().getFamily(), FontWeight.BOLD, Math.max(font, 12));
        double need = 0;
        for (DiffRows.Group g : groups) {
            Text t = new Text(g.row().title());
            t.setFont(bold);
            need = Math.max(need, t.getLayoutBounds().getWidth());
        }
        need = Math.ceil(need + TITLE_ROOM);
        if (need > titleColumn.getPrefWidth()) {
            titleColumn.setPrefWidth(need);
        }
    }

    /** The tree item of a row key ("s:515", "area:COMPONENT"), or null. */
    public TreeItem<DiffRow> itemFor(String key) {
        return items.get(key);
    }

    private static TreeTableColumn<DiffRow, String> column(String id, String title, double w, Function<DiffRow, String> f) {
        TreeTableColumn<DiffRow, String> c = new TreeTableColumn<>(title);
        c.setId(id);
        c.setPrefWidth(w);
        c.setCellValueFactory(p -> new ReadOnlyStringWrapper(p.getValue().getValue() == null ? "" : f.apply(p.getValue().getValue())));
        return c;
    }

    private static final class Row extends TreeTableRow<DiffRow> {
        @Override
        protected void updateItem(DiffRow r, boolean empty) {
            super.updateItem(r, empty);
            boolean has = !empty && r != null;
            pseudoClassStateChanged(GROUP, has && r.isGroup());
            String mark = has ? r.pseudoClass() : null;
            for (String m : MARKS) {
                pseudoClassStateChanged(PseudoClass.getPseudoClass(m), m.equals(mark));
            }
        }
    }
}
