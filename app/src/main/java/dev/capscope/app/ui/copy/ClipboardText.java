package dev.capscope.app.ui.copy;

import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

/** Puts text on the system clipboard (FX thread). The one place views copy through. */
public final class ClipboardText {
    private ClipboardText() {
    }

    public static void put(String text) {
        if (text == null || text.isEmpty()) {
            return;
        }
        ClipboardContent c = new ClipboardContent();
        c.putString(text);
        Clipboard.getSystemClipboard().setContent(c);
    }

    /** What the clipboard holds as text ("" when none); for tests and page objects. */
    public static String get() {
        String s = Clipboard.getSystemClipboard().getString();
        return s == null ? "" : s;
    }
}
