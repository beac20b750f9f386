package dev.capscope.app.ui.copy;

import javafx.scene.control.TreeTableCell;
import javafx.scene.text.Text;

/**
 * A tree-table cell whose text wraps to the column's width (the row grows), so long values
 * ("init -> log_client -> state", lint findings, session args) show whole instead of ending in "…".
 */
public class WrappingCell<S> extends TreeTableCell<S, String> {
    private final Text text = WrappedText.install(this);
    private final java.util.function.UnaryOperator<String> shown;

    public WrappingCell() {
        this(java.util.function.UnaryOperator.identity());
    }

    /** @param shown how the value is written in the cell (e.g. with break opportunities added) */
    public WrappingCell(java.util.function.UnaryOperator<String> shown) {
        this.shown = shown;
        // the wrap width follows the room beside the text, which in a tree's first column
        // includes the indent (learnt in layoutChildren), not a fixed 12 px
        text.wrappingWidthProperty().unbind();
        widthProperty().addListener((o, a, b) -> fitWrap());
    }

    /** Room the cell keeps beside its text: padding, and in a tree's first column the indent. */
    private double lead = 12;

    private void fitWrap() {
        double w = Math.max(20, getWidth() - lead);
        if (Math.abs(text.getWrappingWidth() - w) > 0.5) text.setWrappingWidth(w);
    }

    @Override
    protected void layoutChildren() {
        super.layoutChildren();
        double l = text.getLayoutX() + snappedRightInset() + 2;
        if (getWidth() > 0 && Math.abs(l - lead) > 0.5) {
            lead = l; // learnt once the skin placed the text (after the disclosure arrow)
            fitWrap();
            // The text re-wrapped inside this layout pass, after the skin placed it: place it again,
            // or a text that now takes two lines stays centred as one and its second line is cut.
            super.layoutChildren();
            if (getTableRow() != null) getTableRow().requestLayout();
        }
    }

    @Override
    protected void updateItem(String item, boolean empty) {
        super.updateItem(item, empty);
        text.setText(empty || item == null ? "" : shown.apply(item));
    }

    /** The whole text shown, without added break opportunities (for tests and page objects). */
    public String shownText() {
        return text.getText().replace(BREAK, "");
    }

    /**
     * Where a cell may break a word: U+200A, the hair space (JavaFX wraps only at white space, and
     * this one is all but invisible).
     */
    public static final String BREAK = "\u200A";

    /** Lets long identifiers ("THREAD_AREA_BASE", "genode-foc-19") break after "_" and "-" in a narrow column. */
    public static String breakable(String s) {
        return s.replace("_", "_" + BREAK).replaceAll("(?<=\\w)-(?=\\w)", "-" + BREAK);
    }

    /** The cell's text node (its bounds tell whether the text fits the column). */
    public Text textNode() {
        return text;
    }
}
