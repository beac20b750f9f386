package dev.capscope.core.walk;

/**
 * Lets another thread (a UI's cancel button) stop a walk between two target calls. A walk never
 * interrupts a call in flight: the bridge's own timeout bounds that.
 */
public final class CancellationToken {
    private volatile boolean cancelled;

    /** A token nobody will cancel. */
    public static CancellationToken none() {
        return new CancellationToken();
    }

    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Throws {@link WalkCancelledException} naming what was being done when cancelled. */
    public void throwIfCancelled(String during) {
        if (cancelled) {
            throw new WalkCancelledException("walk cancelled while " + during + "; nothing was kept");
        }
    }
}
