package dev.capscope.app.ui.details;

/** One line of the details sheet: category, name, value, and a description for the tooltip. */
public record DetailItem(String category, String name, String value, String description) {
    public DetailItem(String category, String name, String value) {
        this(category, name, value, "");
    }
}
