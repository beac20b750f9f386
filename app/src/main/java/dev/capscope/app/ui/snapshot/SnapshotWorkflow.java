package dev.capscope.app.ui.snapshot;

import dev.capscope.app.ui.UiContext;
import dev.capscope.app.ui.diff.DiffService;
import dev.capscope.app.ui.diff.DiffSide;
import dev.capscope.app.ui.diff.DiffViewModel;
import dev.capscope.app.ui.restore.RestoreService;
import dev.capscope.app.ui.restore.RestoreWizardViewModel;
import dev.capscope.app.ui.restore.TaskChoice;
import dev.capscope.app.ui.sources.LiveTarget;
import dev.capscope.app.ui.sources.SnapshotSource;
import dev.capscope.app.ui.sources.SourceRef;
import dev.capscope.app.ui.sources.SourcesViewModel;
import dev.capscope.app.ui.timeline.TimelineViewModel;
import dev.capscope.core.model.TaskInfo;
import dev.capscope.core.profile.LayoutProfile;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;

/**
 * The checkpoint workflow of the window: the timeline of the shown task, diffs between any two
 * sources, the restore wizard. Opening a diff or the wizard only creates its view model and
 * publishes it ({@link #openDiffs()}, {@link #wizardProperty()}); the view layer shows windows for
 * them, so this class tests without a window.
 */
public final class SnapshotWorkflow {
    private final UiContext ctx;
    private final SourcesViewModel sources;
    private final Runnable refreshShown;
    private final DiffService diffs;
    private final RestoreService restores;
    private final TimelineViewModel timeline;
    private final ObservableList<DiffViewModel> openDiffs = FXCollections.observableArrayList();
    private final ObjectProperty<RestoreWizardViewModel> wizard = new SimpleObjectProperty<>();

    public SnapshotWorkflow(UiContext ctx, SourcesViewModel sources, Runnable refreshShown) {
        this(ctx, sources, refreshShown, new RestoreService());
    }

    public SnapshotWorkflow(UiContext ctx, SourcesViewModel sources, Runnable refreshShown, RestoreService restores) {
        this.ctx = ctx;
        this.sources = sources;
        this.refreshShown = refreshShown;
        this.diffs = new DiffService(ctx.walks());
        this.restores = restores;
        this.timeline = new TimelineViewModel(ctx.runner(), sources.snapshots(), this::profile,
                (a, b) -> openDiff(new DiffSide.OfSnapshot(a), new DiffSide.OfSnapshot(b)));
        sources.selectedProperty().addListener((o, a, b) -> timeline.taskProperty().set(taskOf(b)));
    }

    private static String taskOf(SourceRef r) {
        if (r instanceof SourceRef.TaskRef t) return t.task();
        if (r instanceof SourceRef.SnapshotRef s) return s.source().snapshot().meta().task();
        return null;
    }

    LayoutProfile profile(String name) {
        return name == null ? ctx.walks().defaultProfile() : ctx.walks().profiles().find(name).orElse(ctx.walks().defaultProfile());
    }

    // ---- diff ------------------------------------------------------------------------------------

    /** Every source a diff can compare: open snapshots and the tasks of connected targets. */
    public List<DiffSide> sides() {
        List<DiffSide> l = new ArrayList<>();
        for (SnapshotSource s : sources.snapshots()) {
            l.add(new DiffSide.OfSnapshot(s));
        }
        for (LiveTarget t : sources.targets()) {
            for (TaskInfo task : t.tasks()) {
                l.add(new DiffSide.OfLive(t, task.name()));
            }
        }
        return l;
    }

    /** Opens a diff of two sources. */
    public DiffViewModel openDiff(DiffSide baseline, DiffSide after) {
        DiffViewModel vm = new DiffViewModel(ctx.runner(), ctx.dialogs(), diffs);
        vm.choices().setAll(sides());
        if (!vm.choices().contains(baseline)) vm.choices().add(baseline);
        if (!vm.choices().contains(after)) vm.choices().add(after);
        openDiffs.add(vm);
        vm.compare(baseline, after);
        return vm;
    }

    /**
     * "Compare…" (Ctrl+D): the selected snapshot (else the newest of the shown task) as baseline,
     * against the live task when one is shown or its target is attached, else the next snapshot.
     */
    public DiffViewModel compareShown() {
        SourceRef shown = sources.selectedProperty().get();
        List<DiffSide> all = sides();
        if (all.size() < 2) {
            ctx.dialogs().showError("Compare", "A diff needs two sources; there " + (all.size() == 1 ? "is one." : "are none."),
                    "Take a snapshot (Ctrl+S) or open one (Ctrl+O), then compare it with the live task or another snapshot.");
            return null;
        }
        DiffSide base = null;
        DiffSide after = null;
        String task = taskOf(shown);
        if (shown instanceof SourceRef.SnapshotRef s) {
            base = new DiffSide.OfSnapshot(s.source());
        } else {
            base = all.stream().filter(d -> d instanceof DiffSide.OfSnapshot && d.task().equals(task))
                    .reduce((a, b) -> b).orElse(null);
        }
        if (shown instanceof SourceRef.TaskRef t) {
            after = new DiffSide.OfLive(t.target(), t.task());
        } else if (task != null) {
            after = all.stream().filter(d -> d instanceof DiffSide.OfLive && d.task().equals(task)).findFirst().orElse(null);
        }
        if (after == null && shown instanceof SourceRef.SnapshotRef s) {
            // no live task to compare with: the snapshot before it on the timeline is the baseline
            List<DiffSide> same = all.stream().filter(d -> d instanceof DiffSide.OfSnapshot o && d.task().equals(task))
                    .sorted(java.util.Comparator.comparing(d -> ((DiffSide.OfSnapshot) d).source().snapshot().meta().takenAt()))
                    .toList();
            int i = same.indexOf(base);
            if (i > 0) {
                after = base;
                base = same.get(i - 1);
            }
        }
        if (base == null) base = all.get(0);
        DiffSide b0 = base;
        if (after == null || after.equals(base)) {
            after = all.stream().filter(d -> !d.equals(b0)).reduce((a, b) -> b).orElseThrow();
        }
        return openDiff(base, after);
    }

    public ObservableList<DiffViewModel> openDiffs() {
        return openDiffs;
    }

    // ---- restore ---------------------------------------------------------------------------------

    /** Opens the restore wizard with the selected snapshot and the task it belongs to preselected. */
    public RestoreWizardViewModel openRestore() {
        RestoreWizardViewModel vm = new RestoreWizardViewModel(ctx.runner(), ctx.dialogs(), restores, this::profile,
                refreshShown);
        List<TaskChoice> tasks = new ArrayList<>();
        for (LiveTarget t : sources.targets()) {
            for (TaskInfo task : t.tasks()) {
                tasks.add(new TaskChoice(t, task.name()));
            }
        }
        SourceRef shown = sources.selectedProperty().get();
        SnapshotSource snap = shown instanceof SourceRef.SnapshotRef s ? s.source() : null;
        if (snap == null && shown instanceof SourceRef.TaskRef t) {
            snap = sources.snapshots().stream().filter(s -> s.snapshot().meta().task().equals(t.task()))
                    .reduce((a, b) -> b).orElse(null);
        }
        if (snap == null && !sources.snapshots().isEmpty()) {
            snap = sources.snapshots().get(sources.snapshots().size() - 1);
        }
        String want = snap == null ? null : snap.snapshot().meta().task();
        // the snapshot's own task first (on the shown target if it has it), else the shown task
        TaskChoice pick = tasks.stream().filter(c -> c.task().equals(want)
                        && (!(shown instanceof SourceRef.TaskRef t) || c.target() == t.target())).findFirst()
                .or(() -> tasks.stream().filter(c -> c.task().equals(want)).findFirst())
                .orElse(shown instanceof SourceRef.TaskRef t ? tasks.stream()
                        .filter(c -> c.target() == t.target() && c.task().equals(t.task())).findFirst().orElse(null) : null);
        vm.offer(new ArrayList<>(sources.snapshots()), tasks, snap, pick);
        wizard.set(vm);
        return vm;
    }

    public ObjectProperty<RestoreWizardViewModel> wizardProperty() {
        return wizard;
    }

    public TimelineViewModel timeline() {
        return timeline;
    }
}
