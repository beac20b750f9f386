package dev.capscope.app.ui.diff;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import dev.capscope.app.ui.copy.ClipboardText;
import dev.capscope.app.ui.settings.NumberBase;

/**
 * The diff tree: areas (with their counts) -> selector rows marked added / removed / changed /
 * rebound (the main tree's CSS marks). Rebuilt when the view model publishes new groups; keeps the
 * selection in step with the view model both ways.
 */
public final class DiffTreeView extends TreeTableView<DiffRow> {
    private static final PseudoClass GROUP = PseudoClass.getPseudoClass("group");
    private static final String[] MARKS = {"diff-added", "diff-removed", "diff-changed", "diff-rebound"};
    private final Map<String, TreeItem<DiffRow>> items = new HashMap<>();
    private final TreeTableColumn<DiffRow, String> titleColumn;
    private boolean syncing;

    private final javafx.beans.value.ObservableValue<NumberBase> numbers;

    public DiffTreeView(DiffViewModel vm) {
        this(vm, new javafx.beans.property.SimpleObjectProperty<>(NumberBase.BOTH));
    }

    /** @param numbers the window's number base: selectors and badges are written in it */
    public DiffTreeView(DiffViewModel vm, javafx.beans.value.ObservableValue<NumberBase> numbers) {
        this(vm, numbers, sel -> { });
    }

    /** @param showInMap rings a selector's cell in the diff map (the context menu's "Show in map") */
    public DiffTreeView(DiffViewModel vm, javafx.beans.value.ObservableValue<NumberBase> numbers,
                        java.util.function.IntConsumer showInMap) {
        this.numbers = numbers;
        setId("diffTree");
        getStyleClass().add("cap-tree");
        setRoot(new TreeItem<>());
        setShowRoot(false);
        setColumnResizePolicy(TreeTableView.UNCONSTRAINED_RESIZE_POLICY);
        titleColumn = column("diffColSelector", "Selector", 170,
                r -> r.isGroup() ? r.title() : numbers.getValue().format(r.selector()));
        // area titles with their counts run on over the empty cells beside them
        titleColumn.setCellFactory(c -> new dev.capscope.app.ui.copy.SpanningTitleCell<>(DiffRow::isGroup,
                r -> r.isGroup() ? r.title() : numbers.getValue().format(r.selector())));
        getColumns().addAll(
                titleColumn,
                column("diffColDecimal", "Dec", 56, DiffRow::decimal),
                column("diffColStatus", "Status", 84, DiffRow::statusLabel),
                column("diffColKind", "Kind", 110, DiffRow::kind),
                column("diffColBadge", "Badge", 180, r -> numbers.getValue().formatNumbersIn(r.badge())),
                column("diffColMeaning", "Meaning", 260, DiffRow::meaning),
                column("diffColChanges", "Changes (before -> after)", 330, DiffRow::changes));
        setRowFactory(t -> new Row());
        // the Dec column repeats the selector (the Selector column follows the number setting):
        // hidden until asked for through the column chooser
        getColumns().stream().filter(c -> "diffColDecimal".equals(c.getId())).forEach(c -> c.setVisible(false));
        setTableMenuButtonVisible(true);
        getSelectionModel().setSelectionMode(javafx.scene.control.SelectionMode.MULTIPLE);
        numbers.addListener((o, a, b) -> refresh());
        setContextMenu(contextMenu());
        DiffTreeActions.install(this, vm, showInMap);
        javafx.scene.input.KeyCombination copy = javafx.scene.input.KeyCombination.keyCombination("Shortcut+C");
        addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (copy.match(e)) {
                ClipboardText.put(rowsText());
                e.consume();
            }
        });
        addEventFilter(javafx.scene.input.MouseEvent.MOUSE_PRESSED, e -> {
            for (javafx.scene.Node n = e.getPickResult().getIntersectedNode(); n != null && n != this; n = n.getParent()) {
                if (n instanceof javafx.scene.control.TreeTableCell<?, ?> cell) {
                    clicked = cell.getTableColumn();
                    break;
                }
            }
        });
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

    private javafx.scene.control.TableColumnBase<?, ?> clicked;

    /** The text of the cell last right-clicked or clicked in the focused row ("" when none). */
    @SuppressWarnings("unchecked")
    String clickedCellText() {
        TreeItem<DiffRow> i = getSelectionModel().getSelectedItem();
        if (i == null || !(clicked instanceof TreeTableColumn<?, ?> c)) return "";
        String v = ((TreeTableColumn<DiffRow, String>) c).getCellData(i);
        return v == null ? "" : v;
    }

    DiffRow focusedRow() {
        return focused();
    }

    /** Copy cell, row(s), selector, kcap, row(s) as JSON: as in the main tree. */
    private javafx.scene.control.ContextMenu contextMenu() {
        javafx.scene.control.MenuItem cell = item("diffCopyCell", "Copy cell", () -> {
            DiffRow r = focused();
            if (r != null && clicked instanceof TreeTableColumn<?, ?> c) {
                @SuppressWarnings("unchecked")
                TreeTableColumn<DiffRow, String> col = (TreeTableColumn<DiffRow, String>) c;
                ClipboardText.put(col.getCellData(getSelectionModel().getSelectedItem()));
            }
        });
        javafx.scene.control.MenuItem rows = item("diffCopyRow", "Copy row(s)", () -> ClipboardText.put(rowsText()));
        javafx.scene.control.MenuItem selector = item("diffCopySelector", "Copy selector", () -> ClipboardText.put(
                String.join("\n", selected().stream().filter(r -> !r.isGroup())
                        .map(r -> numbers.getValue().format(r.selector())).toList())));
        javafx.scene.control.MenuItem kcap = item("diffCopyKcap", "Copy kcap", () -> ClipboardText.put(
                String.join("\n", selected().stream().filter(r -> !r.isGroup())
                        .map(r -> dev.capscope.core.model.Selectors.formatKcap(r.selector())).toList())));
        javafx.scene.control.MenuItem json = item("diffCopyJson", "Copy as JSON", () -> ClipboardText.put(
                DiffRowText.json(selected().stream().filter(r -> !r.isGroup()).toList())));
        return new javafx.scene.control.ContextMenu(cell, rows, selector, kcap, json);
    }

    private static javafx.scene.control.MenuItem item(String id, String text, Runnable action) {
        javafx.scene.control.MenuItem m = new javafx.scene.control.MenuItem(text);
        m.setId(id);
        m.setOnAction(e -> action.run());
        return m;
    }

    private DiffRow focused() {
        TreeItem<DiffRow> i = getSelectionModel().getSelectedItem();
        return i == null ? null : i.getValue();
    }

    /** The selected rows in display order. */
    public java.util.List<DiffRow> selected() {
        java.util.List<DiffRow> out = new java.util.ArrayList<>();
        for (TreeItem<DiffRow> i : getSelectionModel().getSelectedItems()) {
            if (i != null && i.getValue() != null) out.add(i.getValue());
        }
        return out;
    }

    /** The visible columns' cells of the selected rows, tab-separated. */
    @SuppressWarnings("unchecked")
    String rowsText() {
        java.util.List<String> lines = new java.util.ArrayList<>();
        for (TreeItem<DiffRow> i : getSelectionModel().getSelectedItems()) {
            if (i == null) continue;
            java.util.List<String> cells = new java.util.ArrayList<>();
            for (TreeTableColumn<DiffRow, ?> c : getVisibleLeafColumns()) {
                cells.add(String.valueOf(((TreeTableColumn<DiffRow, String>) c).getCellData(i)));
            }
            lines.add(String.join("\t", cells));
        }
        return String.join("\n", lines);
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
