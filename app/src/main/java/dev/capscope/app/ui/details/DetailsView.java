package dev.capscope.app.ui.details;

import dev.capscope.app.ui.copy.ClipboardText;
import dev.capscope.app.ui.copy.WrappingCell;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Details pane: everything known about the selection, one line per fact under its category.
 * Values wrap (nothing is cut off); lines take focus and selection; Ctrl+C copies the selected
 * lines, the context menu copies a value, the lines or everything, or filters the tree by a value.
 */
public final class DetailsView extends BorderPane {
    private static final PseudoClass CATEGORY = PseudoClass.getPseudoClass("category");
    private final DetailsViewModel vm;
    private final TreeTableView<DetailItem> table = new TreeTableView<>();
    private final TreeItem<DetailItem> root = new TreeItem<>();
    private final Button holders = new Button("Holders…");

    public DetailsView(DetailsViewModel vm, Consumer<String> filterBy) {
        this.vm = vm;
        setId("detailsPane");
        getStyleClass().add("details-pane");
        Label heading = new Label();
        heading.setId("detailsHeading");
        heading.getStyleClass().add("pane-heading");
        heading.textProperty().bind(vm.headingProperty());
        heading.setMaxWidth(Double.MAX_VALUE);
        heading.setMinWidth(0);
        Button copyAll = new Button("Copy all");
        copyAll.setId("detailsCopyAll");
        copyAll.getStyleClass().add("small");
        copyAll.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        dev.capscope.app.ui.copy.HoverTooltip.set(copyAll, "Copy every line of the details as text");
        copyAll.setOnAction(e -> ClipboardText.put(vm.allAsText()));
        holders.setId("detailsHolders");
        holders.getStyleClass().add("small");
        holders.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        holders.setTooltip(new Tooltip("Every holder of this cap's object across the target's tasks"));
        holders.setDisable(true);
        HBox.setHgrow(heading, Priority.ALWAYS);
        HBox top = new HBox(4, heading, holders, copyAll);
        top.getStyleClass().add("pane-heading-bar");
        top.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        setTop(top);

        table.setId("detailsSheet");
        table.getStyleClass().add("details-table");
        table.setRoot(root);
        table.setShowRoot(false);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TreeTableColumn<DetailItem, String> name = new TreeTableColumn<>("Field");
        name.setId("detailsColName");
        name.setPrefWidth(140);
        name.setMinWidth(118);
        name.setCellValueFactory(p -> new ReadOnlyStringWrapper(p.getValue().getValue() == null ? ""
                : p.getValue().getValue().name()));
        // names wrap too: "THREAD_AREA_BASE" may break after an underscore in a narrow pane
        name.setCellFactory(c -> new WrappingCell<>(WrappingCell::breakable));
        TreeTableColumn<DetailItem, String> value = new TreeTableColumn<>("Value");
        value.setId("detailsColValue");
        value.setMinWidth(100);
        value.setCellValueFactory(p -> new ReadOnlyStringWrapper(p.getValue().getValue() == null ? ""
                : p.getValue().getValue().value()));
        value.setCellFactory(c -> new WrappingCell<>(WrappingCell::breakable));
        name.setSortable(false);
        value.setSortable(false);
        table.getColumns().add(name);
        table.getColumns().add(value);
        table.setRowFactory(t -> new LineRow());
        table.setPlaceholder(new Label("Select a row of the tree or a cell of the map"));
        table.setContextMenu(contextMenu(filterBy));
        KeyCombination copy = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);
        table.addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (copy.match(e)) {
                copySelection();
                e.consume();
            }
        });
        setCenter(table);
        vm.items().addListener((ListChangeListener<DetailItem>) c -> refill());
        refill();
    }

    private ContextMenu contextMenu(Consumer<String> filterBy) {
        MenuItem copyValue = new MenuItem("Copy value");
        copyValue.setId("detailsCopyValue");
        copyValue.setOnAction(e -> ClipboardText.put(DetailsViewModel.valuesAsText(selectedLines())));
        MenuItem copyLines = new MenuItem("Copy line(s)");
        copyLines.setId("detailsCopyLines");
        copyLines.setAccelerator(new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN));
        copyLines.setOnAction(e -> copySelection());
        MenuItem copyAll = new MenuItem("Copy all details");
        copyAll.setId("detailsCopyAllItem");
        copyAll.setOnAction(e -> ClipboardText.put(vm.allAsText()));
        MenuItem filter = new MenuItem("Filter the tree by this value");
        filter.setId("detailsFilterBy");
        filter.setOnAction(e -> selectedLines().stream().findFirst().ifPresent(d -> filterBy.accept(d.value())));
        ContextMenu m = new ContextMenu(copyValue, copyLines, copyAll, new SeparatorMenuItem(), filter);
        m.setOnShowing(e -> {
            boolean none = selectedLines().isEmpty();
            copyValue.setDisable(none);
            copyLines.setDisable(none);
            filter.setDisable(none);
        });
        return m;
    }

    /** Copies the selected lines as "name: value" (a category line copies its whole category). */
    public void copySelection() {
        List<DetailItem> lines = selectedLines();
        ClipboardText.put(lines.isEmpty() ? vm.allAsText() : DetailsViewModel.linesAsText(lines));
    }

    /** Whether the details table holds the keyboard focus (Edit > Copy then copies its lines). */
    public boolean hasFocus() {
        return table.isFocused();
    }

    /** The selected fact lines; a selected category stands for all its lines. */
    List<DetailItem> selectedLines() {
        List<DetailItem> out = new ArrayList<>();
        for (TreeItem<DetailItem> i : table.getSelectionModel().getSelectedItems()) {
            if (i == null || i.getValue() == null) continue;
            if (i.getParent() == root) {
                i.getChildren().forEach(c -> { if (!out.contains(c.getValue())) out.add(c.getValue()); });
            } else if (!out.contains(i.getValue())) {
                out.add(i.getValue());
            }
        }
        return out;
    }

    /**
     * Updates the lines in place when only values changed (a live refresh), so selection and
     * scroll position stay; rebuilds the categories when the set of lines changed.
     */
    private void refill() {
        List<DetailItem> next = vm.items();
        List<TreeItem<DetailItem>> shown = new ArrayList<>();
        root.getChildren().forEach(c -> shown.addAll(c.getChildren()));
        boolean same = shown.size() == next.size();
        for (int i = 0; same && i < next.size(); i++) {
            DetailItem a = shown.get(i).getValue();
            same = a.category().equals(next.get(i).category()) && a.name().equals(next.get(i).name());
        }
        if (same) {
            for (int i = 0; i < next.size(); i++) {
                if (!shown.get(i).getValue().equals(next.get(i))) shown.get(i).setValue(next.get(i));
            }
            return;
        }
        List<TreeItem<DetailItem>> categories = new ArrayList<>();
        TreeItem<DetailItem> current = null;
        for (DetailItem d : next) {
            if (current == null || !current.getValue().category().equals(d.category())) {
                current = new TreeItem<>(new DetailItem(d.category(), d.category(), ""));
                current.setExpanded(true);
                categories.add(current);
            }
            current.getChildren().add(new TreeItem<>(d));
        }
        table.getSelectionModel().clearSelection();
        root.getChildren().setAll(categories);
    }

    /** Category lines are headings; a fact's tooltip says what it means. */
    private final class LineRow extends TreeTableRow<DetailItem> {
        @Override
        protected void updateItem(DetailItem d, boolean empty) {
            super.updateItem(d, empty);
            boolean category = !empty && getTreeItem() != null && getTreeItem().getParent() == root;
            pseudoClassStateChanged(CATEGORY, category);
            String tip = empty || d == null || category || d.description().isEmpty() ? null
                    : d.category() + " · " + d.name() + ": " + d.description();
            // one tooltip per row, made on its first hover, its text changed as the row is reused
            dev.capscope.app.ui.copy.HoverTooltip.set(this, tip);
        }
    }

    public TreeTableView<DetailItem> table() {
        return table;
    }

    /** Makes "Holders…" run {@code action} while {@code enabled} holds (a selector is selected). */
    public void holdersAction(Runnable action, javafx.beans.value.ObservableValue<Boolean> enabled) {
        holders.setOnAction(e -> action.run());
        holders.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> !Boolean.TRUE.equals(enabled.getValue()), enabled));
    }
}
