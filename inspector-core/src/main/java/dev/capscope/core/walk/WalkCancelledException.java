package dev.capscope.core.walk;

import java.util.concurrent.CancellationException;

/** A walk stopped because its {@link CancellationToken} was cancelled; no partial space is returned. */
public final class WalkCancelledException extends CancellationException {
    public WalkCancelledException(String message) {
        super(message);
    }
}
