package dev.capscope.app.ui;

import dev.capscope.app.ui.attach.AttachDialog;
import dev.capscope.app.ui.service.DialogService;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** {@link DialogService} with JavaFX dialogs owned by the main window. */
public final class FxDialogService implements DialogService {
    private final Supplier<Window> owner;
    private File lastDir;

    public FxDialogService(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public void showError(String title, String whatHappened, String whatToDo) {
        Alert a = new Alert(Alert.AlertType.ERROR, whatHappened + "\n\n" + whatToDo, ButtonType.OK);
        a.initOwner(owner.get());
        a.setTitle(title);
        a.setHeaderText(title);
        a.getDialogPane().setId("errorDialog");
        a.getDialogPane().setPrefWidth(560);
        a.show();
    }

    @Override
    public Optional<String> askEndpoint(List<String> recent) {
        return new AttachDialog(owner.get(), recent).showAndWait();
    }

    @Override
    public Optional<Path> chooseSnapshotToOpen() {
        FileChooser fc = chooser("Open snapshot");
        File f = fc.showOpenDialog(owner.get());
        return remember(f);
    }

    @Override
    public Optional<Path> chooseSnapshotToSave(String suggested) {
        FileChooser fc = chooser("Save snapshot");
        fc.setInitialFileName(suggested);
        return remember(fc.showSaveDialog(owner.get()));
    }

    @Override
    public Optional<Path> chooseFileToSave(String title, String suggested) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        fc.setInitialFileName(suggested);
        if (lastDir != null && lastDir.isDirectory()) fc.setInitialDirectory(lastDir);
        return remember(fc.showSaveDialog(owner.get()));
    }

    @Override
    public boolean confirm(String title, String question) {
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, question, ButtonType.OK, ButtonType.CANCEL);
        a.initOwner(owner.get());
        a.setTitle(title);
        a.getDialogPane().setId("confirmDialog");
        return a.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
    }

    private FileChooser chooser(String title) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Capscope snapshots (*.json)", "*.json"),
                new FileChooser.ExtensionFilter("All files", "*"));
        if (lastDir != null && lastDir.isDirectory()) fc.setInitialDirectory(lastDir);
        return fc;
    }

    private Optional<Path> remember(File f) {
        if (f == null) return Optional.empty();
        lastDir = f.getParentFile();
        return Optional.of(f.toPath());
    }
}
