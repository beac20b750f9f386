package dev.capscope.app.ui.map;

import dev.capscope.app.ui.model.MapModel;
import dev.capscope.app.ui.model.RowStatus;
import dev.capscope.core.model.Selectors;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import javafx.util.Duration;

import java.util.function.IntConsumer;

/**
 * The occupancy map: all 4,297 selectors as cells on ONE Canvas (not 4,297 nodes), 64 or 128 per
 * line with the line's first selector in hex on the left. Click selects, hover shows a tooltip,
 * the selected selector is outlined.
 */
public final class OccupancyMapView extends Region {
    static final double LABEL_W = 44;
    private final Canvas canvas = new Canvas();
    private final ReadOnlyObjectProperty<MapModel> model;
    private final ReadOnlyIntegerProperty selected;
    private final IntegerProperty hovered = new SimpleIntegerProperty(-1);
    private final Tooltip tooltip = new Tooltip();
    private int cols = 128;
    private double cell = 6;

    public OccupancyMapView(ReadOnlyObjectProperty<MapModel> model, ReadOnlyIntegerProperty selected, IntConsumer onClick) {
        this.model = model;
        this.selected = selected;
        setId("occupancyMap");
        getStyleClass().add("occupancy-map");
        getChildren().add(canvas);
        canvas.setId("occupancyCanvas");
        tooltip.setShowDelay(Duration.millis(150));
        tooltip.setId("occupancyTooltip");
        Tooltip.install(canvas, tooltip);
        model.addListener((o, a, b) -> redraw());
        selected.addListener((o, a, b) -> redraw());
        canvas.setOnMouseMoved(e -> {
            int sel = selectorAt(e.getX(), e.getY());
            hovered.set(sel);
            tooltip.setText(sel < 0 ? "" : model.get().describe(sel));
        });
        canvas.setOnMouseClicked(e -> {
            int sel = selectorAt(e.getX(), e.getY());
            if (sel >= 0) onClick.accept(sel);
        });
        setMinHeight(120);
        setPrefHeight(260);
    }

    /** Selector under a point of the canvas, or -1. */
    public int selectorAt(double x, double y) {
        if (x < LABEL_W) return -1;
        int c = (int) ((x - LABEL_W) / cell);
        int r = (int) (y / cell);
        if (c < 0 || c >= cols || r < 0) return -1;
        int sel = r * cols + c;
        return sel < Selectors.COUNT ? sel : -1;
    }

    /** Centre of a selector's cell in canvas coordinates (for tests and page objects). */
    public double[] cellCenter(int sel) {
        return new double[]{LABEL_W + (sel % cols + 0.5) * cell, (sel / cols + 0.5) * cell};
    }

    public Canvas canvas() {
        return canvas;
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth() - snappedLeftInset() - snappedRightInset();
        double h = getHeight() - snappedTopInset() - snappedBottomInset();
        cols = (w - LABEL_W) / 128 >= 4 ? 128 : 64;
        int rows = (Selectors.COUNT + cols - 1) / cols;
        cell = Math.max(3, Math.floor(Math.min((w - LABEL_W) / cols, h / rows)));
        canvas.setWidth(LABEL_W + cols * cell);
        canvas.setHeight(rows * cell);
        canvas.relocate(snappedLeftInset(), snappedTopInset());
        redraw();
    }

    @Override
    protected double computePrefWidth(double height) {
        return LABEL_W + 128 * 7;
    }

    private void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        MapModel m = model.get();
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        g.setFill(Color.web("#555"));
        g.setFont(Font.font("Monospaced", Math.min(11, Math.max(8, cell + 2))));
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        int rows = (Selectors.COUNT + cols - 1) / cols;
        int labelEvery = cell >= 9 ? 1 : cell >= 5 ? 2 : 4;
        for (int r = 0; r < rows; r += labelEvery) {
            g.fillText("0x" + Integer.toHexString(r * cols), LABEL_W - 4, (r + 0.5) * cell);
        }
        double gap = cell >= 5 ? 1 : 0;
        // state changes only when they change (most neighbouring cells share colour and alpha)
        double lastAlpha = -1;
        Color lastFill = null;
        for (int sel = 0; sel < Selectors.COUNT; sel++) {
            double x = LABEL_W + (sel % cols) * cell;
            double y = (sel / cols) * cell;
            Color c = switch (m.occupancy(sel)) {
                case VALID -> m.anomaly(sel) ? MapPalette.ANOMALY : MapPalette.kind(m.kind(sel));
                case DANGLING_ENTRY, EMPTY -> MapPalette.emptyCell(m.area(sel));
                case RECEIVE_WINDOW -> MapPalette.RECEIVE_WINDOW;
            };
            double alpha = m.dimmed(sel) ? 0.22 : 1.0;
            if (alpha != lastAlpha) {
                g.setGlobalAlpha(alpha);
                lastAlpha = alpha;
            }
            if (c != lastFill) {
                g.setFill(c);
                lastFill = c;
            }
            g.fillRect(x, y, cell - gap, cell - gap);
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
        g.setGlobalAlpha(1.0);
        int s = selected.get();
        if (s >= 0 && s < Selectors.COUNT) {
            double x = LABEL_W + (s % cols) * cell;
            double y = (s / cols) * cell;
            g.setStroke(MapPalette.SELECTED);
            g.setLineWidth(2);
            g.strokeRect(x - 1.5, y - 1.5, cell + 2, cell + 2);
        }
    }
}
