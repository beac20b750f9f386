package dev.capscope.app.ui.task;

/**
 * Runs {@link BackgroundTask}s: the work off the UI thread, callbacks on it. The app uses
 * {@link FxTaskRunner}; view-model tests use a runner that runs everything in line.
 */
public interface TaskRunner {
    <V> void run(BackgroundTask<V> task);

    /** Runs a short action on the UI thread (later, if called from elsewhere). */
    void onUiThread(Runnable action);
}
