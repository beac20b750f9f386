package dev.capscope.app.ui.service;

import java.util.Optional;

/**
 * Starts the demo target (capsim with the default scenario) and tells where it listens. Called
 * on the background worker. Empty when no demo target is available in this installation.
 */
public interface DemoTargetLauncher {
    /** Starts (or reuses) the demo target; returns its endpoint URI. */
    Optional<String> start() throws Exception;

    /** Stops what {@link #start} started (on exit). */
    void stop();

    DemoTargetLauncher NONE = new DemoTargetLauncher() {
        @Override
        public Optional<String> start() {
            return Optional.empty();
        }

        @Override
        public void stop() {
        }
    };
}
