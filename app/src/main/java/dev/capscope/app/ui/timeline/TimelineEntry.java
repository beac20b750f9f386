package dev.capscope.app.ui.timeline;

import dev.capscope.app.ui.sources.SnapshotSource;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** A snapshot on a task's timeline with its quick diff against the one before ("" for the first, "…" while computing). */
public record TimelineEntry(SnapshotSource source, String delta) {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    public String label() {
        String t = TIME.format(source.snapshot().meta().takenAt());
        return t + "  " + source.title() + (delta.isEmpty() ? "" : "\n      vs previous: " + delta);
    }

    @Override
    public String toString() {
        return label();
    }
}
