package dev.capscope.app.ui.copy;

import javafx.scene.control.TreeTableCell;
import javafx.scene.text.Text;

/**
 * A tree-table cell whose text wraps to the column's width (the row grows), so long values
 * ("init -> log_client -> state", lint findings, session args) show whole instead of ending in "…".
 */
public class WrappingCell<S> extends TreeTableCell<S, String> {
    private final Text text = WrappedText.install(this);

    @Override
    protected void updateItem(String item, boolean empty) {
        super.updateItem(item, empty);
        text.setText(empty || item == null ? "" : item);
    }

    /** The whole text shown (for tests and page objects). */
    public String shownText() {
        return text.getText();
    }
}
