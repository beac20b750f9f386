package dev.capscope.app.ui.sources;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The sources pane's state: live targets (with their tasks), open snapshots, the chosen source. */
public final class SourcesViewModel {
    private final ObservableList<LiveTarget> targets = FXCollections.observableArrayList();
    private final ObservableList<SnapshotSource> snapshots = FXCollections.observableArrayList();
    private final ObjectProperty<SourceRef> selected = new SimpleObjectProperty<>();

    public ObservableList<LiveTarget> targets() { return targets; }
    public ObservableList<SnapshotSource> snapshots() { return snapshots; }
    public ObjectProperty<SourceRef> selectedProperty() { return selected; }

    public LiveTarget findTarget(String endpoint) {
        return targets.stream().filter(t -> t.endpoint().equals(endpoint)).findFirst().orElse(null);
    }

    /** Selects a task of a target (the first one when task is null). */
    public void selectTask(LiveTarget t, String task) {
        String name = task;
        if (name == null && !t.tasks().isEmpty()) {
            name = t.tasks().get(0).name();
        }
        if (name != null) {
            selected.set(new SourceRef.TaskRef(t, name));
        }
    }

    public void selectSnapshot(SnapshotSource s) {
        selected.set(new SourceRef.SnapshotRef(s));
    }
}
