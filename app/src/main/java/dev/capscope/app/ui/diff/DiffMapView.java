package dev.capscope.app.ui.diff;

import dev.capscope.app.ui.map.MapGrid;
import dev.capscope.app.ui.map.MapPalette;
import dev.capscope.core.diff.DiffStatus;
import dev.capscope.core.model.Selectors;
import javafx.beans.value.ObservableValue;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.util.Duration;

import java.util.function.IntConsumer;
import java.util.function.IntSupplier;

/** The occupancy map coloured by diff status: one Canvas, 128 cells a line; click selects the row. */
public final class DiffMapView extends Region {
    private static final int COLS = 128;
    private final Canvas canvas = new Canvas();
    private final ObservableValue<DiffMapModel> model;
    private final IntSupplier selected;
    private final Tooltip tooltip = new Tooltip();
    private final MapGrid grid = new MapGrid(COLS, 5);

    public DiffMapView(ObservableValue<DiffMapModel> model, IntSupplier selected, IntConsumer onClick) {
        this.model = model;
        this.selected = selected;
        setId("diffMap");
        canvas.setId("diffMapCanvas");
        getChildren().add(canvas);
        tooltip.setShowDelay(Duration.millis(150));
        Tooltip.install(canvas, tooltip);
        model.addListener((o, a, b) -> redraw());
        canvas.setOnMouseMoved(e -> {
            int s = selectorAt(e.getX(), e.getY());
            tooltip.setText(s < 0 ? "" : model.getValue().describe(s));
        });
        canvas.setOnMouseClicked(e -> {
            int s = selectorAt(e.getX(), e.getY());
            if (s >= 0) onClick.accept(s);
        });
        setMinHeight(80);
        setPrefHeight(200);
    }

    public static Color color(DiffStatus s) {
        return switch (s) {
            case ADDED -> Color.web("#1e9e4a");
            case REMOVED -> Color.web("#d32f2f");
            case CHANGED -> Color.web("#f0a000");
            case REBOUND -> Color.web("#2979ff");
            case UNCHANGED -> Color.web("#9aa7b4");
        };
    }

    public int selectorAt(double x, double y) {
        return grid.selectorAt(x, y);
    }

    public double[] cellCenter(int sel) {
        return grid.cellCenter(sel);
    }

    public Canvas canvas() {
        return canvas;
    }

    @Override
    protected void layoutChildren() {
        int rows = grid.rows();
        double cell = Math.max(3, Math.floor(Math.min((getWidth() - MapGrid.LABEL_W) / COLS,
                (getHeight() - MapGrid.TOP) / rows)));
        grid.resize(COLS, cell);
        canvas.setWidth(MapGrid.LABEL_W + COLS * cell);
        canvas.setHeight(MapGrid.TOP + rows * cell);
        redraw();
    }

    @Override
    protected double computePrefWidth(double h) {
        return MapGrid.LABEL_W + COLS * 6;
    }

    private int revealed = -1;

    /**
     * "Show in map": rings the selector's cell in the accent colour, wide enough to find at a
     * glance among 4297 cells, until another selector is revealed or selected.
     */
    public void reveal(int sel) {
        revealed = sel;
        redraw();
    }

    /** The selector last shown with {@link #reveal}, -1 when none is ringed (for tests and page objects). */
    public int revealed() {
        return revealed == selected.getAsInt() ? revealed : -1;
    }

    /** Redraws (also called when the selection moves). */
    public void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        DiffMapModel m = model.getValue();
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        boolean dark = getScene() != null && getScene().getRoot().getStyleClass().contains("dark");
        double cell = grid.cell();
        grid.drawLineLabels(g, dark ? Color.web("#b8c0cc") : Color.web("#555"), cell >= 7 ? 1 : 2,
                first -> "0x" + Integer.toHexString(first));
        for (int s = 0; s < Selectors.COUNT; s++) {
            DiffStatus st = m.status(s);
            grid.fillCell(g, s, st == null ? MapPalette.emptyCell(m.area(s), dark) : color(st), 1.0);
        }
        grid.endCells(g);
        int sel = selected.getAsInt();
        if (sel >= 0 && sel < Selectors.COUNT) {
            g.setStroke(Color.BLACK);
            g.setLineWidth(2);
            g.strokeRect(grid.x(sel) - 1.5, grid.y(sel) - 1.5, cell + 2, cell + 2);
        }
        if (revealed >= 0 && revealed == sel) {
            double r = Math.max(6, cell * 1.5);
            g.setStroke(Color.web(dark ? "#58a6ff" : "#0969da"));
            g.setLineWidth(3);
            double[] c = grid.cellCenter(sel);
            g.strokeOval(c[0] - r, c[1] - r, 2 * r, 2 * r);
        }
    }
}
