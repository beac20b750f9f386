package dev.capscope.app.ui.service;

import dev.capscope.core.model.Snapshot;

import java.nio.file.Path;

/** Reads and writes snapshot files (on the background worker); errors name file, line, field. */
public interface SnapshotService {
    Snapshot read(Path file) throws Exception;

    /** Writes atomically (temp file + rename). */
    void write(Snapshot snapshot, Path file) throws Exception;
}
