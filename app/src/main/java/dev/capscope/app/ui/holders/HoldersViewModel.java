package dev.capscope.app.ui.holders;

import dev.capscope.app.ui.service.DialogService;
import dev.capscope.app.ui.task.BackgroundTask;
import dev.capscope.app.ui.task.TaskRunner;
import dev.capscope.core.holders.CrossTaskLint;
import dev.capscope.core.holders.HeldObject;
import dev.capscope.core.holders.Holder;
import dev.capscope.core.holders.HoldersGraph;
import dev.capscope.core.holders.Holdings;
import dev.capscope.core.model.Selectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;

/**
 * State of the holders window: the object asked about and its holders, the graph of who serves
 * whom, and the commands (jump to a holder, export the graph). The join runs on the worker.
 */
public final class HoldersViewModel {
    private final TaskRunner runner;
    private final DialogService dialogs;
    private final BiConsumer<String, Integer> jump;
    private final StringProperty title = new SimpleStringProperty("Holders");
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty open = new SimpleBooleanProperty(false);
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final ObservableList<HolderRow> rows = FXCollections.observableArrayList();
    private final ObjectProperty<HoldersGraph> graph = new SimpleObjectProperty<>();

    /** @param jump selects a task's selector in the main window (task, selector) */
    public HoldersViewModel(TaskRunner runner, DialogService dialogs, BiConsumer<String, Integer> jump) {
        this.runner = runner;
        this.dialogs = dialogs;
        this.jump = jump;
    }

    /** Opens the window and fills it for the object at a task's selector (selector -1: the graph only). */
    public void show(String task, int selector, Callable<Holdings> join) {
        show(task, selector, dev.capscope.app.ui.task.Lanes.FILES, join);
    }

    /** As {@link #show(String, int, Callable)}, the join run on {@code lane} (a live target's, when it walks one). */
    public void show(String task, int selector, String lane, Callable<Holdings> join) {
        open.set(true);
        busy.set(true);
        rows.clear();
        title.set(selector < 0 ? "Holders: who serves whom" : "Holders of " + task + " " + Selectors.format(selector));
        message.set("joining the spaces of all tasks…");
        BackgroundTask.wrap("holders", join)
                .onSuccess(h -> apply(h, task, selector))
                .onFailure(e -> message.set("Cannot join the tasks: " + e.getMessage()))
                .onFinished(() -> busy.set(false))
                .onLane(lane)
                .executeWith(runner);
    }

    private void apply(Holdings h, String task, int selector) {
        graph.set(new HoldersGraph(h, true));
        if (selector < 0) {
            message.set(h.tasks().size() + " tasks, " + h.objects().size() + " objects");
            return;
        }
        HeldObject o = h.at(task, selector);
        if (o == null) {
            message.set(task + " holds nothing at " + Selectors.format(selector));
            return;
        }
        Holder creator = o.creator();
        for (Holder x : o.holders()) {
            String role = x.task().equals(o.server()) ? "server" : x == creator ? "creator (D)" : "client";
            rows.add(new HolderRow(x.task(), x.selector(), Selectors.format(x.selector()), x.rights().toString(),
                    role, x.taskPresent()));
        }
        message.set(CrossTaskLint.describe(o) + " · server " + (o.server() == null ? "unknown" : o.server())
                + " · creator " + (creator == null ? "not among these tasks" : creator.task())
                + " · identity by " + o.identity().jsonName());
    }

    public void jumpTo(HolderRow row) {
        if (row != null) {
            jump.accept(row.task(), row.selector());
        }
    }

    /** Asks where to save, then writes the graph as Graphviz DOT on the worker. */
    public void exportDot() {
        HoldersGraph g = graph.get();
        if (g == null) {
            return;
        }
        dialogs.chooseFileToSave("Export the holders graph (Graphviz DOT)", "holders.dot").ifPresent(file ->
                BackgroundTask.wrap("export graph", () -> write(file, g.toDot().getBytes(StandardCharsets.UTF_8)))
                        .onSuccess(f -> message.set("Exported the graph to " + f))
                        .onFailure(e -> dialogs.showError("Cannot export the graph", e.getMessage(),
                                "Choose another folder or name, then export again."))
                        .executeWith(runner));
    }

    /** Asks where to save, then writes the SVG the view drew from its laid-out graph (on the worker). */
    public void exportSvg(Callable<byte[]> svg) {
        dialogs.chooseFileToSave("Export the holders graph (SVG)", "holders.svg").ifPresent(file ->
                BackgroundTask.wrap("export graph", () -> write(file, svg.call()))
                        .onSuccess(f -> message.set("Exported the graph to " + f))
                        .onFailure(e -> dialogs.showError("Cannot export the graph", e.getMessage(),
                                "Choose another folder or name, then export again."))
                        .executeWith(runner));
    }

    /** Asks where to save, then writes PNG bytes the view rendered (encoding runs on the worker). */
    public void exportPng(Callable<byte[]> png) {
        dialogs.chooseFileToSave("Export the holders graph (PNG)", "holders.png").ifPresent(file ->
                BackgroundTask.wrap("export graph", () -> write(file, png.call()))
                        .onSuccess(f -> message.set("Exported the graph to " + f))
                        .onFailure(e -> dialogs.showError("Cannot export the graph", e.getMessage(),
                                "Choose another folder or name, then export again."))
                        .executeWith(runner));
    }

    /** Temp file beside the target, then an atomic rename: an existing file is replaced whole or not at all. */
    private static Path write(Path file, byte[] bytes) throws java.io.IOException {
        Path target = file.toAbsolutePath();
        Path tmp = java.nio.file.Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
        try {
            java.nio.file.Files.write(tmp, bytes);
            java.nio.file.Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException | RuntimeException e) {
            java.nio.file.Files.deleteIfExists(tmp);
            throw e;
        }
        return file;
    }

    public StringProperty titleProperty() { return title; }
    public StringProperty messageProperty() { return message; }
    public BooleanProperty openProperty() { return open; }
    public BooleanProperty busyProperty() { return busy; }
    public ObservableList<HolderRow> rows() { return rows; }
    public ObjectProperty<HoldersGraph> graphProperty() { return graph; }
}
