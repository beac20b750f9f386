package dev.capscope.app.ui.copy;

import javafx.scene.control.Tooltip;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One {@link Tooltip} per text, shared by the rows of a list or tree. A tooltip is a popup window
 * with its own scene: making one costs about as much as a whole row's CSS, and rows are emptied and
 * refilled on every live refresh, so a row that made a new tooltip each time paid that for every
 * visible row on every walk. A tooltip may be installed on many nodes; it shows at one at a time.
 * Holds at most {@link #LIMIT} texts (the oldest go first), so it stays small whatever is shown.
 */
public final class TooltipCache {
    static final int LIMIT = 256;
    private final Map<String, Tooltip> byText = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Tooltip> eldest) {
            return size() > LIMIT;
        }
    };

    /** The tooltip for this text (made on first use), or null for null or empty text. */
    public Tooltip of(String text) {
        if (text == null || text.isEmpty()) return null;
        return byText.computeIfAbsent(text, Tooltip::new);
    }
}
