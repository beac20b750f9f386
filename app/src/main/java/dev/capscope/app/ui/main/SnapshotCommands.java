package dev.capscope.app.ui.main;

import dev.capscope.app.ui.UiContext;
import dev.capscope.app.ui.service.FileErrors;
import dev.capscope.app.ui.sources.SnapshotSource;
import dev.capscope.app.ui.sources.SourceRef;
import dev.capscope.app.ui.task.BackgroundTask;
import dev.capscope.app.ui.sources.LiveTarget;
import dev.capscope.app.ui.task.Lanes;
import dev.capscope.core.model.Snapshot;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.snapshot.SnapshotCapture;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Open, take and save snapshots: file work on the worker, errors as dialogs, the app keeps working. */
public final class SnapshotCommands {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private final UiContext ctx;
    private final MainViewModel main;

    SnapshotCommands(UiContext ctx, MainViewModel main) {
        this.ctx = ctx;
        this.main = main;
    }

    public void open() {
        ctx.dialogs().chooseSnapshotToOpen().ifPresent(this::openFile);
    }

    /** Reads the file on the files lane; the Cancel button drops what was read. */
    public void openFile(Path file) {
        main.status().busy(-1, "reading " + file.getFileName());
        var work = main.status().work();
        BackgroundTask<Snapshot> job = BackgroundTask.wrap("open " + file, () -> ctx.snapshots().read(file));
        job.onSuccess(s -> {
                    ctx.recent().rememberFile(file.toString());
                    main.snapshotOpened(new SnapshotSource(file, s));
                })
                .onFailure(e -> {
                    main.status().idle("Could not open " + file.getFileName());
                    FileErrors.Text t = FileErrors.reading(file, e, "Open another snapshot (Ctrl+O).");
                    ctx.dialogs().showError("Cannot open snapshot", t.whatHappened(), t.whatToDo());
                })
                .onCancelled(() -> main.status().idle("Opening " + file.getFileName() + " cancelled; nothing was opened."))
                .onFinished(() -> work.ended(job))
                .onLane(Lanes.FILES);
        work.started(job, "loading of " + file.getFileName());
        job.executeWith(ctx.runner());
    }

    /**
     * Takes a snapshot of the shown live task through the core's {@link SnapshotCapture} (a fresh
     * walk on the target's lane, cancellable), keeps it in the sources, then asks where to save it.
     */
    public void take() {
        if (!(main.shown() instanceof SourceRef.TaskRef r) || r.target().target() == null
                || r.target().stateProperty().get() != LiveTarget.State.CONNECTED) {
            ctx.dialogs().showError("Take snapshot", "No live task of a connected target is shown.",
                    "Pick a task of a live target in the sources pane, then take the snapshot (Ctrl+S).");
            return;
        }
        Instant now = Instant.ofEpochMilli(ctx.timer().nowMillis());
        String name = r.task() + "-" + STAMP.format(now);
        LayoutProfile profile = main.profile().effectiveProperty().get();
        var capture = ctx.walks().capture(r.target().target(), uiClock());
        var request = new SnapshotCapture.Request(r.task(), profile != null ? profile : ctx.walks().defaultProfile(),
                name, false, dev.capscope.app.cli.VersionProvider.toolVersion());
        var work = main.status().work();
        main.status().busy(-1, "taking a snapshot of " + r.task());
        BackgroundTask<Snapshot> job = BackgroundTask.wrapWithProgress("snapshot " + r.task(), p ->
                capture.take(request, (phase, f) -> p.update(f, phase.description()), p.cancellation()));
        job.onProgress(main.status()::busy)
                .onSuccess(snap -> {
                    main.status().idle("Took snapshot " + name + " (" + snap.space().slots().size() + " valid caps)");
                    // Kept (unsaved) in the sources and on the timeline even if the user does not save it now.
                    main.sources().snapshots().add(new SnapshotSource(null, snap));
                    ctx.dialogs().chooseSnapshotToSave(fileName(name)).ifPresent(file -> save(snap, file));
                })
                .onFailure(e -> {
                    main.status().idle("The snapshot of " + r.task() + " was not taken");
                    ctx.dialogs().showError("Cannot take the snapshot", "Walking task '" + r.task() + "' at "
                            + r.target().title() + " failed: " + e.getMessage(),
                            "Reconnect the target (Ctrl+R) if it is gone, then take the snapshot again (Ctrl+S).");
                })
                .onCancelled(() -> main.status().idle("Snapshot of " + r.task() + " cancelled; nothing was taken or saved."))
                .onFinished(() -> work.ended(job))
                .onLane(Lanes.target(r.target().endpoint()));
        work.started(job, "snapshot of " + r.task());
        job.executeWith(ctx.runner());
    }

    /** The UI timer as a clock, so a snapshot's time is the window's time (a hand-driven clock in tests). */
    private Clock uiClock() {
        return new Clock() {
            @Override public ZoneId getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(ZoneId zone) { return this; }
            @Override public Instant instant() { return Instant.ofEpochMilli(ctx.timer().nowMillis()); }
        };
    }

    /**
     * The file name offered for a snapshot: its name without what a shell trips over
     * ("init -> timer-20260101-120000" -> "init-timer-20260101-120000.json").
     */
    static String fileName(String snapshotName) {
        String n = snapshotName.replaceAll("\\s*->\\s*", "-").replaceAll("[^A-Za-z0-9._-]+", "_");
        return (n.isEmpty() ? "snapshot" : n) + ".json";
    }

    /** Save (to its file, or asking when unsaved) or Save as (always asking) the snapshot selected in the sources. */
    public void saveSelected(boolean as) {
        if (!(main.sources().selectedProperty().get() instanceof SourceRef.SnapshotRef r)) {
            ctx.dialogs().showError("Save snapshot", "No snapshot is selected.",
                    "Select a snapshot in the sources pane (or take one with Ctrl+S), then save it.");
            return;
        }
        SnapshotSource s = r.source();
        if (s.file() != null && !as) {
            save(s.snapshot(), s.file());
        } else {
            ctx.dialogs().chooseSnapshotToSave(fileName(s.snapshot().meta().name())).ifPresent(f -> save(s.snapshot(), f));
        }
    }

    public void save(Snapshot snap, Path file) {
        BackgroundTask.wrap("save " + file, () -> {
                    ctx.snapshots().write(snap, file);
                    return file;
                })
                .onSuccess(f -> {
                    ctx.recent().rememberFile(f.toString());
                    SnapshotSource saved = new SnapshotSource(f, snap);
                    var list = main.sources().snapshots();
                    int i = indexOf(list, snap);
                    boolean wasSelected = i >= 0 && main.sources().selectedProperty().get()
                            instanceof SourceRef.SnapshotRef r && r.source() == list.get(i);
                    if (i >= 0) list.set(i, saved); else list.add(saved);
                    if (wasSelected) main.sources().selectSnapshot(saved);
                    main.status().idle("Saved snapshot " + snap.meta().name() + " to " + f);
                })
                .onFailure(e -> {
                    FileErrors.Text t = FileErrors.writing(file, e, "Choose another folder or name, then save again.");
                    ctx.dialogs().showError("Cannot save snapshot", t.whatHappened(), t.whatToDo());
                })
                .executeWith(ctx.runner());
    }

    /** Index of the source holding this very snapshot (unsaved, or saved before), or -1. */
    private static int indexOf(java.util.List<SnapshotSource> list, Snapshot snap) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).snapshot() == snap) return i;
        }
        return -1;
    }
}
