package dev.capscope.core.diff;

import java.util.Objects;

/** One field that differs, with both values rendered for display ("-" when absent). */
public record FieldChange(DiffField field, String before, String after) {
    public FieldChange {
        Objects.requireNonNull(field, "field");
        before = before == null ? "-" : before;
        after = after == null ? "-" : after;
    }

    @Override
    public String toString() {
        return field.title() + ": " + before + " -> " + after;
    }
}
