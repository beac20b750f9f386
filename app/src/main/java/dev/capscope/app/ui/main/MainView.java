package dev.capscope.app.ui.main;

import dev.capscope.app.ui.copy.ClipboardText;
import dev.capscope.app.ui.details.DetailsView;
import dev.capscope.app.ui.map.MapLegend;
import dev.capscope.app.ui.map.OccupancyMapView;
import dev.capscope.app.ui.model.Row;
import dev.capscope.app.ui.model.RowStatus;
import dev.capscope.app.ui.settings.ThemeApplier;
import dev.capscope.app.ui.sources.SourcesView;
import dev.capscope.app.ui.status.StatusView;
import dev.capscope.app.ui.tree.CapTreeView;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The main window's content: menus and tool bar on top; sources | (tree over map) | details;
 * status bar at the bottom. Composes, binds, and carries out the Edit menu on whatever has focus.
 */
public final class MainView extends BorderPane {
    private final MainViewModel vm;
    private final CapTreeView tree;
    private final OccupancyMapView map;
    private final MainToolBar toolBar;
    private final MainMenuBar menuBar;
    private final DetailsView details;

    public MainView(MainViewModel vm, Runnable quit) {
        this.vm = vm;
        setId("mainView");
        getStyleClass().add("main-view");
        ThemeApplier.follow(vm.view().themeProperty(), this);
        map = new OccupancyMapView(vm.tree().mapProperty(), vm.tree().selectedSelectorProperty(),
                vm.tree()::selectSelector, vm.view().mapZoomProperty(), vm.view().numbersProperty());
        tree = new CapTreeView(vm.tree(), vm.view(), map::reveal);
        details = new DetailsView(vm.details(), text -> vm.tree().filterTextProperty().set(text));
        toolBar = new MainToolBar(vm, this);
        menuBar = new MainMenuBar(vm, this, quit);
        setTop(new VBox(menuBar, toolBar));

        SourcesView sources = new SourcesView(vm.sources());
        VBox sourcesPane = new VBox(heading("Sources"), sources,
                new dev.capscope.app.ui.timeline.TimelineView(vm.workflow().timeline()));
        sourcesPane.setId("sourcesPane");
        VBox.setVgrow(sources, Priority.ALWAYS);
        new dev.capscope.app.ui.snapshot.WorkflowWindows(vm.workflow(), this, vm.view().numbersProperty());
        new dev.capscope.app.ui.holders.HoldersWindow(vm.holders(), this);
        details.holdersAction(() -> vm.showHolders(vm.tree().selectedSelectorProperty().get()),
                vm.tree().selectedSelectorProperty().greaterThanOrEqualTo(0));

        Label mapHeading = heading("Occupancy of selectors 0–4296");
        mapHeading.setId("mapHeading");
        dev.capscope.app.ui.copy.HoverTooltip.set(mapHeading,
                "Click a cell to select its selector in the tree; Ctrl+wheel or Ctrl +/- zooms, Ctrl+0 resets");
        VBox mapPane = new VBox(4, mapHeading, map, new MapLegend(vm.view().themeProperty()));
        mapPane.setId("mapPane");
        mapPane.getStyleClass().add("map-pane");
        mapPane.setMinHeight(0);
        VBox.setVgrow(map, Priority.ALWAYS);
        VBox treeBox = new VBox(tree, new dev.capscope.app.ui.recording.LiveRecordingView(vm.liveRecording()),
                new dev.capscope.app.ui.recording.RecordingScrubberView(vm.recordings()));
        VBox.setVgrow(tree, Priority.ALWAYS);
        treeBox.setMinHeight(0);
        SplitPane center = new SplitPane(treeBox, mapPane);
        center.setId("centerSplit");
        center.setOrientation(Orientation.VERTICAL);
        center.setDividerPositions(0.58);
        VBox centerBox = new VBox(new ErrorBanner(vm), center);
        VBox.setVgrow(center, Priority.ALWAYS);

        // the panes keep a usable width down to a 1024 px window; the map scrolls, it never pushes
        sourcesPane.setMinWidth(SourcesView.MIN_WIDTH);
        centerBox.setMinWidth(360);
        details.setMinWidth(250);
        map.setMinWidth(0);
        SplitPane main = new SplitPane(sourcesPane, centerBox, details);
        main.setId("mainSplit");
        main.setDividerPositions(0.16, 0.77);
        SplitPane.setResizableWithParent(sourcesPane, false);
        SplitPane.setResizableWithParent(details, false);
        setCenter(main);
        setBottom(new StatusView(vm.status()));
        // Esc cancels the running walk/snapshot/load first, wherever the focus is (a filter, not a
        // handler: the sources and the tree would take Esc for themselves)
        addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ESCAPE && vm.status().work().runningProperty().get()) {
                vm.cancelRunning();
                e.consume();
            }
        });
        // start in the tree (arrow keys move through rows), not in the filter field
        tree.sceneProperty().addListener((o, a, b) -> {
            if (b != null) javafx.application.Platform.runLater(tree::requestFocus);
        });
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("pane-heading");
        l.setMaxWidth(Double.MAX_VALUE);
        l.setMinWidth(0);
        return l;
    }

    // ---- Edit menu ---------------------------------------------------------------------------

    /** Copy: the focused text field's selection, the details' selected lines, else the tree's selected rows. */
    public void copy() {
        Node focus = getScene() == null ? null : getScene().getFocusOwner();
        if (focus instanceof TextInputControl t) {
            t.copy();
        } else if (details.hasFocus()) {
            details.copySelection();
        } else {
            tree.copySelectedRows();
        }
    }

    public void copyAllDetails() {
        ClipboardText.put(vm.details().allAsText());
    }

    public void focusFilter() {
        toolBar.filter.requestFocus();
        toolBar.filter.selectAll();
    }

    /** Down in the filter: into the tree, on the first match when nothing is selected yet. */
    public void focusTree() {
        if (tree.getSelectionModel().isEmpty()) {
            findNext(true);
        }
        tree.requestFocus();
    }

    /** Find next / previous: the next selector row of the filtered tree; with no filter, asks for one. */
    public void findNext(boolean forward) {
        if (vm.tree().filterTextProperty().get().isBlank()) {
            focusFilter();
            vm.status().idle("Type what to find in the filter field, then Enter (F3) for the next match");
            return;
        }
        int[] at = tree.selectNext(r -> r.isSelector() && r.status() != RowStatus.REMOVED, forward);
        vm.tree().findPositionProperty().set(at[0]);
        if (at[1] == 0) vm.status().idle("No match for '" + vm.tree().filterTextProperty().get().trim() + "'");
    }

    /** Next / previous anomaly (red rows: lint findings, caps where none may be). */
    public void nextAnomaly(boolean forward) {
        int[] at = tree.selectNext(Row::anomaly, forward);
        if (at[1] == 0) {
            vm.status().idle("No anomalies in the shown space"
                    + (vm.tree().filterTextProperty().get().isBlank() ? "" : " (with this filter)"));
            return;
        }
        Row r = tree.focusedRow();
        String why = r == null || r.lint().isEmpty() ? "a valid cap where none may be" : r.lint().get(0);
        vm.status().idle("Anomaly " + at[0] + " of " + at[1] + ": " + why);
    }

    public void exportView() {
        vm.exportView(tree.exportData(vm.shownTitle()));
    }

    /** Multiplies the map zoom by a factor; 0 resets it. */
    public void zoomMap(double factor) {
        map.zoom(factor);
    }

    public CapTreeView tree() { return tree; }
    public OccupancyMapView map() { return map; }
    public DetailsView details() { return details; }
    MainMenuBar menuBar() { return menuBar; }
}
