package dev.capscope.app.ui.task;

import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;

import java.time.Duration;

/** {@link UiTimer} on a JavaFX {@link Timeline}. */
public final class FxUiTimer implements UiTimer {
    @Override
    public Handle every(Duration period, Runnable tick) {
        Timeline t = new Timeline(new KeyFrame(javafx.util.Duration.millis(period.toMillis()), e -> tick.run()));
        t.setCycleCount(Animation.INDEFINITE);
        t.play();
        return t::stop;
    }

    @Override
    public long nowMillis() {
        return System.currentTimeMillis();
    }
}
