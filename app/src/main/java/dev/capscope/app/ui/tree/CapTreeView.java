package dev.capscope.app.ui.tree;

import dev.capscope.app.ui.copy.ClipboardText;
import dev.capscope.app.ui.model.Row;
import dev.capscope.app.ui.model.RowNode;
import dev.capscope.app.ui.settings.NumberBase;
import dev.capscope.app.ui.settings.ViewSettings;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.Predicate;

/**
 * The cap-space tree: binds to {@link CapTreeViewModel}, reconciles its rows by key, keeps the
 * selection in step with the view model in both directions. Columns ({@link TreeColumn}) follow
 * the window's number base and column choice; sorting keeps each thread's slot order; rows copy,
 * filter and navigate from the context menu and the Edit menu.
 */
public final class CapTreeView extends TreeTableView<Row> {
    private static final PseudoClass GROUP = PseudoClass.getPseudoClass("group");
    private static final PseudoClass EMPTY = PseudoClass.getPseudoClass("empty-slot");
    private static final PseudoClass ANOMALY = PseudoClass.getPseudoClass("anomaly");
    private static final String[] STATUS = {"new", "removed", "changed", "diff-added", "diff-removed",
            "diff-changed", "diff-rebound"};

    /** Row height in pixels (fixed: {@link #setFixedCellSize}). */
    public static final double ROW_HEIGHT = 24;
    private static final PseudoClass[] STATUS_PC = java.util.Arrays.stream(STATUS).map(PseudoClass::getPseudoClass)
            .toArray(PseudoClass[]::new);

    private final CapTreeViewModel vm;
    private final ViewSettings settings;
    private final TreeReconciler reconciler;
    private TreeTableColumn<Row, ?> clickedColumn;
    private String appliedFilter = "";
    private boolean syncing;

    public CapTreeView(CapTreeViewModel vm) {
        this(vm, new ViewSettings(), s -> { });
    }

    public CapTreeView(CapTreeViewModel vm, ViewSettings settings, IntConsumer showInMap) {
        this.vm = vm;
        this.settings = settings;
        setId("capTree");
        getStyleClass().add("cap-tree");
        TreeItem<Row> root = new TreeItem<>();
        root.setExpanded(true);
        setRoot(root);
        setShowRoot(false);
        reconciler = new TreeReconciler(root);
        // One height for every row: the flow need not measure rows after each refresh (large win
        // per walk, see docs/benchmarks.md); 13 px text and the cell padding.
        setFixedCellSize(ROW_HEIGHT);
        for (TreeColumn c : TreeColumn.values()) {
            getColumns().add(CapTreeColumns.column(c, settings, this::numbers));
        }
        setTableMenuButtonVisible(true); // the column chooser ("+" at the right of the header)
        ColumnFitter.install(this);
        getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        setRowFactory(t -> new CapRow());
        setPlaceholder(new javafx.scene.control.Label("No space on screen: pick a task or a snapshot on the left, "
                + "attach (Ctrl+T) or open a snapshot (Ctrl+O)."));
        setSortPolicy(t -> {
            reconciler.order(getSortOrder().isEmpty() ? null : getComparator());
            return true;
        });
        settings.numbersProperty().addListener((o, a, b) -> refresh());
        setContextMenu(new TreeContextMenu(this, vm, showInMap));
        addEventFilter(MouseEvent.MOUSE_PRESSED, e -> clickedColumn = columnAt(e.getPickResult().getIntersectedNode()));
        KeyCombination copy = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);
        addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (copy.match(e)) {
                copySelectedRows();
                e.consume();
            }
        });

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
        String filter = vm.filterTextProperty().get();
        boolean filterChanged = !filter.equals(appliedFilter);
        appliedFilter = filter;
        syncing = true;
        try {
            reconciler.apply(tree);
            if (!filter.isBlank()) {
                expandAll(getRoot());
            }
        } finally {
            syncing = false;
        }
        selectKey(vm.selectedKeyProperty().get(), false);
        if (filterChanged) {
            // the rows moved under the selection (e.g. the filter was cleared): keep it in view,
            // once the tree has counted its rows again
            javafx.application.Platform.runLater(() -> {
                TreeItem<Row> sel = getSelectionModel().getSelectedItem();
                int idx = sel == null ? -1 : getRow(sel);
                if (idx >= 0) scrollTo(Math.max(0, idx - 3));
            });
        }
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
                getSelectionModel().clearSelection();
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

    // ---- navigation and copy ------------------------------------------------------------------

    /**
     * Selects the next (or previous) row that matches, in display order, wrapping around; returns
     * its 1-based position among the matches and their count ({0, 0} when nothing matches).
     */
    public int[] selectNext(Predicate<Row> match, boolean forward) {
        TreeItem<Row> next = TreeNavigator.next(getRoot(), getSelectionModel().getSelectedItem(), match, forward);
        if (next == null) {
            return new int[]{0, 0};
        }
        vm.selectedKeyProperty().set(next.getValue().key());
        return TreeNavigator.position(getRoot(), next, match);
    }

    /** The selected rows in display order. */
    public List<Row> selectedRows() {
        java.util.Set<TreeItem<Row>> selected = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        selected.addAll(getSelectionModel().getSelectedItems());
        List<Row> out = new ArrayList<>();
        for (TreeItem<Row> i : TreeNavigator.flatten(getRoot())) {
            if (selected.contains(i) && i.getValue() != null) out.add(i.getValue());
        }
        return out;
    }

    /** The row the keyboard focus (or the last click) is on. */
    public Row focusedRow() {
        TreeItem<Row> i = getSelectionModel().getSelectedItem();
        return i == null ? null : i.getValue();
    }

    /** What is shown (every row of the filtered tree, sorted, visible columns) for an export. */
    public ViewExport exportData(String source) {
        return ViewExport.of(getRoot(), source, vm.filterTextProperty().get().trim(), visibleColumns(), numbers());
    }

    /** The visible columns' cells of the selected rows, tab-separated, on the clipboard. */
    public void copySelectedRows() {
        ClipboardText.put(RowText.cells(selectedRows(), visibleColumns(), numbers()));
    }

    /** Text of the cell last clicked (the focused row's cell in that column), or "". */
    public String clickedCellText() {
        Row r = focusedRow();
        TreeColumn c = clickedColumn == null ? TreeColumn.SELECTOR : TreeColumn.byId(clickedColumn.getId());
        return r == null || c == null ? "" : c.text(r, numbers());
    }

    /** Visible columns in their current order. */
    public List<TreeColumn> visibleColumns() {
        List<TreeColumn> out = new ArrayList<>();
        for (TreeTableColumn<Row, ?> c : getVisibleLeafColumns()) {
            TreeColumn spec = TreeColumn.byId(c.getId());
            if (spec != null) out.add(spec);
        }
        return out;
    }

    public NumberBase numbers() {
        return settings.numbersProperty().get();
    }

    @SuppressWarnings("unchecked")
    private TreeTableColumn<Row, ?> columnAt(Node n) {
        for (Node x = n; x != null && x != this; x = x.getParent()) {
            if (x instanceof javafx.scene.control.TreeTableCell<?, ?> cell) return (TreeTableColumn<Row, ?>) cell.getTableColumn();
        }
        return null;
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

    /** The rows' lint tooltips, one per text (see TooltipCache). */
    private final dev.capscope.app.ui.copy.TooltipCache tooltips = new dev.capscope.app.ui.copy.TooltipCache();

    private final class CapRow extends TreeTableRow<Row> {
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
            // a tooltip only for rows with lint findings, one per text for all rows (not on every re-index)
            List<String> lint = has ? row.lint() : List.of();
            if (!lint.equals(tooltipLint)) {
                tooltipLint = lint;
                setTooltip(lint.isEmpty() ? null : tooltips.of(String.join("\n", lint)));
            }
        }
    }
}
