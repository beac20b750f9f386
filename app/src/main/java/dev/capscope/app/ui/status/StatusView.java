package dev.capscope.app.ui.status;

import javafx.beans.binding.Bindings;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The status bar bound to {@link StatusViewModel}: the message (it gives way first when the
 * window is narrow; its tooltip holds it whole), walk progress, then profile, source, counts
 * and the last walk's time.
 */
public final class StatusView extends HBox {
    private final Label message = new Label();

    public StatusView(StatusViewModel vm) {
        super(6);
        setId("statusBar");
        getStyleClass().add("status-bar");
        setAlignment(Pos.CENTER_LEFT);
        message.setId("statusMessage");
        message.getStyleClass().add("status-item");
        message.textProperty().bind(vm.messageProperty());
        message.setMinWidth(220);
        message.setMaxWidth(Double.MAX_VALUE);
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(vm.messageProperty());
        message.setTooltip(tip);
        HBox.setHgrow(message, Priority.ALWAYS);
        ProgressBar progress = new ProgressBar();
        progress.setId("statusProgress");
        progress.setPrefWidth(120);
        progress.progressProperty().bind(vm.progressProperty());
        progress.visibleProperty().bind(vm.progressProperty().isNotEqualTo(0, 1e-9));
        progress.managedProperty().bind(progress.visibleProperty());
        Label source = label("statusSource");
        source.textProperty().bind(vm.sourceProperty());
        Label counts = label("statusCounts");
        counts.textProperty().bind(vm.countsProperty());
        Label time = label("statusWalkTime");
        time.textProperty().bind(vm.walkTimeProperty());
        time.visibleProperty().bind(Bindings.isNotEmpty(vm.walkTimeProperty()));
        time.managedProperty().bind(time.visibleProperty());
        source.setMinWidth(0); // gives way before the message does (the window title names the source too)
        Label profile = label("profileLabel");
        profile.setMinWidth(60);
        profile.textProperty().bind(vm.profileProperty());
        getChildren().addAll(message, progress, profile, bar(), source, bar(), counts, bar(), time);
    }

    /** The message shown now. */
    public String text() {
        return message.getText();
    }

    private static Label label(String id) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("status-item");
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private static Separator bar() {
        return new Separator(Orientation.VERTICAL);
    }
}
