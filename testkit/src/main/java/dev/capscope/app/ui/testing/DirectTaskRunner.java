package dev.capscope.app.ui.testing;

import dev.capscope.app.ui.task.BackgroundTask;
import dev.capscope.app.ui.task.TaskRunner;

/** Runs background tasks in line on the calling thread: view-model tests without a toolkit. */
public final class DirectTaskRunner implements TaskRunner {
    @Override
    public <V> void run(BackgroundTask<V> task) {
        task.runningCallback().run();
        V value;
        try {
            value = task.call(task.progressCallback());
        } catch (Throwable e) {
            task.finish(null, e);
            return;
        }
        task.finish(value, null);
    }

    @Override
    public void onUiThread(Runnable action) {
        action.run();
    }
}
