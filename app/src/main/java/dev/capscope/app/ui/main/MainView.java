package dev.capscope.app.ui.main;

import dev.capscope.app.ui.details.DetailsView;
import dev.capscope.app.ui.map.MapLegend;
import dev.capscope.app.ui.map.OccupancyMapView;
import dev.capscope.app.ui.sources.SourcesView;
import dev.capscope.app.ui.status.StatusView;
import dev.capscope.app.ui.tree.CapTreeView;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The main window's content: menus and tool bar on top; sources | (tree over map) | details;
 * status bar at the bottom. Only composes and binds.
 */
public final class MainView extends BorderPane {
    private final CapTreeView tree;
    private final OccupancyMapView map;
    private final MainToolBar toolBar;
    private final DetailsView details;

    public MainView(MainViewModel vm, Runnable quit) {
        setId("mainView");
        getStyleClass().add("main-view");
        toolBar = new MainToolBar(vm);
        setTop(new VBox(new MainMenuBar(vm, this::focusFilter, quit), toolBar));

        SourcesView sources = new SourcesView(vm.sources());
        Label sourcesHeading = heading("Sources");
        VBox sourcesPane = new VBox(sourcesHeading, sources,
                new dev.capscope.app.ui.timeline.TimelineView(vm.workflow().timeline()));
        sourcesPane.setId("sourcesPane");
        VBox.setVgrow(sources, Priority.ALWAYS);
        new dev.capscope.app.ui.snapshot.WorkflowWindows(vm.workflow(), this);

        tree = new CapTreeView(vm.tree());
        map = new OccupancyMapView(vm.tree().mapProperty(), vm.tree().selectedSelectorProperty(),
                vm.tree()::selectSelector);
        Label mapHeading = heading("Occupancy of selectors 0–4296 (click a cell to select it)");
        VBox mapPane = new VBox(4, mapHeading, map, new MapLegend());
        mapPane.setId("mapPane");
        mapPane.getStyleClass().add("map-pane");
        VBox.setVgrow(map, Priority.ALWAYS);
        SplitPane center = new SplitPane(tree, mapPane);
        center.setOrientation(Orientation.VERTICAL);
        center.setDividerPositions(0.6);
        VBox centerBox = new VBox(new ErrorBanner(vm), center);
        VBox.setVgrow(center, Priority.ALWAYS);

        details = new DetailsView(vm.details(), text -> vm.tree().filterTextProperty().set(text));
        SplitPane main = new SplitPane(sourcesPane, centerBox, details);
        main.setId("mainSplit");
        main.setDividerPositions(0.17, 0.79);
        SplitPane.setResizableWithParent(sourcesPane, false);
        SplitPane.setResizableWithParent(details, false);
        setCenter(main);
        setBottom(new StatusView(vm.status()));
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("pane-heading");
        l.setMaxWidth(Double.MAX_VALUE);
        return l;
    }

    public void focusFilter() {
        toolBar.filter.requestFocus();
        toolBar.filter.selectAll();
    }

    public CapTreeView tree() { return tree; }
    public OccupancyMapView map() { return map; }
    public DetailsView details() { return details; }
}
