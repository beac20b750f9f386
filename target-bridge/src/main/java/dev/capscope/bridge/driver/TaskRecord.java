package dev.capscope.bridge.driver;

/** One task as TASKS lists it; {@code objectId} is -1 when the agent does not know it. */
public record TaskRecord(long id, long parentId, long objectId, int threads, int validCaps, long generation,
                         String name) {
}
