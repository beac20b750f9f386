package dev.capscope.app.ui.settings;

/** The window's look: AtlantaFX Primer light or dark, with Capscope's own colours on top. */
public enum Theme {
    LIGHT("Light"),
    DARK("Dark");

    private final String title;

    Theme(String title) {
        this.title = title;
    }

    @Override
    public String toString() {
        return title;
    }
}
