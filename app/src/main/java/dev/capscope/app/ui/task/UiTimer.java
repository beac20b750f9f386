package dev.capscope.app.ui.task;

import java.time.Duration;

/** Periodic ticks on the UI thread (a Timeline in the app, a hand-driven clock in tests). */
public interface UiTimer {
    /** Calls {@code tick} every {@code period} on the UI thread until the handle is cancelled. */
    Handle every(Duration period, Runnable tick);

    /** Current time in milliseconds (for linger/flash expiry). */
    long nowMillis();

    interface Handle {
        void cancel();
    }
}
