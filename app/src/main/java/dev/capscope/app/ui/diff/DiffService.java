package dev.capscope.app.ui.diff;

import dev.capscope.app.ui.service.WalkService;
import dev.capscope.app.ui.task.BackgroundTask;
import dev.capscope.core.diff.DiffEngine;
import dev.capscope.core.diff.DiffResult;
import dev.capscope.core.diff.MatchKey;
import dev.capscope.core.io.AtomicFile;
import dev.capscope.core.json.SortedJson;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.report.DiffReport;
import dev.capscope.core.target.Target;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The diff's work, on the background worker: read a side (a snapshot as it is, a live task by
 * walking it), compare with the core's {@link DiffEngine}, export through {@link DiffReport}
 * (the CLI's text and JSON) with an atomic write.
 */
public final class DiffService {
    private final WalkService walks;

    public DiffService(WalkService walks) {
        this.walks = walks;
    }

    /** A side read for comparison: its space and the profile it is read under. */
    public record Resolved(String title, CapSpace space, LayoutProfile profile) {
    }

    /**
     * What a side needs on the worker, captured on the UI thread: the snapshot's space, or the
     * live target (null when not connected) and the profile name it reports.
     */
    public record Request(DiffSide side, CapSpace snapshotSpace, String snapshotProfile, Target live,
                          String liveProfile) {
    }

    public Resolved resolve(Request r, BackgroundTask.Progress progress) {
        if (r.snapshotSpace() != null) {
            LayoutProfile p = walks.profiles().find(r.snapshotProfile()).orElse(walks.defaultProfile());
            return new Resolved(r.side().title(), r.snapshotSpace(), p);
        }
        if (r.live() == null) {
            throw new IllegalStateException(r.side().title() + " is not connected; reconnect the target (Ctrl+R) "
                    + "and compare again");
        }
        WalkService.WalkResult w = walks.walk(r.live(), r.side().task(), null, r.liveProfile(), progress);
        return new Resolved(r.side().title(), w.space(), w.profile());
    }

    /** Compares under the after side's profile (as the CLI does). */
    public DiffResult compare(Resolved baseline, Resolved after, MatchKey key) {
        return DiffEngine.forProfile(after.profile()).compare(baseline.space(), after.space(), key);
    }

    public static String text(DiffResult d, String baseline, String after) {
        return DiffReport.text(d, baseline, after, false);
    }

    public static String json(DiffResult d, String baseline, String after) {
        try {
            return SortedJson.write(DiffReport.tree(d, baseline, after, false)) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot render the diff as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Writes text atomically and durably ({@link AtomicFile}). */
    public static void writeAtomically(Path file, String content) throws IOException {
        AtomicFile.write(file, content);
    }
}
