package dev.capscope.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * Snapshot metadata: what was captured, when, from where and by what.
 *
 * @param schemaVersion snapshot format version (1)
 * @param endpoint      target endpoint, e.g. "unix:/tmp/capsim.sock"; "offline" when synthesised
 * @param task          task name at the target
 * @param kernel        kernel description reported by the target
 * @param profile       layout profile name
 * @param toolVersion   Capscope version that wrote it
 */
public record SnapshotMeta(int schemaVersion, String name, Instant takenAt, String endpoint, String task,
                           String kernel, String profile, String toolVersion) {
    public static final int CURRENT_SCHEMA = 1;

    public SnapshotMeta {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(takenAt, "takenAt");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(profile, "profile");
    }
}
