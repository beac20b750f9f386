package dev.capscope.app.ui.attach;

import javafx.collections.FXCollections;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.util.List;

/** Asks for an endpoint; the recent ones are offered in an editable combo box. */
public final class AttachDialog extends Dialog<String> {
    public AttachDialog(Window owner, List<String> recent) {
        initOwner(owner);
        setTitle("Attach to a target");
        setHeaderText("Endpoint of a Capscope agent or capsim");
        ComboBox<String> endpoint = new ComboBox<>(FXCollections.observableArrayList(recent));
        endpoint.setId("attachEndpoint");
        endpoint.setEditable(true);
        endpoint.setPrefWidth(420);
        endpoint.setPromptText("unix:/tmp/capsim.sock");
        if (!recent.isEmpty()) endpoint.getEditor().setText(recent.get(0));
        Label help = new Label("unix:PATH (capsim, a local agent) · tcp:HOST:PORT (QEMU -serial tcp:…) · "
                + "serial:PATH (a pty or serial line)");
        help.setWrapText(true);
        VBox box = new VBox(8, endpoint, help);
        box.setPrefWidth(460);
        getDialogPane().setContent(box);
        getDialogPane().setId("attachDialog");
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        getDialogPane().lookupButton(ButtonType.OK).setId("attachOk");
        setResultConverter(b -> b == ButtonType.OK ? endpoint.getEditor().getText() : null);
        setOnShown(e -> endpoint.getEditor().requestFocus());
    }
}
