package dev.capscope.app.ui.service;

import dev.capscope.core.target.Target;

/**
 * Opens a {@link Target} for an endpoint URI ({@code unix:PATH}, {@code tcp:HOST:PORT},
 * {@code serial:PATH}). The app wires the bridge's implementation here; tests wire in-memory
 * targets. Called on the background worker; may block; throws
 * {@link dev.capscope.core.target.TargetException} when the endpoint cannot be reached.
 */
@FunctionalInterface
public interface TargetConnector {
    Target connect(String uri);
}
