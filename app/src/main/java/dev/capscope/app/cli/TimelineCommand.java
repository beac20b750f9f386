package dev.capscope.app.cli;

import dev.capscope.core.timeline.Moment;
import dev.capscope.core.text.TerminalText;
import dev.capscope.core.timeline.Recording;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code capscope timeline FILE [--json]}: the moments of a recording. */
@Command(name = "timeline", mixinStandardHelpOptions = true,
        description = {"List the moments of a recording: time, task, generation and a one-line summary of the change."
                + " A recording cut short (a crash) is read up to its last complete record, and the command says so."})
final class TimelineCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin VerboseOption verbose;

    @Parameters(paramLabel = "FILE", description = "Recording made by 'capscope record'")
    Path file;

    @Option(names = "--json", description = "Print JSON (docs/schema/timeline.schema.json): the recording's header, state and moments")
    boolean json;

    @Option(names = "--task", paramLabel = "NAME", description = "Only this task's moments")
    String task;

    @Override
    public Integer call() throws IOException {
        Recording r = Recording.read(file);
        var out = spec.commandLine().getOut();
        List<Moment> shown = r.moments().stream().filter(m -> task == null || m.task().equals(task)).toList();
        if (task != null && !r.tasks().contains(task)) {
            throw new IllegalArgumentException(file + " holds no task named '" + task + "' (it holds: "
                    + String.join(", ", r.tasks()) + ")");
        }
        if (json) {
            Json.print(out, tree(r, shown));
        } else {
            out.printf("%s: %s, %d moments, %s%n", TerminalText.escape(file.toString()),
                    TerminalText.escape(String.valueOf(r.header().endpoint())), r.moments().size(),
                    TerminalText.escape(state(r)));
            for (Moment m : shown) {
                out.printf("%5d  %s  %+9.3fs  %-32s %8s  %s%n", m.index(), m.time(), offset(r, m),
                        TerminalText.escape(m.task()), m.generation() < 0 ? "-" : Long.toString(m.generation()),
                        m.full() ? "full walk" : TerminalText.escape(m.summary()));
            }
        }
        if (!r.complete()) {
            spec.commandLine().getErr().println("capscope: warning: " + TerminalText.escape(file + " " + state(r)));
        }
        out.flush();
        return 0;
    }

    private static String state(Recording r) {
        if (r.complete()) {
            return "complete";
        }
        return r.damage() == null ? "without an end record (the recorder did not stop cleanly); read to its end"
                : "read up to its last complete record: " + r.damage();
    }

    private static double offset(Recording r, Moment m) {
        return Duration.between(r.header().startedAt(), m.time()).toNanos() / 1e9;
    }

    private static Map<String, Object> tree(Recording r, List<Moment> shown) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put(dev.capscope.core.json.SchemaVersions.FIELD, dev.capscope.core.json.SchemaVersions.TIMELINE);
        root.put("file", r.source());
        root.put("endpoint", r.header().endpoint());
        root.put("kernel", r.header().kernel());
        root.put("profile", r.header().profile());
        root.put("startedAt", r.header().startedAt().toString());
        root.put("complete", r.complete());
        root.put("damage", r.damage());
        root.put("validBytes", r.validBytes());
        root.put("tasks", List.copyOf(r.tasks()));
        List<Object> moments = new ArrayList<>();
        for (Moment m : shown) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("index", m.index());
            x.put("time", m.time().toString());
            x.put("offsetSeconds", offset(r, m));
            x.put("task", m.task());
            x.put("generation", m.generation() < 0 ? null : m.generation());
            x.put("type", m.delta() == null ? "gone" : m.full() ? "full" : "delta");
            x.put("summary", m.full() ? "full walk" : m.summary());
            if (m.delta() != null) {
                x.put("slotsSet", m.delta().slots().size());
                x.put("slotsRemoved", m.delta().slotsRemoved().size());
                x.put("capMapSet", m.delta().capMap().size());
                x.put("capMapRemoved", m.delta().capMapRemoved().size());
            }
            moments.add(x);
        }
        root.put("moments", moments);
        return root;
    }
}
