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
            value = task.work().call(task.progressFor(task.progressCallback()));
        } catch (Throwable e) {
            try {
                task.failureCallback().accept(e);
            } finally {
                task.finishedCallback().run();
            }
            return;
        }
        try {
            task.successCallback().accept(value);
        } finally {
            task.finishedCallback().run();
        }
    }

    @Override
    public void onUiThread(Runnable action) {
        action.run();
    }
}
