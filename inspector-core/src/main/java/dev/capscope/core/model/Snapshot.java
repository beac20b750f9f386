package dev.capscope.core.model;

import java.util.Objects;

/** A saved capability space with its metadata. */
public record Snapshot(SnapshotMeta meta, CapSpace space) {
    public Snapshot {
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(space, "space");
    }
}
