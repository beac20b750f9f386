package dev.capscope.app.ui.task;

import dev.capscope.core.walk.CancellationToken;
import dev.capscope.core.walk.WalkCancelledException;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * The one wrapper for background work (JabRef's {@code BackgroundTask} pattern):
 * {@code BackgroundTask.wrap(work).onRunning(..).onSuccess(..).onFailure(..).executeWith(runner)}.
 * The work runs on its {@link #onLane lane} (one background thread per target, one for files);
 * every callback runs on the UI thread. The work may report progress through the {@link Progress}
 * handed to it. A cancelled task ends in {@link #onCancelled} instead of success or failure.
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
    /** Null: a cancelled task ends in onFailure with the core's WalkCancelledException. */
    private Runnable onCancelled;
    private Progress onProgress = Progress.NONE;
    private String lane = Lanes.FILES;
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

    /**
     * Runs instead of success or failure when the task was cancelled (on the UI thread, before
     * {@link #onFinished}): its result, complete or not, is dropped. Without it, a cancelled task
     * fails with the core's {@link WalkCancelledException}.
     */
    public BackgroundTask<V> onCancelled(Runnable r) {
        this.onCancelled = Objects.requireNonNull(r);
        return this;
    }

    /** The background thread that runs the work: {@link Lanes#target} for a target's calls, files by default. */
    public BackgroundTask<V> onLane(String laneName) {
        this.lane = Objects.requireNonNull(laneName);
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

    public boolean isCancelled() {
        return cancellation.isCancelled();
    }

    /**
     * Whether the work ended cancelled: asked to (its result is then dropped even when it came
     * back complete), or it threw the core's cancellation.
     */
    public boolean endedCancelled(Throwable failure) {
        return isCancelled() || failure instanceof WalkCancelledException;
    }

    /**
     * Ends the task on the UI thread (runners call it): success, failure, or cancelled when the
     * task was cancelled (its result dropped even if it came back complete); then finished.
     */
    public void finish(V value, Throwable failure) {
        try {
            if (!endedCancelled(failure)) {
                if (failure == null) onSuccess.accept(value); else onFailure.accept(failure);
            } else if (onCancelled != null) {
                onCancelled.run();
            } else {
                onFailure.accept(failure instanceof WalkCancelledException ? failure
                        : new WalkCancelledException(title + " cancelled; its result was dropped"));
            }
        } finally {
            onFinished.run();
        }
    }

    /** Runs the work unless the task was cancelled while it waited in its lane. */
    public V call(Progress report) throws Exception {
        cancellation.throwIfCancelled("waiting for the target");
        return work.call(progressFor(report));
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
    public String lane() { return lane; }
    public Progress progressCallback() { return onProgress; }
}
