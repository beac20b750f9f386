package dev.capscope.app.cli;

import dev.capscope.core.model.Snapshot;
import dev.capscope.core.snapshot.SnapshotWriter;
import dev.capscope.core.timeline.Moment;
import dev.capscope.core.timeline.Recording;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;

/** {@code capscope snapshot --from RECORDING --at GEN|TIME [--task NAME] -o OUT}: one moment as a snapshot. */
final class RecordingExtract {
    private RecordingExtract() {
    }

    static int run(SnapshotCommand c) throws IOException {
        if (c.from == null || c.at == null) {
            throw new IllegalArgumentException("extracting from a recording needs both --from RECORDING and --at GEN|TIME");
        }
        if (c.live.given()) {
            throw new IllegalArgumentException("--from reads a recording; leave out --target");
        }
        Recording r = Recording.read(c.from);
        Set<String> tasks = r.tasks();
        String task = c.task;
        if (task == null) {
            if (tasks.size() != 1) {
                throw new IllegalArgumentException(c.from + " holds " + tasks.size() + " tasks; name one with --task ("
                        + String.join(", ", tasks) + ")");
            }
            task = tasks.iterator().next();
        } else if (!tasks.contains(task)) {
            throw new IllegalArgumentException(c.from + " holds no task named '" + task + "' (it holds: "
                    + String.join(", ", tasks) + ")");
        }
        Moment m = moment(r, task, c.at.trim());
        Snapshot snapshot = r.snapshot(m, "capscope " + VersionProvider.version());
        if (c.name != null) {
            var meta = snapshot.meta();
            snapshot = new Snapshot(new dev.capscope.core.model.SnapshotMeta(meta.schemaVersion(), c.name,
                    meta.takenAt(), meta.endpoint(), meta.task(), meta.kernel(), meta.profile(), meta.toolVersion()),
                    snapshot.space());
        }
        SnapshotWriter.write(snapshot, c.output);
        if (!r.complete()) {
            c.spec.commandLine().getErr().println("capscope: warning: " + c.from + " was read up to its last complete"
                    + " record" + (r.damage() == null ? "" : " (" + r.damage() + ")"));
        }
        var out = c.spec.commandLine().getOut();
        out.printf("%s: task '%s' at generation %d (%s), %d valid caps, %d cap-map entries, %d threads%n",
                dev.capscope.core.text.TerminalText.escape(c.output.toString()),
                dev.capscope.core.text.TerminalText.escape(task), m.generation(), m.time(), snapshot.space().slots().size(), snapshot.space().capMap().size(),
                snapshot.space().threads().size());
        out.flush();
        return 0;
    }

    private static Moment moment(Recording r, String task, String at) {
        if (at.matches("\\d+")) {
            return r.atGeneration(task, Long.parseLong(at));
        }
        if (at.startsWith("+")) {
            String secs = at.substring(1).replaceFirst("s$", "");
            try {
                double s = Double.parseDouble(secs);
                return r.atTime(task, r.header().startedAt().plusNanos(Math.round(s * 1e9)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--at " + at + " is not +SECONDS (e.g. +12.5)");
            }
        }
        try {
            return r.atTime(task, Instant.parse(at));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--at " + at + " is neither a generation (a whole number), a time like"
                    + " 2026-11-29T22:10:00Z, nor +SECONDS from the recording's start");
        }
    }
}
