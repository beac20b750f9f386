package dev.capscope.app.ui.main;

import dev.capscope.app.ui.UiContext;
import dev.capscope.app.ui.live.LiveController;
import dev.capscope.app.ui.model.RowTreeBuilder;
import dev.capscope.app.ui.profile.ProfileViewModel;
import dev.capscope.app.ui.service.WalkService.WalkResult;
import dev.capscope.app.ui.sources.LiveTarget;
import dev.capscope.app.ui.sources.SnapshotSource;
import dev.capscope.app.ui.sources.SourceRef;
import dev.capscope.app.ui.sources.SourcesViewModel;
import dev.capscope.app.ui.status.StatusViewModel;
import dev.capscope.app.ui.tree.CapTreeViewModel;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.profile.SelectorLayout;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.List;
import java.util.Map;

/**
 * The source on screen (a live task or a snapshot): shows it, walks a live one and applies the
 * walk, and says in the status line what moved since when. Owns the error banner's text.
 */
final class ShownSource {
    private final UiContext ctx;
    private final SourcesViewModel sources;
    private final CapTreeViewModel tree;
    private final StatusViewModel status;
    private final ProfileViewModel profile;
    private final LiveController live;
    private final Runnable onSourceShown;
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    /** True while a live task is shown: Refresh and Live refresh only make sense then. */
    private final ReadOnlyBooleanWrapper liveShown = new ReadOnlyBooleanWrapper();
    private SourceRef shown;
    /** Generation of the shown live task at its last applied walk, and when it last moved (-1: not yet). */
    private long shownGeneration = -1;
    private long shownChangedAt;
    /** A selector to select once the task being switched to has been walked (a jump from the holders window). */
    private int pendingSelector = -1;
    private RowTreeBuilder builder;
    /** The shown task's walk was cancelled: live refresh leaves it alone until it is walked on request. */
    private boolean cancelled;

    ShownSource(UiContext ctx, SourcesViewModel sources, CapTreeViewModel tree, StatusViewModel status,
                ProfileViewModel profile, LiveController live, Runnable onSourceShown) {
        this.ctx = ctx;
        this.sources = sources;
        this.tree = tree;
        this.status = status;
        this.profile = profile;
        this.live = live;
        this.onSourceShown = onSourceShown;
    }

    SourceRef get() {
        return shown;
    }

    void show(SourceRef ref) {
        shown = ref;
        cancelled = false;
        onSourceShown.run();
        shownGeneration = -1;
        liveShown.set(ref instanceof SourceRef.TaskRef);
        updateError();
        if (ref instanceof SourceRef.TaskRef r) {
            status.sourceProperty().set(r.task() + " @ " + r.target().title());
            walk(false, false);
        } else if (ref instanceof SourceRef.SnapshotRef s) {
            showSnapshot(s.source());
        } else {
            tree.clear();
        }
    }

    private void showSnapshot(SnapshotSource src) {
        status.sourceProperty().set("snapshot " + src.title());
        LayoutProfile p = ctx.walks().profiles().find(src.snapshot().meta().profile())
                .orElse(ctx.walks().defaultProfile());
        CapSpace space = src.snapshot().space();
        profile.sourceProfile(p, ctx.walks().guess(space, p));
        LayoutProfile eff = profile.effectiveProperty().get();
        tree.show(space, builder(eff), lint(space, eff), false, ctx.timer().nowMillis());
        status.walkTimeProperty().set("");
        status.idle("Showing snapshot " + src.title() + " (taken " + src.snapshot().meta().takenAt() + ")");
    }

    /** A recording's moment goes on screen: no source is shown any more, so live refresh leaves it alone. */
    void leave() {
        shown = null;
        liveShown.set(false);
    }

    /** Selects a task's selector: in the shown task at once, in another task of the target after its walk. */
    void jumpTo(String task, int selector) {
        if (shown instanceof SourceRef.TaskRef r && !r.task().equals(task)) {
            pendingSelector = selector;
            sources.selectTask(r.target(), task);
        } else {
            tree.selectSelector(selector);
        }
    }

    /** Walks the shown live task (nothing for a snapshot); with {@code onlyIfChanged}, only if its generation moved. */
    void walk(boolean onlyIfChanged, boolean sameSource) {
        if (!(shown instanceof SourceRef.TaskRef r)) {
            return;
        }
        SourceRef asked = shown;
        if (!onlyIfChanged) {
            cancelled = false;
            status.busy(0, "walking " + r.task());
        }
        // rows, live marks and map are built on the worker with the walk; the UI thread only applies them
        live.walk(r.target(), r.task(), profile.chosen(), onlyIfChanged,
                result -> tree.prepare(result.space(), builder(result.profile()), result.lint(), sameSource,
                        ctx.timer().nowMillis()),
                (result, frame) -> {
                    if (shown == asked) {
                        applyWalk(result, frame, sameSource);
                    }
                });
    }

    /** One live-refresh tick: walk the shown task again if its generation moved. */
    void liveTick() {
        if (!cancelled && shown instanceof SourceRef.TaskRef r
                && r.target().stateProperty().get() == LiveTarget.State.CONNECTED) {
            walk(true, true);
        }
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

    /** A poll found the task unchanged; one in flight while the user picked another source says nothing. */
    void unchanged(LiveTarget target, String task, long generation) {
        if (!(shown instanceof SourceRef.TaskRef r && r.target() == target && r.task().equals(task))) {
            return;
        }
        status.idle(task + ": no change since generation " + generation
                + (shownGeneration == generation ? " (" + clock(shownChangedAt) + ")" : ""));
    }

    /**
     * A walk the user asked for was cancelled. A task never walked since it was picked shows
     * nothing (not the previous source under its name); one walked before keeps its last walk.
     */
    void walkCancelled(LiveTarget target, String task) {
        if (!(shown instanceof SourceRef.TaskRef r && r.target() == target && r.task().equals(task))) {
            status.idle("Walk of " + task + " cancelled.");
            return;
        }
        cancelled = true;
        if (shownGeneration < 0) {
            tree.clear();
            status.walkTimeProperty().set("");
            status.idle("Walk of " + task + " cancelled; nothing of it is shown. Refresh (F5) to walk it again.");
        } else {
            status.idle("Walk of " + task + " cancelled; the tree still shows generation " + shownGeneration
                    + " (" + clock(shownChangedAt) + "). Refresh (F5) to walk it again.");
        }
    }

    /** Local wall-clock time of the UI timer, HH:mm:ss. */
    private static String clock(long millis) {
        return java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss")
                .format(java.time.Instant.ofEpochMilli(millis).atZone(java.time.ZoneId.systemDefault()));
    }

    /** One builder per profile, kept across walks: it reuses the rows of unchanged selectors. Any thread. */
    synchronized RowTreeBuilder builder(LayoutProfile p) {
        if (builder == null || !builder.profile().equals(p)) {
            SelectorLayout layout = SelectorLayout.of(p);
            builder = new RowTreeBuilder(p, layout::roleOf);
        }
        return builder;
    }

    Map<Integer, List<String>> lint(CapSpace space, LayoutProfile p) {
        return ctx.walks().lint(space, p);
    }

    void updateError() {
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

    ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty liveShownProperty() {
        return liveShown.getReadOnlyProperty();
    }
}
