package dev.capscope.core.restore;

import dev.capscope.core.target.RestoreOperation;

/** Progress of a running restore. Called on the runner's thread; implementations must be quick. */
public interface RestoreListener {
    RestoreListener NONE = new RestoreListener() {
    };

    default void stage(RestoreStage stage) {
    }

    /** Operation {@code index} (1-based) of {@code total} in a stage (APPLY or ROLLBACK) is about to run. */
    default void step(RestoreStage stage, int index, int total, RestoreOperation operation) {
    }
}
