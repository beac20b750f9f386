package dev.capscope.app.ui.diff;

/** One line of the diff details: a field with its baseline and after value; {@code changed} when they differ. */
public record FieldRow(String field, String before, String after, boolean changed) {
    public static FieldRow of(String field, String before, String after) {
        String b = before == null ? "-" : before;
        String a = after == null ? "-" : after;
        return new FieldRow(field, b, a, !b.equals(a));
    }
}
