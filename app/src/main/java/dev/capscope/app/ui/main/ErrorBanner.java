package dev.capscope.app.ui.main;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** Shown above the tree while the shown target is in error: what happened, and a Reconnect button. */
final class ErrorBanner extends HBox {
    ErrorBanner(MainViewModel vm) {
        super(10);
        setId("errorBanner");
        getStyleClass().add("error-banner");
        Label text = new Label();
        text.setId("errorText");
        text.setWrapText(true);
        text.textProperty().bind(vm.errorProperty());
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMaxWidth(Double.MAX_VALUE);
        // the message wraps; the button keeps its whole text however long the message is
        text.setMinWidth(0);
        Button reconnect = new Button("Reconnect");
        reconnect.setId("reconnectButton");
        reconnect.setMinWidth(Region.USE_PREF_SIZE);
        reconnect.setOnAction(e -> vm.reconnect());
        getChildren().addAll(text, reconnect);
        visibleProperty().bind(vm.errorProperty().isNotEmpty());
        managedProperty().bind(visibleProperty());
    }
}
