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
 * @param torn          the walk could not be made consistent: the task kept changing while it was read
 *                      (saved only on request, and everything that reads it says so)
 */
public record SnapshotMeta(int schemaVersion, String name, Instant takenAt, String endpoint, String task,
                           String kernel, String profile, String toolVersion, boolean torn) {
    public static final int CURRENT_SCHEMA = 1;

    public SnapshotMeta {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(takenAt, "takenAt");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(profile, "profile");
    }

    /** Metadata of a consistent walk. */
    public SnapshotMeta(int schemaVersion, String name, Instant takenAt, String endpoint, String task,
                        String kernel, String profile, String toolVersion) {
        this(schemaVersion, name, takenAt, endpoint, task, kernel, profile, toolVersion, false);
    }

    /**
     * Metadata of a snapshot taken now, in the current schema: the one place both front ends
     * assemble it. A kernel or profile the target did not name is "unknown".
     */
    public static SnapshotMeta taken(String name, Instant takenAt, String endpoint, String task, String kernel,
                                     String profile, String toolVersion, boolean torn) {
        return new SnapshotMeta(CURRENT_SCHEMA, name, takenAt, endpoint, task, kernel == null ? "unknown" : kernel,
                profile == null ? "unknown" : profile, toolVersion, torn);
    }

    public SnapshotMeta withTorn(boolean isTorn) {
        return new SnapshotMeta(schemaVersion, name, takenAt, endpoint, task, kernel, profile, toolVersion, isTorn);
    }
}
