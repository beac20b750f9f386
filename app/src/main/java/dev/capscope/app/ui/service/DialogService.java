package dev.capscope.app.ui.service;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Every dialog the view models need, behind an interface so they test without a window
 * (JabRef's DialogService). Messages say what happened and what to do.
 */
public interface DialogService {
    void showError(String title, String whatHappened, String whatToDo);

    /** Asks for an endpoint (unix:PATH, tcp:HOST:PORT, serial:PATH), offering the recent ones. */
    Optional<String> askEndpoint(List<String> recent);

    Optional<Path> chooseSnapshotToOpen();

    Optional<Path> chooseSnapshotToSave(String suggestedFileName);

    boolean confirm(String title, String question);

    /** Asks where to save a file other than a snapshot (a diff export); by default the snapshot chooser. */
    default Optional<Path> chooseFileToSave(String title, String suggestedFileName) {
        return chooseSnapshotToSave(suggestedFileName);
    }
}
