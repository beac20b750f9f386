package dev.capscope.app.ui.copy;

import javafx.scene.control.TableCell;
import javafx.scene.text.Text;

/** A table cell whose text wraps to the column's width (the row grows) instead of ending in "…". */
public class WrappingTableCell<S> extends TableCell<S, String> {
    private final Text text = WrappedText.install(this);

    @Override
    protected void updateItem(String item, boolean empty) {
        super.updateItem(item, empty);
        text.setText(empty || item == null ? "" : item);
    }
}
