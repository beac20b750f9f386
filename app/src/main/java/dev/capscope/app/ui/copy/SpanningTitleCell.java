package dev.capscope.app.ui.copy;

import javafx.geometry.Pos;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.TreeTableCell;
import javafx.scene.text.Text;

import java.util.function.Function;
import java.util.function.Predicate;

/**
 * First-column cell of a tree whose group rows carry a long title ("component area (cap map)
 * (48)", "thread 0 main (5)") and nothing in the next columns: the title is drawn as a text node
 * that runs on over those empty cells instead of ending in "…" when the column is narrow.
 * Other rows show their text as usual. The tooltip holds the whole title.
 */
public class SpanningTitleCell<S, T> extends TreeTableCell<S, T> {
    private final Text title = new Text();
    private final Predicate<S> isGroup;
    private final Function<S, String> text;

    public SpanningTitleCell(Predicate<S> isGroup, Function<S, String> text) {
        this.isGroup = isGroup;
        this.text = text;
        getStyleClass().add("spanning-title-cell");
        title.getStyleClass().add("text");
        title.fillProperty().bind(textFillProperty());
        title.fontProperty().bind(fontProperty());
        setAlignment(Pos.CENTER_LEFT);
    }

    @Override
    protected javafx.scene.control.Skin<?> createDefaultSkin() {
        javafx.scene.control.Skin<?> skin = super.createDefaultSkin();
        setClip(null); // the skin clips a cell to its bounds; the title must run on past them
        return skin;
    }

    @Override
    protected void updateItem(T item, boolean empty) {
        super.updateItem(item, empty);
        S row = empty || getTableRow() == null ? null : getTableRow().getItem();
        String t = row == null ? null : text.apply(row);
        if (row != null && isGroup.test(row)) {
            title.setText(t);
            setText(null);
            setGraphic(title);
            setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
            HoverTooltip.set(this, t);
        } else {
            setGraphic(null);
            setContentDisplay(ContentDisplay.TEXT_ONLY);
            setText(t);
            HoverTooltip.set(this, null);
        }
    }

    /** The text shown whole (group title or the cell's text), for tests and page objects. */
    public String shownText() {
        return getGraphic() == title ? title.getText() : getText();
    }
}
