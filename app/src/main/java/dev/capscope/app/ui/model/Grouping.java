package dev.capscope.app.ui.model;

/** How the component area's cap-map entries are grouped so 4,000 of them stay browsable. */
public enum Grouping {
    BY_INTERFACE("by interface"),
    BY_KIND("by object kind"),
    BY_RANGE("by range (256)");

    private final String label;

    Grouping(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
