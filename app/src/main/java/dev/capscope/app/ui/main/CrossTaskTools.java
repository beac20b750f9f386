package dev.capscope.app.ui.main;

import dev.capscope.app.ui.UiContext;
import dev.capscope.app.ui.diff.DiffSide;
import dev.capscope.app.ui.holders.HoldersService;
import dev.capscope.app.ui.holders.HoldersViewModel;
import dev.capscope.app.ui.recording.LiveRecordingViewModel;
import dev.capscope.app.ui.recording.MomentView;
import dev.capscope.app.ui.recording.RecordingViewModel;
import dev.capscope.app.ui.sources.LiveTarget;
import dev.capscope.app.ui.sources.SnapshotSource;
import dev.capscope.app.ui.sources.SourceRef;
import dev.capscope.app.ui.tree.CapTreeViewModel;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.profile.LayoutProfile;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The main window's tools that look beyond one walk: the holders window (all tasks of the shown
 * source joined), an open recording's moments in the tree, and recording the shown target live. Keeps {@link MainViewModel} to
 * sources and walks.
 */
final class CrossTaskTools {
    private final MainViewModel vm;
    private final UiContext ctx;
    private final HoldersService holdersService = new HoldersService();
    private final HoldersViewModel holders;
    private final RecordingViewModel recordings;
    private final LiveRecordingViewModel liveRecording;
    /** True while the tree shows a moment of a recording rather than a source. */
    private volatile boolean momentShown;

    CrossTaskTools(MainViewModel vm, UiContext ctx) {
        this.vm = vm;
        this.ctx = ctx;
        this.holders = new HoldersViewModel(ctx.runner(), ctx.dialogs(), vm::jumpTo);
        this.recordings = new RecordingViewModel(ctx.runner(), this::prepareMoment, this::showMoment,
                (a, b) -> vm.workflow().openDiff(new DiffSide.OfSnapshot(new SnapshotSource(null, a)),
                        new DiffSide.OfSnapshot(new SnapshotSource(null, b))));
        this.liveRecording = new LiveRecordingViewModel(ctx.runner(), ctx.connector(), ctx.dialogs(),
                this::recordable, this::openRecording);
        vm.tree().selectedSelectorProperty().addListener((o, a, b) -> {
            if (momentShown) recordings.followSelector(b.intValue());
        });
    }

    /**
     * A live task's target is walked whole, on the worker; a snapshot knows only its own task.
     */
    void showHolders(SourceRef shown, int selector) {
        if (shown instanceof SourceRef.TaskRef r && r.target().target() != null) {
            LiveTarget t = r.target();
            LayoutProfile effective = vm.profile().effectiveProperty().get();
            LayoutProfile p = effective != null ? effective : ctx.walks().defaultProfile();
            holders.show(r.task(), selector, dev.capscope.app.ui.task.Lanes.target(t.endpoint()),
                    () -> holdersService.ofTarget(t.target(), p));
        } else if (shown instanceof SourceRef.SnapshotRef s) {
            CapSpace space = s.source().snapshot().space();
            holders.show(space.taskName(), selector, () -> holdersService.ofSpace(space));
        } else {
            vm.status().idle("Holders: show a live task or a snapshot first");
        }
    }

    /** The shown live task, if its target is attached: what Record would record. */
    private Optional<LiveRecordingViewModel.Subject> recordable() {
        if (vm.shown() instanceof SourceRef.TaskRef r && r.target().stateProperty().get() == LiveTarget.State.CONNECTED) {
            LayoutProfile effective = vm.profile().effectiveProperty().get();
            return Optional.of(new LiveRecordingViewModel.Subject(r.target().endpoint(), r.task(),
                    effective != null ? effective : ctx.walks().defaultProfile()));
        }
        return Optional.empty();
    }

    void openRecording(Path file) {
        recordings.open(file, e -> ctx.dialogs().showError("Cannot open the recording",
                file + ": " + e.getMessage(), "Open a file written by 'capscope record'."));
    }

    /** Another source went on screen. */
    void sourceShown() {
        momentShown = false;
    }

    /** Builds the tree frame of a replayed moment (worker thread). */
    private CapTreeViewModel.Frame prepareMoment(CapSpace space) {
        LayoutProfile p = ctx.walks().profiles().find(space.profile()).orElse(ctx.walks().defaultProfile());
        return vm.tree().prepare(space, vm.builder(p), vm.lint(space, p), momentShown, ctx.timer().nowMillis());
    }

    private void showMoment(MomentView v) {
        vm.leaveSource();
        momentShown = true;
        vm.tree().apply(v.frame());
        vm.status().sourceProperty().set("recording " + recordings.recordingProperty().get().source());
        vm.status().walkTimeProperty().set("");
        vm.status().idle(v.text());
        recordings.followSelector(vm.tree().selectedSelectorProperty().get());
    }

    HoldersViewModel holders() {
        return holders;
    }

    LiveRecordingViewModel liveRecording() {
        return liveRecording;
    }

    RecordingViewModel recordings() {
        return recordings;
    }
}
