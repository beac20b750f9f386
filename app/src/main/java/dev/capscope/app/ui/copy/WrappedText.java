package dev.capscope.app.ui.copy;

import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;

/** The wrapping text node both cell kinds show in place of their label, so long values never end in "…". */
final class WrappedText {
    private WrappedText() {
    }

    /** Makes {@code cell} show a text that wraps to its width (the row grows) in the cell's font and colour. */
    static Text install(Labeled cell) {
        Text text = new Text();
        cell.getStyleClass().add("wrapping-cell");
        text.getStyleClass().add("text");
        text.wrappingWidthProperty().bind(cell.widthProperty().subtract(12));
        text.fillProperty().bind(cell.textFillProperty());
        text.fontProperty().bind(cell.fontProperty());
        cell.setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        cell.setGraphic(text);
        return text;
    }
}
