package dev.capscope.app.ui.tree;

import dev.capscope.app.ui.model.Row;
import dev.capscope.app.ui.model.RowNode;
import javafx.beans.value.ObservableValue;
import javafx.css.PseudoClass;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;
import javafx.scene.control.Tooltip;

import java.util.List;
import java.util.function.Function;

/**
 * The cap-space tree: binds to {@link CapTreeViewModel}, reconciles its rows by key, keeps the
 * selection in step with the view model in both directions. No logic beyond wiring.
 */
public final class CapTreeView extends TreeTableView<Row> {
    private static final PseudoClass GROUP = PseudoClass.getPseudoClass("group");
    private static final PseudoClass EMPTY = PseudoClass.getPseudoClass("empty-slot");
    private static final PseudoClass ANOMALY = PseudoClass.getPseudoClass("anomaly");
    private static final String[] STATUS = {"new", "removed", "changed", "diff-added", "diff-removed",
            "diff-changed", "diff-rebound"};

    /** Row height in pixels (fixed: {@link #setFixedCellSize}). */
    public static final double ROW_HEIGHT = 22;
    private static final PseudoClass[] STATUS_PC = java.util.Arrays.stream(STATUS).map(PseudoClass::getPseudoClass)
            .toArray(PseudoClass[]::new);

    private final CapTreeViewModel vm;
    private final TreeReconciler reconciler;
    private boolean syncing;

    public CapTreeView(CapTreeViewModel vm) {
        this.vm = vm;
        setId("capTree");
        getStyleClass().add("cap-tree");
        TreeItem<Row> root = new TreeItem<>();
        root.setExpanded(true);
        setRoot(root);
        setShowRoot(false);
        reconciler = new TreeReconciler(root);
        setColumnResizePolicy(TreeTableView.UNCONSTRAINED_RESIZE_POLICY);
        // One height for every row: the flow need not measure rows after each refresh (large win
        // per walk, see docs/benchmarks.md); 12 px text + Modena's cell padding.
        setFixedCellSize(ROW_HEIGHT);
        getColumns().addAll(
                column("colSelector", "Selector", 215, Row::title),
                column("colDecimal", "Dec", 48, Row::selectorDecimal),
                column("colKcap", "kcap", 70, Row::kcap),
                column("colRole", "Role", 112, Row::role),
                column("colKind", "Kind", 84, Row::objectKind),
                column("colBadge", "Badge", 54, Row::badge),
                column("colRefs", "Refs", 40, Row::refs),
                column("colRights", "Rights", 50, Row::rights),
                column("colMeaning", "Meaning", 320, Row::meaning),
                column("colStatus", "Status", 70, r -> r.status().label()));
        setRowFactory(t -> new CapRow());
        setPlaceholder(new javafx.scene.control.Label("No space on screen: pick a task or a snapshot on the left, "
                + "attach (Ctrl+T) or open a snapshot (Ctrl+O)."));

        vm.treeProperty().addListener((o, a, b) -> apply(b));
        apply(vm.treeProperty().get());
        getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (!syncing) {
                syncing = true;
                try {
                    vm.selectedKeyProperty().set(b == null || b.getValue() == null ? null : b.getValue().key());
                } finally {
                    syncing = false;
                }
            }
        });
        vm.selectedKeyProperty().addListener((o, a, b) -> selectKey(b, true));
    }

    private void apply(RowNode tree) {
        syncing = true;
        try {
            reconciler.apply(tree);
            if (!vm.filterTextProperty().get().isBlank()) {
                expandAll(getRoot());
            }
        } finally {
            syncing = false;
        }
        selectKey(vm.selectedKeyProperty().get(), false);
    }

    private void selectKey(String key, boolean scroll) {
        if (syncing) {
            return;
        }
        TreeItem<Row> item = reconciler.itemFor(key);
        if (item == getSelectionModel().getSelectedItem()) {
            return;
        }
        syncing = true;
        try {
            if (item == null) {
                getSelectionModel().clearSelection();
            } else {
                TreeReconciler.expandTo(item);
                getSelectionModel().select(item);
                if (scroll) {
                    int idx = getRow(item);
                    if (idx >= 0) scrollTo(Math.max(0, idx - 3));
                }
            }
        } finally {
            syncing = false;
        }
    }

    private static void expandAll(TreeItem<Row> item) {
        for (TreeItem<Row> c : item.getChildren()) {
            if (!c.isLeaf()) {
                c.setExpanded(true);
                expandAll(c);
            }
        }
    }

    @Override
    protected javafx.scene.control.Skin<?> createDefaultSkin() {
        return new Skin(this);
    }

    /**
     * The default skin, except that a change of the row count or a row's value re-points the
     * visible rows at their items ({@code reconfigureCells}) instead of emptying and refilling
     * every visible row ({@code rebuildCells}, which re-applies CSS to all of them): a live refresh
     * changes a few rows and the count on every walk. With a fixed row height nothing needs the
     * rebuild's re-measuring; rows whose item did not change are not touched.
     */
    private static final class Skin extends javafx.scene.control.skin.TreeTableViewSkin<Row> {
        Skin(CapTreeView view) {
            super(view);
        }

        @Override
        protected javafx.scene.control.skin.VirtualFlow<TreeTableRow<Row>> createVirtualFlow() {
            return new javafx.scene.control.skin.VirtualFlow<>() {
                @Override
                protected void rebuildCells() {
                    reconfigureCells();
                }
            };
        }
    }

    /** The reconciler (for the benchmark and page objects). */
    public TreeReconciler reconciler() {
        return reconciler;
    }

    private static TreeTableColumn<Row, String> column(String id, String title, double width, Function<Row, String> f) {
        TreeTableColumn<Row, String> c = new TreeTableColumn<>(title);
        c.setId(id);
        c.setPrefWidth(width);
        c.setCellValueFactory(p -> {
            ObservableValue<Row> v = p.getValue().valueProperty();
            return v.map(f);
        });
        return c;
    }

    private static final class CapRow extends TreeTableRow<Row> {
        private List<String> tooltipLint = List.of();

        @Override
        protected void updateItem(Row row, boolean empty) {
            super.updateItem(row, empty);
            boolean has = !empty && row != null;
            pseudoClassStateChanged(GROUP, has && !row.isSelector());
            pseudoClassStateChanged(EMPTY, has && row.empty());
            pseudoClassStateChanged(ANOMALY, has && row.anomaly());
            String st = has ? row.status().pseudoClass() : null;
            for (int i = 0; i < STATUS.length; i++) {
                pseudoClassStateChanged(STATUS_PC[i], STATUS[i].equals(st));
            }
            // a tooltip only for rows with lint findings, made once per text (not on every re-index)
            List<String> lint = has ? row.lint() : List.of();
            if (!lint.equals(tooltipLint)) {
                tooltipLint = lint;
                setTooltip(lint.isEmpty() ? null : new Tooltip(String.join("\n", lint)));
            }
        }
    }
}
