package dev.capscope.app.ui.main;

import dev.capscope.app.ui.UiContext;
import dev.capscope.app.ui.details.DetailsViewModel;
import dev.capscope.app.ui.holders.HoldersViewModel;
import dev.capscope.app.ui.live.LiveController;
import dev.capscope.app.ui.model.RowTreeBuilder;
import dev.capscope.app.ui.profile.ProfileViewModel;
import dev.capscope.app.ui.recording.RecordingViewModel;
import dev.capscope.app.ui.settings.ViewSettings;
import dev.capscope.app.ui.snapshot.SnapshotWorkflow;
import dev.capscope.app.ui.sources.LiveTarget;
import dev.capscope.app.ui.sources.SnapshotSource;
import dev.capscope.app.ui.sources.SourceRef;
import dev.capscope.app.ui.sources.SourcesViewModel;
import dev.capscope.app.ui.status.StatusViewModel;
import dev.capscope.app.ui.tree.CapTreeViewModel;
import dev.capscope.app.ui.tree.ViewExport;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.profile.LayoutProfile;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The window's view model: owns the child view models and wires the menus' commands to the
 * classes that carry them out — {@link TargetCommands} (attach, demo, reconnect), {@link ShownSource}
 * (what is on screen and its walks), {@link LiveRefresh}, {@link SnapshotCommands},
 * {@link ViewExportCommand} and {@link CrossTaskTools}. Holds no controls.
 */
public final class MainViewModel implements LiveController.Listener {
    private final UiContext ctx;
    private final SourcesViewModel sources = new SourcesViewModel();
    private final CapTreeViewModel tree = new CapTreeViewModel();
    private final StatusViewModel status = new StatusViewModel();
    private final ProfileViewModel profile;
    private final DetailsViewModel details;
    private final ViewSettings view;
    private final SnapshotCommands snapshots;
    private final SnapshotWorkflow workflow;
    private final CrossTaskTools tools;
    private final ShownSource shown;
    private final TargetCommands targets;
    private final LiveRefresh liveRefresh;
    private final ViewExportCommand export;
    private final FirstFrame firstFrame = new FirstFrame();

    public MainViewModel(UiContext ctx) {
        this.ctx = ctx;
        this.profile = new ProfileViewModel(ctx.walks().profiles());
        this.view = ViewSettings.remembered(ctx.recent());
        this.details = new DetailsViewModel(tree.selectedRowProperty(), tree.spaceProperty(), tree.builderProperty(),
                view.numbersProperty(), tree::lint);
        LiveController live = new LiveController(ctx.runner(), ctx.connector(), ctx.walks(), this, status.work());
        this.snapshots = new SnapshotCommands(ctx, this);
        this.workflow = new SnapshotWorkflow(ctx, sources, this::refresh);
        this.tools = new CrossTaskTools(this, ctx);
        this.shown = new ShownSource(ctx, sources, tree, status, profile, live, tools::sourceShown);
        this.targets = new TargetCommands(ctx, sources, status, live, shown, firstFrame);
        this.export = new ViewExportCommand(ctx, status);
        tree.countsProperty().addListener((o, a, b) -> status.countsProperty().set(b));
        tree.onHoldersRequested(this::showHolders);
        status.profileProperty().bind(profile.labelProperty());
        sources.selectedProperty().addListener((o, a, b) -> shown.show(b));
        profile.effectiveProperty().addListener((o, a, b) -> {
            if (b != null && tree.spaceProperty().get() != null) {
                tree.reinterpret(builder(b));
            }
        });
        ctx.timer().every(Duration.ofMillis(250), () -> tree.tick(ctx.timer().nowMillis()));
        this.liveRefresh = new LiveRefresh(ctx.timer(), this::liveTick);
        tree.treeProperty().addListener((o, a, b) -> {
            if (b != null && !b.children().isEmpty()) firstFrame.settle(FirstFrame.State.TREE);
        });
        errorProperty().addListener((o, a, b) -> {
            if (b != null && !b.isEmpty()) firstFrame.settle(FirstFrame.State.ERROR);
        });
    }

    /** What the window waits for before it first shows (the start-up reads it). */
    public FirstFrame firstFrame() {
        return firstFrame;
    }

    // ---- commands --------------------------------------------------------------------------

    /** Attach dialog, then connect. */
    public void attach() {
        ctx.dialogs().askEndpoint(ctx.recent().endpoints()).ifPresent(this::attachTo);
    }

    public void attachTo(String uri) {
        targets.attachTo(uri, true);
    }

    /** Starts the demo target (capsim) and attaches to it. */
    public void startDemo() {
        targets.startDemo();
    }

    /** Reconnects the target of the shown task (or the first target in error). */
    public void reconnect() {
        targets.reconnect();
    }

    /** F5: walk the shown task again now. */
    public void refresh() {
        shown.walk(false, true);
    }

    /** One live-refresh tick: walk the shown task again if its generation moved. */
    public void liveTick() {
        shown.liveTick();
    }

    /** Asks where to save, then writes the view as text, CSV or JSON (by the file's extension) on the worker. */
    public void exportView(ViewExport view) {
        CapSpace space = tree.spaceProperty().get();
        export.export(view, space == null ? "capscope" : space.taskName());
    }

    /** Opens the holders window for the object at a selector of what is shown (-1: the graph only). */
    public void showHolders(int selector) {
        tools.showHolders(shown.get(), selector);
    }

    /** Selects a task's selector: in the shown task at once, in another task of the target after its walk. */
    public void jumpTo(String task, int selector) {
        shown.jumpTo(task, selector);
    }

    /** File > Open recording: reads it on the worker and shows its first moment under the scrubber. */
    public void openRecording() {
        ctx.dialogs().chooseSnapshotToOpen().ifPresent(this::openRecordingFile);
    }

    public void openRecordingFile(Path file) {
        tools.openRecording(file);
    }

    /** A recording's moment goes on screen: no source is shown any more, so live refresh leaves it alone. */
    void leaveSource() {
        shown.leave();
    }

    public RecordingViewModel recordings() {
        return tools.recordings();
    }

    /** Target > Record: the shown live target recorded to a file. */
    public dev.capscope.app.ui.recording.LiveRecordingViewModel liveRecording() {
        return tools.liveRecording();
    }

    public HoldersViewModel holders() {
        return tools.holders();
    }

    /** What is shown, for titles and exports ("init @ unix:/tmp/capsim.sock", "snapshot leaky.json"). */
    public String shownTitle() {
        return status.sourceProperty().get();
    }

    public void openSnapshot() {
        snapshots.open();
    }

    public void openSnapshotFile(Path file) {
        snapshots.openFile(file);
    }

    public SnapshotCommands snapshots() {
        return snapshots;
    }

    /** Timeline, diffs and the restore wizard (issue 6). */
    public SnapshotWorkflow workflow() {
        return workflow;
    }

    void snapshotOpened(SnapshotSource s) {
        sources.snapshots().add(s);
        sources.selectSnapshot(s);
    }

    Map<Integer, List<String>> lint(CapSpace space, LayoutProfile p) {
        return shown.lint(space, p);
    }

    /** One builder per profile, kept across walks: it reuses the rows of unchanged selectors. Any thread. */
    RowTreeBuilder builder(LayoutProfile p) {
        return shown.builder(p);
    }

    // ---- LiveController.Listener -------------------------------------------------------------

    @Override
    public void progress(double fraction, String message) {
        status.busy(fraction, message);
    }

    @Override
    public void targetFailed(LiveTarget target, String message) {
        status.idle(message);
        shown.updateError();
    }

    @Override
    public void unchanged(LiveTarget target, String task, long generation) {
        shown.unchanged(target, task, generation);
    }

    @Override
    public void walkCancelled(LiveTarget target, String task) {
        shown.walkCancelled(target, task);
    }

    /** The Cancel button and Esc: stops the running walk, snapshot or load. */
    public void cancelRunning() {
        status.cancelRunning();
    }

    // ---- state -------------------------------------------------------------------------------

    public SourcesViewModel sources() { return sources; }
    public CapTreeViewModel tree() { return tree; }
    public DetailsViewModel details() { return details; }
    /** Number base, theme, map zoom, hidden columns: the user's view preferences. */
    public ViewSettings view() { return view; }
    public StatusViewModel status() { return status; }
    public ProfileViewModel profile() { return profile; }
    public BooleanProperty liveRefreshProperty() { return liveRefresh.enabledProperty(); }
    public IntegerProperty intervalMillisProperty() { return liveRefresh.intervalMillisProperty(); }
    public ReadOnlyStringProperty errorProperty() { return shown.errorProperty(); }
    public ReadOnlyBooleanProperty liveShownProperty() { return shown.liveShownProperty(); }
    public SourceRef shown() { return shown.get(); }
    UiContext context() { return ctx; }
}
