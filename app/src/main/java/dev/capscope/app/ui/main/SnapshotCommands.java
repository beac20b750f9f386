package dev.capscope.app.ui.main;

import dev.capscope.app.ui.UiContext;
import dev.capscope.app.ui.service.FileErrors;
import dev.capscope.app.ui.sources.SnapshotSource;
import dev.capscope.app.ui.sources.SourceRef;
import dev.capscope.app.ui.task.BackgroundTask;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.Snapshot;
import dev.capscope.core.model.SnapshotMeta;

import java.nio.file.Path;
import java.time.Instant;
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

    public void openFile(Path file) {
        main.status().busy(-1, "reading " + file.getFileName());
        BackgroundTask.wrap("open " + file, () -> ctx.snapshots().read(file))
                .onSuccess(s -> {
                    ctx.recent().rememberFile(file.toString());
                    main.snapshotOpened(new SnapshotSource(file, s));
                })
                .onFailure(e -> {
                    main.status().idle("Could not open " + file.getFileName());
                    FileErrors.Text t = FileErrors.reading(file, e, "Open another snapshot (Ctrl+O).");
                    ctx.dialogs().showError("Cannot open snapshot", t.whatHappened(), t.whatToDo());
                })
                .executeWith(ctx.runner());
    }

    /** Takes a snapshot of the shown live task, asks where to save it, writes it atomically. */
    public void take() {
        CapSpace space = main.tree().spaceProperty().get();
        if (!(main.shown() instanceof SourceRef.TaskRef r) || space == null) {
            ctx.dialogs().showError("Take snapshot", "No live task is shown.",
                    "Pick a task of a live target in the sources pane, then take the snapshot (Ctrl+S).");
            return;
        }
        Instant now = Instant.ofEpochMilli(ctx.timer().nowMillis());
        String name = r.task() + "-" + STAMP.format(now);
        var info = r.target().infoProperty().get();
        var profile = main.profile().effectiveProperty().get();
        Snapshot snap = new Snapshot(SnapshotMeta.taken(name, now, r.target().endpoint(), r.task(),
                info == null ? null : info.kernel(), profile == null ? null : profile.name(),
                dev.capscope.app.cli.VersionProvider.toolVersion(), false), space);
        // Kept (unsaved) in the sources and on the timeline even if the user does not save it now.
        main.sources().snapshots().add(new SnapshotSource(null, snap));
        ctx.dialogs().chooseSnapshotToSave(fileName(name)).ifPresent(file -> save(snap, file));
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
