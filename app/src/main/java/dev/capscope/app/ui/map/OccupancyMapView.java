package dev.capscope.app.ui.map;

import dev.capscope.app.ui.model.MapModel;
import dev.capscope.app.ui.model.RowStatus;
import dev.capscope.app.ui.settings.NumberBase;
import dev.capscope.app.ui.settings.ViewSettings;
import dev.capscope.core.model.Selectors;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.util.Duration;

import java.util.function.IntConsumer;

/**
 * The occupancy map: all 4,297 selectors as cells on ONE Canvas (not 4,297 nodes) in a scroll
 * pane, every line labelled with its first selector. Cells stay readable (8 px at zoom 1, 128,
 * 64 or 32 to a line as the width allows); what does not fit scrolls. Ctrl+wheel and the View
 * menu zoom. Click selects, hover shows a tooltip, the selected selector is outlined.
 */
public final class OccupancyMapView extends Region {
    /** Cell size in pixels at zoom 1, and the smallest a cell gets before a line holds fewer cells. */
    static final double CELL = 8;
    static final double MIN_CELL = 7;
    private static final int[] LINE_WIDTHS = {128, 96, 64, 48, 32};
    private final Canvas canvas = new Canvas();
    private final ScrollPane scroll;
    private final Label placeholder = new Label("No space on screen: pick a task or a snapshot");
    private final ReadOnlyObjectProperty<MapModel> model;
    private final ReadOnlyIntegerProperty selected;
    private final DoubleProperty zoom;
    private final ObservableValue<NumberBase> numbers;
    private final Tooltip tooltip = new Tooltip();
    private final MapGrid grid = new MapGrid(128, CELL);

    public OccupancyMapView(ReadOnlyObjectProperty<MapModel> model, ReadOnlyIntegerProperty selected, IntConsumer onClick) {
        this(model, selected, onClick, new javafx.beans.property.SimpleDoubleProperty(1),
                new javafx.beans.property.SimpleObjectProperty<>(NumberBase.BOTH));
    }

    public OccupancyMapView(ReadOnlyObjectProperty<MapModel> model, ReadOnlyIntegerProperty selected, IntConsumer onClick,
                            DoubleProperty zoom, ObservableValue<NumberBase> numbers) {
        this.model = model;
        this.selected = selected;
        this.zoom = zoom;
        this.numbers = numbers;
        setId("occupancyMap");
        getStyleClass().add("occupancy-map");
        canvas.setId("occupancyCanvas");
        scroll = new ScrollPane(new Pane(canvas));
        scroll.setId("occupancyScroll");
        scroll.getStyleClass().add("occupancy-scroll");
        scroll.setPannable(false);
        placeholder.setId("occupancyPlaceholder");
        placeholder.getStyleClass().add("placeholder");
        getChildren().addAll(scroll, placeholder);
        tooltip.setShowDelay(Duration.millis(150));
        tooltip.setId("occupancyTooltip");
        Tooltip.install(canvas, tooltip);
        model.addListener((o, a, b) -> redraw());
        selected.addListener((o, a, b) -> redraw());
        zoom.addListener((o, a, b) -> requestLayout());
        // the theme switches the root's "dark" class: redraw in its tints
        sceneProperty().addListener((o, a, b) -> {
            if (b != null) b.getRoot().getStyleClass().addListener((javafx.collections.ListChangeListener<String>) c -> redraw());
        });
        numbers.addListener((o, a, b) -> redraw());
        canvas.setOnMouseMoved(e -> {
            int sel = selectorAt(e.getX(), e.getY());
            tooltip.setText(sel < 0 ? "" : model.get().describe(sel, numbers.getValue()));
        });
        canvas.setOnMouseClicked(e -> {
            int sel = selectorAt(e.getX(), e.getY());
            if (sel >= 0) onClick.accept(sel);
        });
        addEventFilter(ScrollEvent.SCROLL, e -> {
            if (e.isShortcutDown() && e.getDeltaY() != 0) {
                zoom(e.getDeltaY() > 0 ? 1.25 : 0.8);
                e.consume();
            }
        });
        setMinHeight(60);
        setPrefHeight(260);
    }

    /** Multiplies the zoom by a factor (0 resets it to 1). */
    public void zoom(double factor) {
        zoom.set(factor == 0 ? 1 : ViewSettings.clampZoom(zoom.get() * factor));
    }

    /** Selector under a point of the canvas, or -1. */
    public int selectorAt(double x, double y) {
        return grid.selectorAt(x, y);
    }

    /** Centre of a selector's cell in canvas coordinates (for tests and page objects). */
    public double[] cellCenter(int sel) {
        return grid.cellCenter(sel);
    }

    /** Scrolls the map so a selector's cell is in view (the tree's "Show in map"). */
    public void reveal(int sel) {
        layout();
        double[] c = cellCenter(sel);
        double vh = scroll.getViewportBounds().getHeight();
        double vw = scroll.getViewportBounds().getWidth();
        double h = canvas.getHeight();
        double w = canvas.getWidth();
        if (h > vh) scroll.setVvalue(clamp01((c[1] - vh / 2) / (h - vh)));
        if (w > vw) scroll.setHvalue(clamp01((c[0] - vw / 2) / (w - vw)));
    }

    private static double clamp01(double v) {
        return Math.max(0, Math.min(1, v));
    }

    public Canvas canvas() {
        return canvas;
    }

    /** Cells a line and the cell size now (for tests). */
    public int columns() { return grid.cols(); }
    public double cellSize() { return grid.cell(); }

    @Override
    protected void layoutChildren() {
        double w = getWidth() - snappedLeftInset() - snappedRightInset();
        double h = getHeight() - snappedTopInset() - snappedBottomInset();
        scroll.resizeRelocate(snappedLeftInset(), snappedTopInset(), w, h);
        placeholder.resizeRelocate(snappedLeftInset(), snappedTopInset(), w, h);
        double avail = w - MapGrid.LABEL_W - 16; // room for a vertical scroll bar
        double want = Math.round(CELL * zoom.get());
        // the widest line of 128, 96, 64, 48 or 32 cells that fits at the wanted size, shrinking
        // cells down to MIN_CELL before giving up a width
        // (zoomed in, never below the zoom-1 cell: zooming in must not give smaller cells on a
        // wider line)
        double floor = Math.min(want, zoom.get() > 1 ? CELL : MIN_CELL);
        int cols = 32;
        for (int c : LINE_WIDTHS) {
            if (avail / c >= want) { cols = c; break; }
        }
        if (cols == 32) {
            for (int c : LINE_WIDTHS) {
                if (avail / c >= floor) { cols = c; break; }
            }
        }
        double cell = Math.max(3, Math.min(want, Math.floor(avail / cols)));
        if (cell < Math.min(want, MIN_CELL)) cell = Math.min(want, MIN_CELL); // narrower than 32 lines: scroll sideways
        grid.resize(cols, cell);
        canvas.setWidth(MapGrid.LABEL_W + cols * cell);
        canvas.setHeight(MapGrid.TOP + grid.rows() * cell + 2);
        redraw();
    }

    @Override
    protected double computePrefWidth(double height) {
        return MapGrid.LABEL_W + 128 * CELL;
    }

    private void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        MapModel m = model.get();
        boolean none = !m.hasSpace();
        placeholder.setVisible(none);
        scroll.setVisible(!none);
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        if (none) {
            return;
        }
        boolean dark = getScene() != null && getScene().getRoot().getStyleClass().contains("dark");
        double cell = grid.cell();
        int labelEvery = cell >= 8 ? 1 : cell >= 5 ? 2 : 4;
        NumberBase n = numbers.getValue() == NumberBase.DEC ? NumberBase.DEC : NumberBase.HEX;
        grid.drawLineLabels(g, dark ? Color.web("#b8c0cc") : Color.web("#4a4f57"), labelEvery, first -> n.format(first));
        double gap = grid.gap();
        for (int sel = 0; sel < Selectors.COUNT; sel++) {
            double x = grid.x(sel);
            double y = grid.y(sel);
            Color c = switch (m.occupancy(sel)) {
                case VALID -> m.anomaly(sel) ? MapPalette.ANOMALY : MapPalette.kind(m.kind(sel));
                case DANGLING_ENTRY, EMPTY -> MapPalette.emptyCell(m.area(sel), dark);
                case RECEIVE_WINDOW -> MapPalette.RECEIVE_WINDOW;
            };
            grid.fillCell(g, sel, c, m.dimmed(sel) ? 0.22 : 1.0);
            if (m.occupancy(sel) == MapModel.Occupancy.DANGLING_ENTRY) {
                g.setStroke(MapPalette.ANOMALY);
                g.setLineWidth(1);
                g.strokeRect(x + 0.5, y + 0.5, cell - gap - 1, cell - gap - 1);
            }
            RowStatus st = m.status(sel);
            if (st != RowStatus.NORMAL) {
                g.setStroke(MapPalette.status(st));
                g.setLineWidth(2);
                g.strokeRect(x + 1, y + 1, cell - gap - 2, cell - gap - 2);
            }
        }
        grid.endCells(g);
        int s = selected.get();
        if (s >= 0 && s < Selectors.COUNT) {
            double x = grid.x(s);
            double y = grid.y(s);
            g.setStroke(dark ? Color.WHITE : MapPalette.SELECTED);
            g.setLineWidth(2);
            g.strokeRect(x - 1, y - 1, cell + 1, cell + 1);
        }
    }
}
