package dev.capscope.app.ui.recording;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * The recording bar above the scrubber: what is being recorded, how many moments and bytes so far,
 * Stop, and after a recording Open (under the scrubber). Shown once a recording was asked for. Binds only.
 */
public final class LiveRecordingView extends HBox {
    public LiveRecordingView(LiveRecordingViewModel vm) {
        super(6);
        setId("liveRecording");
        getStyleClass().add("live-recording");
        setPadding(new Insets(2, 4, 2, 4));
        setAlignment(Pos.CENTER_LEFT);
        visibleProperty().bind(vm.statusProperty().isNotEmpty());
        managedProperty().bind(visibleProperty());

        Label dot = new Label("●");
        dot.getStyleClass().add("live-recording-dot");
        dot.visibleProperty().bind(vm.recordingProperty());
        dot.managedProperty().bind(dot.visibleProperty());
        Label status = new Label();
        status.setId("liveRecordingStatus");
        status.textProperty().bind(vm.statusProperty());
        status.setMinWidth(0);
        status.setMaxWidth(Double.MAX_VALUE);
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(vm.statusProperty());
        status.setTooltip(tip);
        HBox.setHgrow(status, Priority.ALWAYS);
        Button stop = new Button("Stop recording");
        stop.setId("liveRecordingStop");
        stop.visibleProperty().bind(vm.recordingProperty());
        stop.managedProperty().bind(stop.visibleProperty());
        stop.setOnAction(e -> vm.stop());
        Button open = new Button("Open recording");
        open.setId("liveRecordingOpen");
        open.visibleProperty().bind(vm.recordingProperty().not().and(vm.fileProperty().isNotNull()));
        open.managedProperty().bind(open.visibleProperty());
        open.setOnAction(e -> vm.openLast());
        getChildren().addAll(dot, status, stop, open);
    }
}
