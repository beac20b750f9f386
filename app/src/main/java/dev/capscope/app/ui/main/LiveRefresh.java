package dev.capscope.app.ui.main;

import dev.capscope.app.ui.task.UiTimer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;

import java.time.Duration;

/** The live-refresh switch and interval: a timer that ticks while it is on, restarted when either changes. */
final class LiveRefresh {
    private final BooleanProperty enabled = new SimpleBooleanProperty(true);
    private final IntegerProperty intervalMillis = new SimpleIntegerProperty(1000);
    private final UiTimer timer;
    private final Runnable tick;
    private UiTimer.Handle handle;

    LiveRefresh(UiTimer timer, Runnable tick) {
        this.timer = timer;
        this.tick = tick;
        enabled.addListener((o, a, b) -> reschedule());
        intervalMillis.addListener((o, a, b) -> reschedule());
        reschedule();
    }

    private void reschedule() {
        if (handle != null) {
            handle.cancel();
            handle = null;
        }
        if (enabled.get()) {
            handle = timer.every(Duration.ofMillis(Math.max(200, intervalMillis.get())), tick);
        }
    }

    BooleanProperty enabledProperty() {
        return enabled;
    }

    IntegerProperty intervalMillisProperty() {
        return intervalMillis;
    }
}
