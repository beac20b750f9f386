package dev.capscope.app.ui.map;

import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;

import java.util.Map;

/** The map's legend: one swatch per kind colour and area tint. */
public final class MapLegend extends FlowPane {
    public MapLegend() {
        super(10, 4);
        setId("mapLegend");
        getStyleClass().add("map-legend");
        for (Map.Entry<String, Color> e : MapPalette.legend().entrySet()) {
            Rectangle r = new Rectangle(10, 10, e.getValue());
            r.setStroke(Color.web("#888"));
            r.setStrokeWidth(0.5);
            Label l = new Label(e.getKey(), r);
            getChildren().add(l);
        }
        Rectangle d = new Rectangle(10, 10, MapPalette.emptyCell(dev.capscope.core.profile.Area.COMPONENT));
        d.setStroke(MapPalette.ANOMALY);
        getChildren().add(new Label("cap-map entry, slot empty", d));
    }
}
