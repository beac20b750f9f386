package dev.capscope.app.ui.sources;

import dev.capscope.bridge.AddressSecrets;

import dev.capscope.core.model.TargetInfo;
import dev.capscope.core.model.TaskInfo;
import dev.capscope.core.target.Target;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.HashMap;
import java.util.Map;

/**
 * A live target in the sources pane: endpoint, connection state, the last error, its tasks.
 * Properties are changed on the UI thread only; the {@link Target} itself is used on the worker.
 */
public final class LiveTarget {
    public enum State {
        CONNECTING("connecting"), CONNECTED("connected"), ERROR("error"), CLOSED("closed");

        private final String label;

        State(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final String endpoint;
    private final ObjectProperty<State> state = new SimpleObjectProperty<>(State.CONNECTING);
    private final StringProperty error = new SimpleStringProperty("");
    private final ObjectProperty<TargetInfo> info = new SimpleObjectProperty<>();
    private final ObservableList<TaskInfo> tasks = FXCollections.observableArrayList();
    private final Map<String, Long> walkedGeneration = new HashMap<>();
    private volatile Target target;
    private boolean busy;
    private Runnable whenFree;
    /** What the sources pane calls it: the endpoint, or e.g. "demo target (capsim)". */
    private String title;

    public LiveTarget(String endpoint) {
        this.endpoint = endpoint;
        this.title = AddressSecrets.withoutToken(endpoint); // the token stays in the address only
    }

    public String title() { return title; }
    public void title(String t) { this.title = t; }

    public String endpoint() { return endpoint; }
    public ObjectProperty<State> stateProperty() { return state; }
    public StringProperty errorProperty() { return error; }
    public ObjectProperty<TargetInfo> infoProperty() { return info; }
    public ObservableList<TaskInfo> tasks() { return tasks; }
    public Target target() { return target; }
    public void target(Target t) { this.target = t; }
    public boolean busy() { return busy; }
    public void busy(boolean b) { this.busy = b; }

    /** Runs once the job on this target ends (replacing what waited before): a walk asked for meanwhile. */
    public void whenFree(Runnable r) { this.whenFree = r; }

    /** The job ended: runs what waited for it, if anything. */
    public void freed() {
        Runnable r = whenFree;
        whenFree = null;
        if (r != null) r.run();
    }

    /** Generation of the task at its last applied walk, or null when never walked. */
    public Long walkedGeneration(String task) { return walkedGeneration.get(task); }
    public void walkedGeneration(String task, long g) { walkedGeneration.put(task, g); }
    public void forgetGenerations() { walkedGeneration.clear(); }

    @Override
    public String toString() {
        return AddressSecrets.withoutToken(endpoint);
    }
}
