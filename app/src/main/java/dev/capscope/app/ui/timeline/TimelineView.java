package dev.capscope.app.ui.timeline;

import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The timeline pane: the shown task's snapshots with their quick diffs; double-click or the button diffs with the previous one. */
public final class TimelineView extends VBox {
    public TimelineView(TimelineViewModel vm) {
        setId("timelinePane");
        Label heading = new Label();
        heading.setId("timelineHeading");
        heading.getStyleClass().add("pane-heading");
        heading.setMaxWidth(Double.MAX_VALUE);
        heading.setWrapText(true);
        heading.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // long task names wrap, never "…"
        heading.textProperty().bind(vm.headingProperty());
        ListView<TimelineEntry> list = new ListView<>(vm.entries());
        list.setId("timelineList");
        Label none = new Label("No snapshots of this task yet: take one (Ctrl+S) or open one (Ctrl+O)");
        none.setWrapText(true);
        none.setPadding(new javafx.geometry.Insets(8));
        list.setPlaceholder(none);
        list.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != vm.selectedProperty().get()) vm.selectedProperty().set(b);
        });
        vm.selectedProperty().addListener((o, a, b) -> {
            if (b != list.getSelectionModel().getSelectedItem()) list.getSelectionModel().select(b);
        });
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) vm.diffWithPrevious();
        });
        Button diff = new Button("Diff with previous");
        diff.setId("timelineDiffButton");
        diff.setMaxWidth(Double.MAX_VALUE);
        diff.setTooltip(new Tooltip("Open the diff of the selected snapshot (or the newest) against the one before it"));
        diff.disableProperty().bind(Bindings.size(vm.entries()).lessThan(2));
        diff.setOnAction(e -> vm.diffWithPrevious());
        VBox.setVgrow(list, Priority.ALWAYS);
        getChildren().addAll(heading, list, diff);
        setPrefHeight(240);
    }
}
