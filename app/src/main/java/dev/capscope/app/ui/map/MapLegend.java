package dev.capscope.app.ui.map;

import dev.capscope.app.ui.settings.Theme;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;

import java.util.Map;

/** The map's legend: one swatch per kind colour and area tint, in the theme's tints. */
public final class MapLegend extends FlowPane {
    public MapLegend() {
        this(new javafx.beans.property.SimpleObjectProperty<>(Theme.LIGHT));
    }

    public MapLegend(ObservableValue<Theme> theme) {
        super(10, 4);
        setId("mapLegend");
        getStyleClass().add("map-legend");
        fill(theme.getValue() == Theme.DARK);
        theme.addListener((o, a, b) -> fill(b == Theme.DARK));
    }

    private void fill(boolean dark) {
        getChildren().clear();
        for (Map.Entry<String, Color> e : MapPalette.legend(dark).entrySet()) {
            Rectangle r = new Rectangle(10, 10, e.getValue());
            r.setStroke(Color.web("#888"));
            r.setStrokeWidth(0.5);
            getChildren().add(new Label(e.getKey(), r));
        }
        Rectangle d = new Rectangle(10, 10, MapPalette.emptyCell(dev.capscope.core.profile.Area.COMPONENT, dark));
        d.setStroke(MapPalette.ANOMALY);
        getChildren().add(new Label("cap-map entry, slot empty", d));
    }
}
