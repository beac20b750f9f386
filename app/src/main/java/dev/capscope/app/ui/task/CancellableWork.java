package dev.capscope.app.ui.task;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The long operation the window's Cancel button (and Esc) stops: the last one started that has
 * not ended (a walk, a snapshot, a long load). UI thread only.
 */
public final class CancellableWork {
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper what = new ReadOnlyStringWrapper("");
    private BackgroundTask<?> current;

    /** {@code task} is under way; {@code description} names it for the button's tooltip ("walk of init"). */
    public void started(BackgroundTask<?> task, String description) {
        current = task;
        what.set(description);
        running.set(true);
    }

    /** {@code task} ended (done, failed or cancelled); a later one, if any, keeps the button. */
    public void ended(BackgroundTask<?> task) {
        if (current == task) {
            current = null;
            what.set("");
            running.set(false);
        }
    }

    /** Asks the running operation to stop; its owner says in the status what was cancelled. */
    public void cancel() {
        if (current != null) {
            current.cancel();
        }
    }

    /** True while something cancellable runs: the Cancel button shows only then. */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty descriptionProperty() {
        return what.getReadOnlyProperty();
    }
}
