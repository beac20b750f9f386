package dev.capscope.app.ui.testing;

import dev.capscope.app.ui.service.DialogService;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** Scripted dialogs: queue the answers, read the errors shown. */
public final class FakeDialogService implements DialogService {
    public final List<String> errors = new ArrayList<>();
    public final Deque<String> endpoints = new ArrayDeque<>();
    public final Deque<Path> openFiles = new ArrayDeque<>();
    public final Deque<Path> saveFiles = new ArrayDeque<>();
    public boolean confirmAnswer = true;
    /** The recent endpoints the last attach dialog offered. */
    public List<String> offeredEndpoints = List.of();

    @Override
    public synchronized void showError(String title, String whatHappened, String whatToDo) {
        errors.add(title + ": " + whatHappened + " " + whatToDo);
    }

    @Override
    public Optional<String> askEndpoint(List<String> recent) {
        offeredEndpoints = List.copyOf(recent);
        return Optional.ofNullable(endpoints.poll());
    }

    @Override
    public Optional<Path> chooseSnapshotToOpen() {
        return Optional.ofNullable(openFiles.poll());
    }

    @Override
    public Optional<Path> chooseSnapshotToSave(String suggestedFileName) {
        return Optional.ofNullable(saveFiles.poll());
    }

    @Override
    public boolean confirm(String title, String question) {
        return confirmAnswer;
    }

    public synchronized List<String> errors() {
        return List.copyOf(errors);
    }
}
