package dev.capscope.core.model;

import java.util.Objects;

/** A task (component) that a target offers for inspection. */
public record TaskInfo(String name, long taskId, int threadCount, int validCaps, long generation) {
    public TaskInfo {
        Objects.requireNonNull(name, "name");
    }
}
