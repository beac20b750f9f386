package dev.capscope.app.ui.task;

import dev.capscope.core.walk.CancellationToken;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * The one wrapper for background work (JabRef's {@code BackgroundTask} pattern):
 * {@code BackgroundTask.wrap(work).onRunning(..).onSuccess(..).onFailure(..).executeWith(runner)}.
 * The work runs on the runner's background executor; every callback runs on the UI thread. The
 * work may report progress through the {@link Progress} handed to it.
 *
 * @param <V> result type
 */
public final class BackgroundTask<V> {

    /** Progress reporting from inside the work; safe to call from the background thread. */
    public interface Progress {
        void update(double fraction, String message);

        /** Set when the task is cancelled; long work (a walk) checks it between steps. */
        default CancellationToken cancellation() {
            return CancellationToken.none();
        }

        Progress NONE = (f, m) -> { };
    }

    /** Work that may report progress. */
    @FunctionalInterface
    public interface Work<V> {
        V call(Progress progress) throws Exception;
    }

    private final String title;
    private final Work<V> work;
    private Runnable onRunning = () -> { };
    private Consumer<V> onSuccess = v -> { };
    private Consumer<Throwable> onFailure = t -> { };
    private Runnable onFinished = () -> { };
    private Progress onProgress = Progress.NONE;
    private final CancellationToken cancellation = new CancellationToken();

    private BackgroundTask(String title, Work<V> work) {
        this.title = Objects.requireNonNull(title);
        this.work = Objects.requireNonNull(work);
    }

    public static <V> BackgroundTask<V> wrap(String title, Callable<V> callable) {
        return new BackgroundTask<>(title, p -> callable.call());
    }

    public static <V> BackgroundTask<V> wrapWithProgress(String title, Work<V> work) {
        return new BackgroundTask<>(title, work);
    }

    public BackgroundTask<V> onRunning(Runnable r) {
        this.onRunning = Objects.requireNonNull(r);
        return this;
    }

    public BackgroundTask<V> onSuccess(Consumer<V> c) {
        this.onSuccess = Objects.requireNonNull(c);
        return this;
    }

    public BackgroundTask<V> onFailure(Consumer<Throwable> c) {
        this.onFailure = Objects.requireNonNull(c);
        return this;
    }

    /** Runs after success or failure, on the UI thread. */
    public BackgroundTask<V> onFinished(Runnable r) {
        this.onFinished = Objects.requireNonNull(r);
        return this;
    }

    /** Progress callback, delivered on the UI thread. */
    public BackgroundTask<V> onProgress(Progress p) {
        this.onProgress = Objects.requireNonNull(p);
        return this;
    }

    /**
     * Asks the work to stop at its next check (a walk: between two target calls, never inside
     * one); it then fails with the core's WalkCancelledException and nothing is kept.
     */
    public void cancel() {
        cancellation.cancel();
    }

    /** What a runner hands the work: progress goes to `report`, cancellation is this task's. */
    public Progress progressFor(Progress report) {
        return new Progress() {
            @Override
            public void update(double fraction, String message) {
                report.update(fraction, message);
            }

            @Override
            public CancellationToken cancellation() {
                return cancellation;
            }
        };
    }

    public void executeWith(TaskRunner runner) {
        runner.run(this);
    }

    public String title() { return title; }
    public Work<V> work() { return work; }
    public Runnable runningCallback() { return onRunning; }
    public Consumer<V> successCallback() { return onSuccess; }
    public Consumer<Throwable> failureCallback() { return onFailure; }
    public Runnable finishedCallback() { return onFinished; }
    public Progress progressCallback() { return onProgress; }
}
