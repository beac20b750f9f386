package dev.capscope.core.walk;

/**
 * Progress of a walk. Called on the walking thread after each target call, so implementations
 * must be quick (a UI hands the values over to its own thread).
 */
@FunctionalInterface
public interface WalkListener {
    WalkListener NONE = (phase, fraction) -> { };

    /**
     * @param phase    the step just finished or under way
     * @param fraction overall progress 0..1, never decreasing within one walk attempt
     */
    void progress(WalkPhase phase, double fraction);
}
