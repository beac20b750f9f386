package dev.capscope.app.ui.main;

import dev.capscope.bridge.AddressSecrets;

import dev.capscope.app.ui.UiContext;
import dev.capscope.app.ui.details.DetailsViewModel;
import dev.capscope.app.ui.live.LiveController;
import dev.capscope.app.ui.model.RowTreeBuilder;
import dev.capscope.app.ui.profile.ProfileViewModel;
import dev.capscope.app.ui.service.WalkService.WalkResult;
import dev.capscope.app.ui.sources.LiveTarget;
import dev.capscope.app.ui.sources.SnapshotSource;
import dev.capscope.app.ui.sources.SourceRef;
import dev.capscope.app.ui.sources.SourcesViewModel;
import dev.capscope.app.ui.status.StatusViewModel;
import dev.capscope.app.ui.task.BackgroundTask;
import dev.capscope.app.ui.task.UiTimer;
import dev.capscope.app.ui.tree.CapTreeViewModel;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.profile.SelectorLayout;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The window's view model: owns the child view models and the commands of the menus (attach,
 * reconnect, refresh, live refresh, open). Live targets are driven through {@link LiveController};
 * snapshots through {@link SnapshotCommands}. Holds no controls.
 */
public final class MainViewModel implements LiveController.Listener {
    private final UiContext ctx;
    private final SourcesViewModel sources = new SourcesViewModel();
    private final CapTreeViewModel tree = new CapTreeViewModel();
    private final StatusViewModel status = new StatusViewModel();
    private final ProfileViewModel profile;
    private final DetailsViewModel details;
    private final dev.capscope.app.ui.settings.ViewSettings view;
    private final LiveController live;
    private final SnapshotCommands snapshots;
    private final dev.capscope.app.ui.snapshot.SnapshotWorkflow workflow;
    private final BooleanProperty liveRefresh = new SimpleBooleanProperty(true);
    private final IntegerProperty intervalMillis = new SimpleIntegerProperty(1000);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    /** True while a live task is shown: Refresh and Live refresh only make sense then. */
    private final javafx.beans.property.ReadOnlyBooleanWrapper liveShown = new javafx.beans.property.ReadOnlyBooleanWrapper();
    /** Generation of the shown live task at its last applied walk, and when it last moved (-1: not yet). */
    private long shownGeneration = -1;
    private long shownChangedAt;
    private UiTimer.Handle refreshTimer;
    private SourceRef shown;
    private final CrossTaskTools tools;
    /** A selector to select once the task being switched to has been walked (a jump from the holders window). */
    private int pendingSelector = -1;

    private final FirstFrame firstFrame = new FirstFrame();

    public MainViewModel(UiContext ctx) {
        this.ctx = ctx;
        this.profile = new ProfileViewModel(ctx.walks().profiles());
        this.view = dev.capscope.app.ui.settings.ViewSettings.remembered(ctx.recent());
        this.details = new DetailsViewModel(tree.selectedRowProperty(), tree.spaceProperty(), tree.builderProperty(),
                view.numbersProperty(), tree::lint);
        this.live = new LiveController(ctx.runner(), ctx.connector(), ctx.walks(), this);
        this.snapshots = new SnapshotCommands(ctx, this);
        this.workflow = new dev.capscope.app.ui.snapshot.SnapshotWorkflow(ctx, sources, this::refresh);
        this.tools = new CrossTaskTools(this, ctx);
        tree.countsProperty().addListener((o, a, b) -> status.countsProperty().set(b));
        tree.onHoldersRequested(this::showHolders);
        status.profileProperty().bind(profile.labelProperty());
        sources.selectedProperty().addListener((o, a, b) -> show(b));
        profile.effectiveProperty().addListener((o, a, b) -> {
            if (b != null && tree.spaceProperty().get() != null) {
                tree.reinterpret(builder(b));
            }
        });
        liveRefresh.addListener((o, a, b) -> rescheduleRefresh());
        intervalMillis.addListener((o, a, b) -> rescheduleRefresh());
        ctx.timer().every(Duration.ofMillis(250), () -> tree.tick(ctx.timer().nowMillis()));
        rescheduleRefresh();
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
        attachTo(uri, true);
    }

    /** @param remember false for the demo target: its private socket is gone after exit, so it is no recent endpoint */
    private void attachTo(String uri, boolean remember) {
        String endpoint = uri.trim();
        if (endpoint.isEmpty()) {
            return;
        }
        if (remember) {
            ctx.recent().rememberEndpoint(AddressSecrets.withoutToken(endpoint)); // no token in a file
        }
        LiveTarget existing = sources.findTarget(endpoint);
        LiveTarget t = existing != null ? existing : new LiveTarget(endpoint);
        if (existing == null) {
            if (!remember) t.title("demo target (capsim)");
            t.stateProperty().addListener((o, a, b) -> updateError());
            t.errorProperty().addListener((o, a, b) -> updateError());
            sources.targets().add(t);
        }
        live.connect(t, () -> {
            status.idle("Attached to " + AddressSecrets.withoutToken(endpoint) + " (" + t.infoProperty().get().kernel() + ")");
            sources.selectTask(t, null);
        });
    }

    /** Starts the demo target (capsim) and attaches to it. */
    public void startDemo() {
        status.busy(-1, "starting the demo target (capsim)");
        BackgroundTask.wrap("start demo target", () -> ctx.demo().start())
                .onSuccess(uri -> uri.ifPresentOrElse(u -> attachTo(u, false),
                        () -> status.idle("No demo target in this installation: attach (Ctrl+T) or open a snapshot (Ctrl+O)")))
                .onFailure(e -> {
                    status.idle("The demo target did not start");
                    firstFrame.settle(FirstFrame.State.DEMO_FAILED);
                    ctx.dialogs().showError("Demo target", "The demo target (capsim) did not start: " + e.getMessage(),
                            "Attach to another target (Ctrl+T) or open a snapshot (Ctrl+O).");
                })
                .executeWith(ctx.runner());
    }

    /** Reconnects the target of the shown task (or the first target in error). */
    public void reconnect() {
        LiveTarget t = shown instanceof SourceRef.TaskRef r ? r.target()
                : sources.targets().stream().filter(x -> x.stateProperty().get() == LiveTarget.State.ERROR)
                .findFirst().orElse(null);
        if (t == null) {
            return;
        }
        live.connect(t, () -> {
            status.idle("Reconnected to " + AddressSecrets.withoutToken(t.endpoint()));
            if (shown instanceof SourceRef.TaskRef r && r.target() == t) {
                walkShown(false, true);
            } else {
                sources.selectTask(t, null);
            }
        });
    }

    /** F5: walk the shown task again now. */
    public void refresh() {
        if (shown instanceof SourceRef.TaskRef) {
            walkShown(false, true);
        }
    }

    /** Asks where to save, then writes the view as text, CSV or JSON (by the file's extension) on the worker. */
    public void exportView(dev.capscope.app.ui.tree.ViewExport view) {
        String task = tree.spaceProperty().get() == null ? "capscope" : tree.spaceProperty().get().taskName();
        String suggested = SnapshotCommands.fileName(task + "-view").replace(".json", ".csv");
        ctx.dialogs().chooseFileToSave("Export the view (.txt, .csv or .json)", suggested).ifPresent(file ->
                BackgroundTask.wrap("export view", () -> {
                            dev.capscope.app.ui.diff.DiffService.writeAtomically(file,
                                    view.format(file.getFileName().toString()));
                            return file;
                        })
                        .onSuccess(f -> status.idle("Exported " + view.lines().stream().filter(l -> l.row().isSelector())
                                .count() + " rows to " + f))
                        .onFailure(e -> {
                            var t = dev.capscope.app.ui.service.FileErrors.writing(file, e,
                                    "Choose another folder or name, then export again.");
                            ctx.dialogs().showError("Cannot export the view", t.whatHappened(), t.whatToDo());
                        })
                        .executeWith(ctx.runner()));
    }

    /** Opens the holders window for the object at a selector of what is shown (-1: the graph only). */
    public void showHolders(int selector) {
        tools.showHolders(shown, selector);
    }

    /** Selects a task's selector: in the shown task at once, in another task of the target after its walk. */
    public void jumpTo(String task, int selector) {
        if (shown instanceof SourceRef.TaskRef r && !r.task().equals(task)) {
            pendingSelector = selector;
            sources.selectTask(r.target(), task);
        } else {
            tree.selectSelector(selector);
        }
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
        shown = null;
        liveShown.set(false);
    }

    public dev.capscope.app.ui.recording.RecordingViewModel recordings() {
        return tools.recordings();
    }

    /** Target > Record: the shown live target recorded to a file. */
    public dev.capscope.app.ui.recording.LiveRecordingViewModel liveRecording() {
        return tools.liveRecording();
    }

    public dev.capscope.app.ui.holders.HoldersViewModel holders() {
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
    public dev.capscope.app.ui.snapshot.SnapshotWorkflow workflow() {
        return workflow;
    }

    // ---- showing sources ---------------------------------------------------------------------

    private void show(SourceRef ref) {
        shown = ref;
        tools.sourceShown();
        shownGeneration = -1;
        liveShown.set(ref instanceof SourceRef.TaskRef);
        updateError();
        if (ref instanceof SourceRef.TaskRef r) {
            status.sourceProperty().set(r.task() + " @ " + r.target().title());
            walkShown(false, false);
        } else if (ref instanceof SourceRef.SnapshotRef s) {
            SnapshotSource src = s.source();
            status.sourceProperty().set("snapshot " + src.title());
            LayoutProfile p = ctx.walks().profiles().find(src.snapshot().meta().profile())
                    .orElse(ctx.walks().defaultProfile());
            CapSpace space = src.snapshot().space();
            profile.sourceProfile(p, ctx.walks().guess(space, p));
            LayoutProfile eff = profile.effectiveProperty().get();
            tree.show(space, builder(eff), lint(space, eff), false, ctx.timer().nowMillis());
            status.walkTimeProperty().set("");
            status.idle("Showing snapshot " + src.title() + " (taken " + src.snapshot().meta().takenAt() + ")");
        } else {
            tree.clear();
        }
    }

    Map<Integer, java.util.List<String>> lint(CapSpace space, LayoutProfile p) {
        return ctx.walks().lint(space, p);
    }

    private void walkShown(boolean onlyIfChanged, boolean sameSource) {
        if (!(shown instanceof SourceRef.TaskRef r)) {
            return;
        }
        SourceRef asked = shown;
        if (!onlyIfChanged) {
            status.busy(0, "walking " + r.task());
        }
        // rows, live marks and map are built on the worker with the walk; the UI thread only applies them
        live.walk(r.target(), r.task(), profile.chosen(), onlyIfChanged,
                result -> tree.prepare(result.space(), builder(result.profile()), result.lint(), sameSource,
                        ctx.timer().nowMillis()),
                (result, frame) -> {
                    if (shown != asked) {
                        return;
                    }
                    applyWalk(result, frame, sameSource);
                });
    }

    private void applyWalk(WalkResult result, CapTreeViewModel.Frame frame, boolean sameSource) {
        profile.sourceProfile(result.profile(), result.guess());
        LayoutProfile eff = profile.effectiveProperty().get();
        if (frame.builder().profile().equals(eff)) {
            tree.apply(frame);
        } else {
            tree.show(result.space(), builder(eff), result.lint(), sameSource, ctx.timer().nowMillis());
        }
        if (pendingSelector >= 0) {
            tree.selectSelector(pendingSelector);
            pendingSelector = -1;
        }
        long g = result.space().generation();
        status.walkTimeProperty().set("walk " + result.millis() + " ms · generation " + g);
        long now = ctx.timer().nowMillis();
        if (shownGeneration < 0 || g == shownGeneration) {
            status.idle("Walked " + result.space().taskName() + " at generation " + g + " (" + clock(now) + ")");
        } else {
            status.idle(result.space().taskName() + ": generation " + shownGeneration + " → " + g
                    + " (" + clock(now) + ")");
        }
        if (g != shownGeneration) {
            shownGeneration = g;
            shownChangedAt = now;
        }
    }

    /** Local wall-clock time of the UI timer, HH:mm:ss. */
    private static String clock(long millis) {
        return java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss")
                .format(java.time.Instant.ofEpochMilli(millis).atZone(java.time.ZoneId.systemDefault()));
    }

    private RowTreeBuilder builder;

    /** One builder per profile, kept across walks: it reuses the rows of unchanged selectors. Any thread. */
    synchronized RowTreeBuilder builder(LayoutProfile p) {
        if (builder == null || !builder.profile().equals(p)) {
            SelectorLayout layout = SelectorLayout.of(p);
            builder = new RowTreeBuilder(p, layout::roleOf);
        }
        return builder;
    }

    // ---- live refresh ------------------------------------------------------------------------

    private void rescheduleRefresh() {
        if (refreshTimer != null) {
            refreshTimer.cancel();
            refreshTimer = null;
        }
        if (liveRefresh.get()) {
            refreshTimer = ctx.timer().every(Duration.ofMillis(Math.max(200, intervalMillis.get())), this::liveTick);
        }
    }

    /** One live-refresh tick: walk the shown task again if its generation moved. */
    public void liveTick() {
        if (shown instanceof SourceRef.TaskRef r && r.target().stateProperty().get() == LiveTarget.State.CONNECTED) {
            walkShown(true, true);
        }
    }

    private void updateError() {
        if (shown instanceof SourceRef.TaskRef r && r.target().stateProperty().get() == LiveTarget.State.ERROR) {
            error.set(r.target().errorProperty().get());
        } else if (shown == null) {
            // nothing on screen yet (e.g. the first attach failed): show the first target's error
            error.set(sources.targets().stream().filter(t -> t.stateProperty().get() == LiveTarget.State.ERROR)
                    .map(t -> t.errorProperty().get()).findFirst().orElse(""));
        } else {
            error.set("");
        }
    }

    // ---- LiveController.Listener -------------------------------------------------------------

    @Override
    public void progress(double fraction, String message) {
        status.busy(fraction, message);
    }

    @Override
    public void targetFailed(LiveTarget target, String message) {
        status.idle(message);
        updateError();
    }

    @Override
    public void unchanged(LiveTarget target, String task, long generation) {
        // a poll that was in flight while the user picked another source says nothing about it
        if (!(shown instanceof SourceRef.TaskRef r && r.target() == target && r.task().equals(task))) {
            return;
        }
        status.idle(task + ": no change since generation " + generation
                + (shownGeneration == generation ? " (" + clock(shownChangedAt) + ")" : ""));
    }

    void snapshotOpened(SnapshotSource s) {
        sources.snapshots().add(s);
        sources.selectSnapshot(s);
    }

    // ---- state -------------------------------------------------------------------------------

    public SourcesViewModel sources() { return sources; }
    public CapTreeViewModel tree() { return tree; }
    public DetailsViewModel details() { return details; }
    /** Number base, theme, map zoom, hidden columns: the user's view preferences. */
    public dev.capscope.app.ui.settings.ViewSettings view() { return view; }
    public StatusViewModel status() { return status; }
    public ProfileViewModel profile() { return profile; }
    public BooleanProperty liveRefreshProperty() { return liveRefresh; }
    public IntegerProperty intervalMillisProperty() { return intervalMillis; }
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
    public javafx.beans.property.ReadOnlyBooleanProperty liveShownProperty() { return liveShown.getReadOnlyProperty(); }
    public SourceRef shown() { return shown; }
    UiContext context() { return ctx; }
}
