package dev.capscope.app.ui.recording;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The timeline scrubber under the tree, shown while a recording is open: the task followed, a
 * slider over its moments with marks under it where the selected cap appeared and vanished (◀ / ▶ and
 * Alt+Left / Alt+Right jump between them), what the shown moment is, and "Mark" / "Diff with mark".
 * Binds only.
 */
public final class RecordingScrubberView extends VBox {
    public RecordingScrubberView(RecordingViewModel vm) {
        setId("recordingScrubber");
        getStyleClass().add("recording-scrubber");
        setPadding(new Insets(4));
        setSpacing(2);
        visibleProperty().bind(vm.openProperty());
        managedProperty().bind(vm.openProperty());

        ChoiceBox<String> task = new ChoiceBox<>(vm.tasks());
        task.setId("recordingTask");
        task.valueProperty().bindBidirectional(vm.taskProperty());
        task.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // the task's name whole, the slider gives way
        Slider slider = new Slider(0, 0, 0);
        slider.setId("recordingSlider");
        slider.setBlockIncrement(1);
        slider.setMajorTickUnit(1);
        slider.setSnapToTicks(true);
        slider.maxProperty().bind(Bindings.max(0, Bindings.size(vm.taskMoments()).subtract(1)));
        slider.valueProperty().addListener((o, a, b) -> vm.positionProperty().set((int) Math.round(b.doubleValue())));
        vm.positionProperty().addListener((o, a, b) -> {
            if (b.intValue() >= 0 && Math.round(slider.getValue()) != b.intValue()) slider.setValue(b.intValue());
        });
        ScrubberMarksView strip = new ScrubberMarksView(slider, vm.marks(), pos -> vm.positionProperty().set(pos));
        VBox sliderBox = new VBox(0, slider, strip);
        HBox.setHgrow(sliderBox, Priority.ALWAYS);
        Button previous = new Button("◀");
        previous.setId("recordingPreviousChange");
        previous.setTooltip(new javafx.scene.control.Tooltip("Previous place the selected cap appeared or vanished (Alt+Left)"));
        previous.setOnAction(e -> vm.previousMark());
        Button next = new Button("▶");
        next.setId("recordingNextChange");
        next.setTooltip(new javafx.scene.control.Tooltip("Next place the selected cap appeared or vanished (Alt+Right)"));
        next.setOnAction(e -> vm.nextMark());
        previous.disableProperty().bind(Bindings.isEmpty(vm.marks()));
        next.disableProperty().bind(Bindings.isEmpty(vm.marks()));
        // Alt+arrows jump between the marks from anywhere in the window while a recording is open
        sceneProperty().addListener((o, a, b) -> {
            if (b != null) b.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
                if (!vm.openProperty().get() || !e.isAltDown()) return;
                if (e.getCode() == javafx.scene.input.KeyCode.RIGHT) {
                    vm.nextMark();
                    e.consume();
                } else if (e.getCode() == javafx.scene.input.KeyCode.LEFT) {
                    vm.previousMark();
                    e.consume();
                }
            });
        });
        Button mark = new Button("Mark");
        mark.setId("recordingMark");
        mark.setOnAction(e -> vm.mark());
        Button diff = new Button("Diff with mark");
        diff.setId("recordingDiff");
        diff.disableProperty().bind(vm.markedProperty().lessThan(0));
        diff.setOnAction(e -> vm.diffWithMarked());
        HBox controls = new HBox(6, task, previous, sliderBox, next, mark, diff);
        controls.setAlignment(Pos.CENTER_LEFT);

        Label text = new Label();
        text.setId("recordingMoment");
        text.textProperty().bind(vm.textProperty());
        Label marks = new Label();
        marks.setId("recordingMarks");
        marks.textProperty().bind(Bindings.concat("selected cap: ", vm.marksTextProperty()));
        // both lines wrap at narrow widths rather than end in "…": their height follows the wrapped text
        for (Label l : new Label[]{text, marks}) {
            l.setWrapText(true);
            l.setMinWidth(0);
            l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        marks.visibleProperty().bind(vm.marksTextProperty().isNotEmpty());
        getChildren().addAll(controls, text, marks);
    }
}
