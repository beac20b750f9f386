package dev.capscope.app.ui.task;

import javafx.application.Platform;
import javafx.concurrent.Task;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs background tasks as {@link javafx.concurrent.Task}s on one daemon thread: targets are
 * single-threaded ports, so walks, snapshots and restores are serialised here, and nothing ever
 * blocks the FX thread.
 */
public final class FxTaskRunner implements TaskRunner, AutoCloseable {
    private static final AtomicInteger THREADS = new AtomicInteger();
    private final ExecutorService executor;

    public FxTaskRunner() {
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "capscope-worker-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public <V> void run(BackgroundTask<V> bt) {
        Task<V> task = new Task<>() {
            @Override
            protected V call() throws Exception {
                return bt.work().call(bt.progressFor((fraction, message) -> {
                    updateProgress(fraction, 1.0);
                    updateMessage(message);
                }));
            }
        };
        task.progressProperty().addListener((o, a, b) ->
                bt.progressCallback().update(b.doubleValue(), task.getMessage()));
        task.setOnRunning(e -> bt.runningCallback().run());
        task.setOnSucceeded(e -> {
            try {
                bt.successCallback().accept(task.getValue());
            } finally {
                bt.finishedCallback().run();
            }
        });
        task.setOnFailed(e -> {
            try {
                bt.failureCallback().accept(task.getException());
            } finally {
                bt.finishedCallback().run();
            }
        });
        try {
            executor.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // closed: the window is going away (a refresh timer fired during shutdown); nothing to run
        }
    }

    @Override
    public void onUiThread(Runnable action) {
        if (Platform.isFxApplicationThread()) {
            action.run();
        } else {
            Platform.runLater(action);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
