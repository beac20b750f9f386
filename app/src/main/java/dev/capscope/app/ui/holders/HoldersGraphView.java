package dev.capscope.app.ui.holders;

import dev.capscope.core.holders.HoldersGraph;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Draws who serves whom (Genode Sculpt's component graph in miniature): every task and every
 * server outside the walked tasks (dashed, e.g. core) as a box on a circle, an arrow from server to
 * holder labelled with the number of objects. Redrawn whenever the graph changes.
 */
public final class HoldersGraphView extends Pane {
    private static final double W = 760;
    private static final double H = 520;
    /** The boxes as last drawn, by name, and the graph they show (for the SVG export). */
    private final Map<String, Label> boxes = new LinkedHashMap<>();
    private HoldersGraph shown;

    public HoldersGraphView(ObservableValue<HoldersGraph> graph) {
        setId("holdersGraph");
        getStyleClass().add("holders-graph");
        setPrefSize(W, H);
        setMinSize(W, H);
        graph.addListener((o, a, b) -> draw(b));
        draw(graph.getValue());
    }

    private void draw(HoldersGraph g) {
        getChildren().clear();
        boxes.clear();
        shown = g;
        if (g == null) {
            return;
        }
        List<String> nodes = new ArrayList<>(g.tasks());
        nodes.addAll(g.outsideServers());
        Map<String, Point2D> at = new LinkedHashMap<>();
        double rx = W / 2 - 130;
        double ry = H / 2 - 50;
        for (int i = 0; i < nodes.size(); i++) {
            double a = 2 * Math.PI * i / Math.max(1, nodes.size()) - Math.PI / 2;
            at.put(nodes.get(i), new Point2D(W / 2 + rx * Math.cos(a), H / 2 + ry * Math.sin(a)));
        }
        Group edges = new Group();
        for (HoldersGraph.Edge e : g.edges()) {
            Point2D from = at.get(e.server());
            Point2D to = at.get(e.holder());
            if (from == null || to == null) {
                continue;
            }
            // both ways between two tasks: each arrow moves to its own right, its count off the middle
            boolean twoWay = HoldersSvg.twoWay(g.edges(), e.server(), e.holder());
            Point2D norm = to.subtract(from).normalize();
            Point2D shift = twoWay ? new Point2D(-norm.getY(), norm.getX()).multiply(HoldersSvg.TWO_WAY_GAP) : Point2D.ZERO;
            from = from.add(shift);
            to = to.add(shift);
            Line line = new Line(from.getX(), from.getY(), to.getX(), to.getY());
            line.getStyleClass().add("holders-edge");
            Point2D dir = to.subtract(from).normalize();
            Point2D tip = to.subtract(dir.multiply(28));
            Point2D side = new Point2D(-dir.getY(), dir.getX()).multiply(5);
            Point2D back = tip.subtract(dir.multiply(10));
            Polygon head = new Polygon(tip.getX(), tip.getY(), back.getX() + side.getX(), back.getY() + side.getY(),
                    back.getX() - side.getX(), back.getY() - side.getY());
            head.getStyleClass().add("holders-arrow");
            Label count = new Label(Integer.toString(e.count()));
            count.getStyleClass().add("holders-count");
            Point2D mid = from.add(to.subtract(from).multiply(HoldersSvg.countAt(twoWay)));
            count.relocate(mid.getX() - 8, mid.getY() - 10);
            edges.getChildren().addAll(line, head, count);
        }
        getChildren().add(edges);
        for (Map.Entry<String, Point2D> n : at.entrySet()) {
            Label box = new Label(n.getKey());
            box.getStyleClass().add(g.tasks().contains(n.getKey()) ? "holders-task" : "holders-outside");
            box.setId("holdersNode_" + n.getKey().replaceAll("[^A-Za-z0-9]+", "_"));
            box.setMaxWidth(220);
            box.applyCss();
            box.autosize();
            box.layoutXProperty().bind(box.widthProperty().divide(-2).add(n.getValue().getX()));
            box.layoutYProperty().bind(box.heightProperty().divide(-2).add(n.getValue().getY()));
            getChildren().add(box);
            boxes.put(n.getKey(), box);
        }
    }

    /** The graph as drawn now, as SVG (call on the FX thread: it reads the laid-out boxes). */
    public String svg() {
        applyCss();
        layout();
        List<HoldersSvg.Box> out = new ArrayList<>();
        for (Map.Entry<String, Label> e : boxes.entrySet()) {
            Label l = e.getValue();
            out.add(new HoldersSvg.Box(e.getKey(), l.getLayoutX(), l.getLayoutY(), l.getWidth(), l.getHeight(),
                    shown == null || !shown.tasks().contains(e.getKey())));
        }
        List<HoldersSvg.Arrow> arrows = shown == null ? List.of()
                : shown.edges().stream().map(x -> new HoldersSvg.Arrow(x.server(), x.holder(), x.count())).toList();
        return HoldersSvg.render(out, arrows, W, H);
    }
}
