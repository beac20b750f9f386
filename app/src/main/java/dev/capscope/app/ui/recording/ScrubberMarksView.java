package dev.capscope.app.ui.recording;

import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.shape.Polygon;
import javafx.util.Duration;

import java.util.function.IntConsumer;

/**
 * The marks under the scrubber's slider: an up triangle where the selected cap appeared, a down
 * triangle where it vanished, each exactly under the slider's thumb position for that moment, with
 * its sentence as tooltip; a click moves the slider there. Drawn again when the marks, the slider's
 * range or its width change (a handful of shapes: never a cost per scrubbing step).
 */
final class ScrubberMarksView extends Region {
    static final double HEIGHT = 11;
    private static final double HALF = 5;
    private final Slider slider;
    private final ObservableList<ScrubberMark> marks;
    private final IntConsumer jump;

    ScrubberMarksView(Slider slider, ObservableList<ScrubberMark> marks, IntConsumer jump) {
        this.slider = slider;
        this.marks = marks;
        this.jump = jump;
        setId("recordingMarkStrip");
        getStyleClass().add("scrubber-marks");
        setMinHeight(HEIGHT);
        setPrefHeight(HEIGHT);
        setMaxHeight(HEIGHT);
        marks.addListener((ListChangeListener<ScrubberMark>) c -> rebuild());
        // the marks follow the slider's geometry: placed again whenever its range, width or place change
        slider.maxProperty().addListener((o, a, b) -> requestLayout());
        slider.widthProperty().addListener((o, a, b) -> requestLayout());
        slider.layoutXProperty().addListener((o, a, b) -> requestLayout());
        widthProperty().addListener((o, a, b) -> requestLayout());
        rebuild();
    }

    private void rebuild() {
        getChildren().clear();
        for (ScrubberMark m : marks) {
            Polygon p = m.appeared()
                    ? new Polygon(0, HEIGHT, HALF, 1, 2 * HALF, HEIGHT)
                    : new Polygon(0, 1, 2 * HALF, 1, HALF, HEIGHT);
            p.getStyleClass().add(m.appeared() ? "scrubber-mark-appeared" : "scrubber-mark-vanished");
            p.setId("recordingMark_" + m.position() + (m.appeared() ? "_appeared" : "_vanished"));
            p.setUserData(m);
            Tooltip t = new Tooltip(m.text());
            t.setShowDelay(Duration.millis(200));
            Tooltip.install(p, t);
            p.setOnMouseClicked(e -> jump.accept(m.position()));
            getChildren().add(p);
        }
        requestLayout();
    }

    /** Where the slider's thumb centre is for a value, in this strip's (= the slider's) x. */
    double xOf(int position) {
        Node thumb = slider.lookup(".thumb");
        double thumbWidth = thumb == null ? 0 : thumb.getLayoutBounds().getWidth();
        Insets in = slider.getInsets();
        double length = slider.getWidth() - in.getLeft() - in.getRight() - thumbWidth;
        double range = slider.getMax() - slider.getMin();
        double frac = range <= 0 ? 0 : (position - slider.getMin()) / range;
        return slider.getLayoutX() - getLayoutX() + in.getLeft() + thumbWidth / 2 + frac * Math.max(0, length);
    }

    @Override
    protected void layoutChildren() {
        for (Node n : getChildren()) {
            ScrubberMark m = (ScrubberMark) n.getUserData();
            n.relocate(xOf(m.position()) - HALF, 0);
        }
    }
}
