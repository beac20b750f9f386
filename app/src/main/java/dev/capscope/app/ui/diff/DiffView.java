package dev.capscope.app.ui.diff;

import dev.capscope.core.diff.DiffStatus;
import dev.capscope.core.diff.MatchKey;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import javafx.util.StringConverter;

import java.util.function.Function;

/**
 * The diff window's content: sides, swap, match key, changes-only and export on top; the diff
 * tree over the diff map; per-kind counts and the selected row's field-level before/after on the
 * right; the summary at the bottom. Only binds to {@link DiffViewModel}.
 */
public final class DiffView extends BorderPane {
    private static final PseudoClass CHANGED = PseudoClass.getPseudoClass("field-changed");
    private final DiffTreeView tree;
    private final DiffMapView map;

    public DiffView(DiffViewModel vm) {
        this(vm, new javafx.beans.property.SimpleObjectProperty<>(dev.capscope.app.ui.settings.NumberBase.BOTH));
    }

    /** @param numbers the main window's number base (selectors and badges in the diff tree) */
    public DiffView(DiffViewModel vm, javafx.beans.value.ObservableValue<dev.capscope.app.ui.settings.NumberBase> numbers) {
        setId("diffView");
        getStyleClass().add("diff-view");
        setTop(toolBar(vm));
        map = new DiffMapView(vm.mapProperty(), () -> vm.selectedProperty().get() == null ? -1
                : vm.selectedProperty().get().selector(), vm::selectSelector);
        tree = new DiffTreeView(vm, numbers, map::reveal);
        vm.selectedProperty().addListener((o, a, b) -> map.redraw());
        VBox mapPane = new VBox(4, heading("Selectors 0–4296 coloured by diff status (click selects)"), map, legend());
        mapPane.getStyleClass().add("map-pane");
        VBox.setVgrow(map, Priority.ALWAYS);
        SplitPane center = new SplitPane(tree, mapPane);
        center.setOrientation(Orientation.VERTICAL);
        center.setDividerPositions(0.62);

        Label detailsHeading = heading("");
        detailsHeading.setId("diffDetailsHeading");
        detailsHeading.textProperty().bind(vm.selectedProperty().map(r -> r == null ? "Select a row: before / after"
                : r.title() + "  " + (r.statusLabel().isEmpty() ? "unchanged" : r.statusLabel())).orElse("Select a row: before / after"));
        VBox right = new VBox(heading("Counts per kind"), countsTable(vm), detailsHeading, detailsTable(vm, numbers));
        right.setId("diffSidePane");
        VBox.setVgrow(right.getChildren().get(3), Priority.ALWAYS);
        SplitPane main = new SplitPane(center, right);
        main.setDividerPositions(0.66);
        setCenter(main);

        Label summary = new Label();
        summary.setId("diffSummary");
        summary.textProperty().bind(vm.summaryProperty());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setId("diffBusy");
        busy.setPrefSize(16, 16);
        busy.visibleProperty().bind(vm.busyProperty());
        HBox bottom = new HBox(8, busy, summary);
        bottom.setPadding(new Insets(4, 8, 4, 8));
        setBottom(bottom);
    }

    private FlowPane toolBar(DiffViewModel vm) {
        ComboBox<DiffSide> base = sideChoice("diffBaselineChoice", vm);
        base.valueProperty().bindBidirectional(vm.baselineProperty());
        ComboBox<DiffSide> after = sideChoice("diffAfterChoice", vm);
        after.valueProperty().bindBidirectional(vm.afterProperty());
        Button swap = new Button("⇄ Swap");
        swap.setId("diffSwapButton");
        swap.setTooltip(new Tooltip("Swap baseline and after (added ↔ removed)"));
        swap.setOnAction(e -> vm.swap());
        ChoiceBox<MatchKey> match = new ChoiceBox<>(FXCollections.observableArrayList(MatchKey.values()));
        match.setId("diffMatchChoice");
        match.setConverter(new StringConverter<>() {
            public String toString(MatchKey k) { return k == null ? "" : k == MatchKey.SELECTOR ? "match by selector" : "match by badge / meaning"; }
            public MatchKey fromString(String s) { return null; }
        });
        match.valueProperty().bindBidirectional(vm.matchKeyProperty());
        match.setTooltip(new Tooltip("Selector: identities count (re-created sessions are 'rebound'). "
                + "Badge: pairs entries by badge and meaning, so moved or re-created caps match."));
        CheckBox changes = new CheckBox("Changes only");
        changes.setId("diffChangesOnly");
        changes.selectedProperty().bindBidirectional(vm.changesOnlyProperty());
        Button reload = new Button("Compare again");
        reload.setId("diffReloadButton");
        reload.setTooltip(new Tooltip("Read both sides again (walks live tasks) and compare (F5)"));
        reload.setOnAction(e -> vm.reload());
        Button text = new Button("Export text…");
        text.setId("diffExportText");
        text.setOnAction(e -> vm.exportText());
        Button json = new Button("Export JSON…");
        json.setId("diffExportJson");
        json.setOnAction(e -> vm.exportJson());
        text.disableProperty().bind(vm.resultProperty().isNull());
        json.disableProperty().bind(vm.resultProperty().isNull());
        match.setMaxWidth(200);
        javafx.scene.control.TextField filter = new javafx.scene.control.TextField();
        filter.setId("diffFilterField");
        filter.setPromptText("Filter: selector, badge, text, obj:ID");
        filter.setPrefColumnCount(22);
        filter.textProperty().bindBidirectional(vm.filterTextProperty());
        filter.setTooltip(new Tooltip("Filter the diff's rows: a selector (771, 0x303) or kcap, a badge, obj:ID "
                + "for every holder of a kernel object, or any text of status, kind, meaning or changes. Esc clears."));
        filter.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ESCAPE && !filter.getText().isEmpty()) {
                filter.clear();
                e.consume();
            }
        });
        Label matches = new Label();
        matches.setId("diffFilterMatches");
        matches.textProperty().bind(vm.filterMatchesProperty());
        // a flow, not a ToolBar: on a narrow window the controls wrap instead of hiding behind "»"
        FlowPane bar = new FlowPane(8, 6, new Label("Baseline"), base, swap, new Label("After"), after,
                new Separator(Orientation.VERTICAL), match, changes, reload, new Separator(Orientation.VERTICAL), text, json,
                new Separator(Orientation.VERTICAL), filter, matches);
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        bar.getStyleClass().add("main-tool-bar");
        bar.setId("diffToolBar");
        return bar;
    }

    private static ComboBox<DiffSide> sideChoice(String id, DiffViewModel vm) {
        ComboBox<DiffSide> c = new ComboBox<>(vm.choices());
        c.setId(id);
        c.setPrefWidth(250);
        Tooltip tip = new Tooltip(); // a long title ("snapshot log-client-after.json") may not fit
        tip.textProperty().bind(c.valueProperty().map(DiffSide::title).orElse(""));
        c.setTooltip(tip);
        c.setConverter(new StringConverter<>() {
            public String toString(DiffSide s) { return s == null ? "" : s.title(); }
            public DiffSide fromString(String s) { return null; }
        });
        return c;
    }

    private static TableView<KindCount> countsTable(DiffViewModel vm) {
        TableView<KindCount> t = new TableView<>(vm.counts());
        t.setId("diffCountsTable");
        t.getColumns().add(col("What", 96, KindCount::what));
        t.getColumns().add(col("+", 40, k -> Integer.toString(k.counts().added())));
        t.getColumns().add(col("−", 40, k -> Integer.toString(k.counts().removed())));
        t.getColumns().add(col("~", 40, k -> Integer.toString(k.counts().changed())));
        TableColumn<KindCount, String> rebound = col("rebound", 68, k -> Integer.toString(k.counts().rebound()));
        rebound.setMinWidth(70); // the header stays whole on a narrow window (the table scrolls instead)
        t.getColumns().add(rebound);
        t.getColumns().add(col("=", 44, k -> Integer.toString(k.counts().unchanged())));
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        t.setPrefHeight(230);
        t.getStyleClass().add("dense"); // AtlantaFX's compact rows: every line of the counts shows
        t.setPlaceholder(new Label("No comparison yet"));
        return t;
    }

    /** Fields whose numbers the window's number setting writes (as the main details do). */
    private static final java.util.Set<String> NUMBERED = java.util.Set.of("object id", "gate label", "badge");

    private static TableView<FieldRow> detailsTable(DiffViewModel vm,
            javafx.beans.value.ObservableValue<dev.capscope.app.ui.settings.NumberBase> numbers) {
        TableView<FieldRow> t = new TableView<>(vm.details());
        t.setId("diffDetailsTable");
        t.getColumns().add(col("Field", 100, FieldRow::field));
        Function<Function<FieldRow, String>, Function<FieldRow, String>> inBase = f -> r -> NUMBERED.contains(r.field())
                ? numbers.getValue().formatNumbersIn(f.apply(r)) : f.apply(r);
        TableColumn<FieldRow, String> before = col("Before", 150, inBase.apply(FieldRow::before));
        TableColumn<FieldRow, String> after = col("After", 150, inBase.apply(FieldRow::after));
        numbers.addListener((o, a, b) -> t.refresh());
        // labels and args are long: they wrap rather than end in "…"
        before.setCellFactory(c -> new dev.capscope.app.ui.copy.WrappingTableCell<>());
        after.setCellFactory(c -> new dev.capscope.app.ui.copy.WrappingTableCell<>());
        t.getColumns().add(before);
        t.getColumns().add(after);
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        t.setPlaceholder(new Label("Select a row of the diff"));
        t.getStyleClass().add("dense");
        t.setRowFactory(x -> new TableRow<>() {
            @Override
            protected void updateItem(FieldRow r, boolean empty) {
                super.updateItem(r, empty);
                pseudoClassStateChanged(CHANGED, !empty && r != null && r.changed());
            }
        });
        return t;
    }

    private static <T> TableColumn<T, String> col(String title, double w, Function<T, String> f) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setPrefWidth(w);
        c.setSortable(false);
        c.setCellValueFactory(p -> new ReadOnlyStringWrapper(f.apply(p.getValue())));
        return c;
    }

    private static FlowPane legend() {
        FlowPane p = new FlowPane(10, 2);
        p.setId("diffLegend");
        p.getStyleClass().add("map-legend");
        for (DiffStatus s : DiffStatus.values()) {
            Rectangle r = new Rectangle(10, 10, DiffMapView.color(s));
            Label l = new Label(s.name().toLowerCase(), r);
            p.getChildren().add(l);
        }
        return p;
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("pane-heading");
        l.setMaxWidth(Double.MAX_VALUE);
        return l;
    }

    public DiffTreeView tree() { return tree; }
    public DiffMapView map() { return map; }

}
