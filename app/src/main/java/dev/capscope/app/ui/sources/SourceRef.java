package dev.capscope.app.ui.sources;

/** What the main area shows: a live task, or an open snapshot. */
public sealed interface SourceRef {
    record TaskRef(LiveTarget target, String task) implements SourceRef {
    }

    record SnapshotRef(SnapshotSource source) implements SourceRef {
    }
}
