package dev.capscope.app.ui.main;

import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Labeled;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;
import javafx.util.StringConverter;

/**
 * A choice box as wide as its longest item's text, its padding and its arrow. JavaFX sizes a
 * choice box by its popup menu (the menu's padding and check-mark column around each text), which
 * made the tool bar's two boxes 60–75 px wider than any item needs, taken from the filter field
 * on a small screen, and built and styled that menu at the window's start only to measure it.
 */
final class FittedChoiceBox<T> extends ChoiceBox<T> {
    FittedChoiceBox(ObservableList<T> items) {
        super(items);
    }

    @Override
    protected double computePrefWidth(double height) {
        Node label = lookup(".label");
        Node arrow = lookup(".open-button");
        if (!(label instanceof Labeled l) || !(arrow instanceof Region button) || getItems().isEmpty()) {
            return super.computePrefWidth(height);
        }
        Text probe = new Text();
        probe.setFont(l.getFont());
        double widest = 0;
        for (T item : getItems()) {
            probe.setText(text(item));
            widest = Math.max(widest, probe.getLayoutBounds().getWidth());
        }
        Insets box = getInsets();
        Insets text = l.getInsets();
        return snapSizeX(box.getLeft() + text.getLeft() + Math.ceil(widest) + text.getRight()
                + button.prefWidth(-1) + box.getRight());
    }

    private String text(T item) {
        StringConverter<T> c = getConverter();
        return c != null ? c.toString(item) : String.valueOf(item);
    }
}
