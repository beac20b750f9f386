package dev.capscope.app.ui.map;

import dev.capscope.core.model.Selectors;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import java.util.function.IntFunction;

/**
 * What the occupancy map and the diff map share: every selector a cell of one Canvas, {@code cols}
 * cells to a line, each line labelled with its first selector; hit-testing, cell positions, the
 * labels, and a fill that changes the canvas state only when the colour or alpha changes.
 */
public final class MapGrid {
    public static final double LABEL_W = 52;
    /** Room above the first line, so its label ("0x0") is not cut at the top. */
    public static final double TOP = 4;
    private int cols;
    private double cell;
    private Color lastFill;
    private double lastAlpha = -1;

    public MapGrid(int cols, double cell) {
        this.cols = cols;
        this.cell = cell;
    }

    public void resize(int columns, double cellSize) {
        cols = columns;
        cell = cellSize;
    }

    public int cols() {
        return cols;
    }

    public double cell() {
        return cell;
    }

    public int rows() {
        return (Selectors.COUNT + cols - 1) / cols;
    }

    public double x(int sel) {
        return LABEL_W + (sel % cols) * cell;
    }

    public double y(int sel) {
        return TOP + (sel / cols) * cell;
    }

    /** The space between cells: none once cells get small. */
    public double gap() {
        return cell >= 5 ? 1 : 0;
    }

    /** Selector under a point of the canvas, or -1. */
    public int selectorAt(double px, double py) {
        if (px < LABEL_W || py < TOP) return -1;
        int c = (int) ((px - LABEL_W) / cell);
        int r = (int) ((py - TOP) / cell);
        if (c < 0 || c >= cols || r < 0) return -1;
        int sel = r * cols + c;
        return sel < Selectors.COUNT ? sel : -1;
    }

    /** Centre of a selector's cell in canvas coordinates (for tests and page objects). */
    public double[] cellCenter(int sel) {
        return new double[]{LABEL_W + (sel % cols + 0.5) * cell, TOP + (sel / cols + 0.5) * cell};
    }

    /** Labels every {@code every}-th line with its first selector, right-aligned before the cells. */
    public void drawLineLabels(GraphicsContext g, Color ink, int every, IntFunction<String> label) {
        g.setFill(ink);
        g.setFont(Font.font("Monospaced", Math.max(8, Math.min(11, cell))));
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        for (int r = 0; r < rows(); r += every) {
            g.fillText(label.apply(r * cols), LABEL_W - 5, TOP + (r + 0.5) * cell);
        }
        lastFill = null;
        lastAlpha = -1;
    }

    /** Fills a selector's cell; most neighbouring cells share colour and alpha, so state is set only on change. */
    public void fillCell(GraphicsContext g, int sel, Color color, double alpha) {
        if (alpha != lastAlpha) {
            g.setGlobalAlpha(alpha);
            lastAlpha = alpha;
        }
        if (color != lastFill) {
            g.setFill(color);
            lastFill = color;
        }
        g.fillRect(x(sel), y(sel), cell - gap(), cell - gap());
    }

    /** After the cells: full alpha again, and the next fill sets its colour. */
    public void endCells(GraphicsContext g) {
        g.setGlobalAlpha(1.0);
        lastFill = null;
        lastAlpha = -1;
    }
}
