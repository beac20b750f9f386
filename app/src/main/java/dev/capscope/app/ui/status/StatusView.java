package dev.capscope.app.ui.status;

import javafx.beans.binding.Bindings;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import org.controlsfx.control.StatusBar;

/** ControlsFX status bar bound to {@link StatusViewModel}. */
public final class StatusView extends StatusBar {
    public StatusView(StatusViewModel vm) {
        setId("statusBar");
        textProperty().bind(vm.messageProperty());
        progressProperty().bind(vm.progressProperty());
        Label source = label("statusSource", vm);
        source.textProperty().bind(vm.sourceProperty());
        Label counts = label("statusCounts", vm);
        counts.textProperty().bind(vm.countsProperty());
        Label time = label("statusWalkTime", vm);
        time.textProperty().bind(vm.walkTimeProperty());
        time.visibleProperty().bind(Bindings.isNotEmpty(vm.walkTimeProperty()));
        Label profile = label("profileLabel", vm);
        profile.textProperty().bind(vm.profileProperty());
        getRightItems().addAll(profile, new Separator(javafx.geometry.Orientation.VERTICAL), source, new Separator(javafx.geometry.Orientation.VERTICAL), counts,
                new Separator(javafx.geometry.Orientation.VERTICAL), time);
    }

    private static Label label(String id, StatusViewModel vm) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("status-item");
        return l;
    }
}
