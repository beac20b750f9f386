package dev.capscope.app.ui.copy;

import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;

/**
 * A cell's tooltip, made when the pointer first enters the cell instead of when the cell gets its
 * text. A tooltip is a popup window with a scene of its own: made at once, every visible row of
 * the tree, the details and the sources made one at the window's first show (about a seventh of
 * the FX thread's work up to the first tree, by a profile of the start). Once made, the cell keeps
 * its tooltip and only its text changes as the cell is reused.
 */
public final class HoverTooltip {
    /** Node property holding the text a not-yet-made tooltip will show. */
    private static final String TEXT = HoverTooltip.class.getName() + ".text";
    private static final String ARMED = HoverTooltip.class.getName() + ".armed";

    private HoverTooltip() {
    }

    /** The cell's tooltip text from now on; null or empty for none. */
    public static void set(Control cell, String text) {
        Tooltip made = cell.getTooltip();
        if (text == null || text.isEmpty()) {
            cell.getProperties().remove(TEXT);
            if (made != null) cell.setTooltip(null);
            return;
        }
        if (made != null) {
            if (!text.equals(made.getText())) made.setText(text);
            return;
        }
        cell.getProperties().put(TEXT, text);
        if (cell.getProperties().putIfAbsent(ARMED, Boolean.TRUE) == null) {
            // the tooltip's own handlers are installed now and see the moves that follow the entry
            cell.addEventHandler(MouseEvent.MOUSE_ENTERED, e -> {
                Object pending = cell.getProperties().get(TEXT);
                if (pending instanceof String s && cell.getTooltip() == null) cell.setTooltip(new Tooltip(s));
            });
        }
    }

    /** The text the cell's tooltip shows or will show on hover; null for none (tests, page objects). */
    public static String text(Control cell) {
        return cell.getTooltip() != null ? cell.getTooltip().getText() : (String) cell.getProperties().get(TEXT);
    }
}
