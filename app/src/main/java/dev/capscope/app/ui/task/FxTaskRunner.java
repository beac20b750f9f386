package dev.capscope.app.ui.task;

import javafx.application.Platform;
import javafx.concurrent.Task;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs background tasks as {@link javafx.concurrent.Task}s, one daemon thread per {@link Lanes lane}:
 * a target's walks, snapshots and restores are serialised on its lane (targets are
 * single-threaded ports), files have a lane of their own, and nothing ever blocks the FX thread.
 */
public final class FxTaskRunner implements TaskRunner, AutoCloseable {
    private static final AtomicInteger THREADS = new AtomicInteger();
    private final Map<String, ExecutorService> lanes = new HashMap<>();
    private boolean closed;

    @Override
    public <V> void run(BackgroundTask<V> bt) {
        Task<V> task = new Task<>() {
            @Override
            protected V call() throws Exception {
                return bt.call((fraction, message) -> {
                    updateProgress(fraction, 1.0);
                    updateMessage(message);
                });
            }
        };
        task.progressProperty().addListener((o, a, b) ->
                bt.progressCallback().update(b.doubleValue(), task.getMessage()));
        task.setOnRunning(e -> bt.runningCallback().run());
        task.setOnSucceeded(e -> bt.finish(task.getValue(), null));
        task.setOnFailed(e -> bt.finish(null, task.getException()));
        ExecutorService lane = lane(bt.lane());
        if (lane != null) {
            lane.execute(task);
        }
    }

    private synchronized ExecutorService lane(String name) {
        if (closed) {
            return null;
        }
        return lanes.computeIfAbsent(name, n -> Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "capscope-" + n.replace(' ', '-') + "-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        }));
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
        List<ExecutorService> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(lanes.values());
        }
        all.forEach(ExecutorService::shutdownNow);
        for (ExecutorService e : all) {
            try {
                e.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
