package dev.capscope.app.ui.sources;

import dev.capscope.core.model.TaskInfo;
import javafx.beans.InvalidationListener;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;

/**
 * Sources pane: "Live targets" (each with its state and tasks) and "Snapshots". Rebuilt from the
 * view model's lists (they are short); selecting a task or snapshot selects it in the view model.
 */
public final class SourcesView extends TreeView<Object> {
    private static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");
    /** Narrowest the pane gets in the window's split pane, in pixels. */
    public static final double MIN_WIDTH = 200;
    private final SourcesViewModel vm;
    private boolean rebuilding;

    public SourcesView(SourcesViewModel vm) {
        this.vm = vm;
        setId("sourcesTree");
        setShowRoot(false);
        setRoot(new TreeItem<>("sources"));
        setCellFactory(t -> new SourceCell());
        // task labels are long ("init -> log_client  (37 caps, 2 threads)"): never narrower than this,
        // and every cell's tooltip holds its full text
        setMinWidth(MIN_WIDTH);
        setPrefWidth(260);
        InvalidationListener rebuild = o -> rebuild();
        // The start-up target may be attached before this view exists: follow it like later ones.
        for (LiveTarget t : vm.targets()) {
            follow(t, rebuild);
        }
        vm.targets().addListener((ListChangeListener<LiveTarget>) c -> {
            while (c.next()) {
                for (LiveTarget t : c.getAddedSubList()) {
                    follow(t, rebuild);
                }
            }
            rebuild();
        });
        vm.snapshots().addListener(rebuild);
        vm.selectedProperty().addListener((o, a, b) -> selectRef(b));
        getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (rebuilding || b == null) return;
            Object v = b.getValue();
            if (v instanceof TaskNode tn) {
                SourceRef cur = vm.selectedProperty().get();
                if (!(cur instanceof SourceRef.TaskRef r && r.target() == tn.target() && r.task().equals(tn.task().name()))) {
                    vm.selectTask(tn.target(), tn.task().name());
                }
            } else if (v instanceof SnapshotSource s) {
                SourceRef cur = vm.selectedProperty().get();
                if (!(cur instanceof SourceRef.SnapshotRef r && r.source() == s)) {
                    vm.selectSnapshot(s);
                }
            }
        });
        rebuild();
    }

    /** A task under a live target. */
    public record TaskNode(LiveTarget target, TaskInfo task) {
    }

    private static void follow(LiveTarget t, InvalidationListener rebuild) {
        t.tasks().addListener(rebuild);
        t.stateProperty().addListener(rebuild);
    }

    private void rebuild() {
        rebuilding = true;
        try {
            TreeItem<Object> live = new TreeItem<>("Live targets");
            live.setExpanded(true);
            for (LiveTarget t : vm.targets()) {
                TreeItem<Object> ti = new TreeItem<>(t);
                ti.setExpanded(true);
                for (TaskInfo task : t.tasks()) {
                    ti.getChildren().add(new TreeItem<>(new TaskNode(t, task)));
                }
                live.getChildren().add(ti);
            }
            TreeItem<Object> snaps = new TreeItem<>("Snapshots");
            snaps.setExpanded(true);
            for (SnapshotSource s : vm.snapshots()) {
                snaps.getChildren().add(new TreeItem<>(s));
            }
            getRoot().getChildren().setAll(live, snaps);
        } finally {
            rebuilding = false;
        }
        selectRef(vm.selectedProperty().get());
    }

    private void selectRef(SourceRef ref) {
        if (ref == null) return;
        rebuilding = true;
        try {
            for (TreeItem<Object> group : getRoot().getChildren()) {
                for (TreeItem<Object> item : group.getChildren()) {
                    if (ref instanceof SourceRef.SnapshotRef s && item.getValue() == s.source()) {
                        getSelectionModel().select(item);
                    }
                    for (TreeItem<Object> task : item.getChildren()) {
                        if (ref instanceof SourceRef.TaskRef r && task.getValue() instanceof TaskNode tn
                                && tn.target() == r.target() && tn.task().name().equals(r.task())) {
                            getSelectionModel().select(task);
                        }
                    }
                }
            }
        } finally {
            rebuilding = false;
        }
    }

    private static final class SourceCell extends TreeCell<Object> {
        private final javafx.scene.control.Label taskName = new javafx.scene.control.Label();
        private final javafx.scene.control.Label taskCounts = new javafx.scene.control.Label();
        private final javafx.scene.layout.VBox taskBox = new javafx.scene.layout.VBox(0, taskName, taskCounts);

        SourceCell() {
            taskCounts.getStyleClass().add("source-counts");
        }

        @Override
        protected void updateItem(Object item, boolean empty) {
            super.updateItem(item, empty);
            pseudoClassStateChanged(ERROR, false);
            getStyleClass().removeAll("source-group", "source-target", "source-task", "source-snapshot");
            setGraphic(null);
            setContentDisplay(javafx.scene.control.ContentDisplay.LEFT);
            if (empty || item == null) {
                setText(null);
                dev.capscope.app.ui.copy.HoverTooltip.set(this, null);
                return;
            }
            if (item instanceof LiveTarget t) {
                LiveTarget.State st = t.stateProperty().get();
                setText(t.title() + (st == LiveTarget.State.CONNECTED ? "" : "  [" + st.label() + "]"));
                getStyleClass().add("source-target");
                pseudoClassStateChanged(ERROR, t.stateProperty().get() == LiveTarget.State.ERROR);
            } else if (item instanceof TaskNode tn) {
                // the name whole on its own line, the counts small below it (one line cut them both)
                int threads = tn.task().threadCount();
                String counts = tn.task().validCaps() + " caps · " + threads + (threads == 1 ? " thread" : " threads");
                setText(tn.task().name() + "  (" + counts + ")");
                taskName.setText(tn.task().name());
                taskCounts.setText(counts);
                setGraphic(taskBox);
                setContentDisplay(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY);
                getStyleClass().add("source-task");
            } else if (item instanceof SnapshotSource s) {
                setText(s.title());
                getStyleClass().add("source-snapshot");
            } else {
                setText(item.toString());
                getStyleClass().add("source-group");
            }
            String full = item instanceof LiveTarget t && !t.title().equals(t.endpoint())
                    ? getText() + "\n" + t.endpoint() : getText();
            dev.capscope.app.ui.copy.HoverTooltip.set(this, full);
        }
    }

}
