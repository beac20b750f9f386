package dev.capscope.bridge.driver;

/** What a mutation answered: the task's new generation, and for creations the badge / object id. */
public record MutationResult(long generation, Long badge, Long objectId) {
}
