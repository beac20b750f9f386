package dev.capscope.app.ui.sources;

import dev.capscope.core.model.Snapshot;

import java.nio.file.Path;

/** An open snapshot in the sources pane: where it came from (null until saved) and its contents. */
public record SnapshotSource(Path file, Snapshot snapshot) {
    public String title() {
        String n = snapshot.meta().name();
        return file == null ? n + " (unsaved)" : file.getFileName().toString();
    }
}
