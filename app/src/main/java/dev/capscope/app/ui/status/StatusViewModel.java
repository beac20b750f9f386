package dev.capscope.app.ui.status;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** The status bar's state: message, progress (0 = idle, -1 = busy without measure), counts, walk time, source. */
public final class StatusViewModel {
    private final StringProperty message = new SimpleStringProperty("Ready");
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty counts = new SimpleStringProperty("");
    private final StringProperty walkTime = new SimpleStringProperty("");
    private final StringProperty source = new SimpleStringProperty("no source");
    private final StringProperty profile = new SimpleStringProperty("");
    private final dev.capscope.app.ui.task.CancellableWork work = new dev.capscope.app.ui.task.CancellableWork();

    public void busy(double fraction, String text) {
        progress.set(fraction);
        message.set(text);
    }

    public void idle(String text) {
        progress.set(0);
        message.set(text);
    }

    /** Cancel button, Esc: asks the running operation to stop (it stops between two target calls). */
    public void cancelRunning() {
        if (work.runningProperty().get()) {
            message.set("Cancelling the " + work.descriptionProperty().get() + " …");
            work.cancel();
        }
    }

    public StringProperty messageProperty() { return message; }
    public DoubleProperty progressProperty() { return progress; }
    public StringProperty countsProperty() { return counts; }
    public StringProperty walkTimeProperty() { return walkTime; }
    public StringProperty sourceProperty() { return source; }
    public StringProperty profileProperty() { return profile; }
    /** The running operation the Cancel button stops. */
    public dev.capscope.app.ui.task.CancellableWork work() { return work; }
}
