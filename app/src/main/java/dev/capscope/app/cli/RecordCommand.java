package dev.capscope.app.cli;

import dev.capscope.bridge.BridgeTarget;
import dev.capscope.core.model.TargetInfo;
import dev.capscope.core.timeline.Recorder;
import dev.capscope.core.timeline.RecordingFile;
import dev.capscope.core.timeline.RecordingWriter;
import dev.capscope.core.timeline.TimelineRecord;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * {@code capscope record --target URI (--task NAME | --all) -o FILE [--duration S]}: a full walk of
 * each task, then a delta at every generation change, appended to FILE as it happens.
 */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = {"Record a live target's capability spaces over time: a full walk of each task first, then,"
                + " at every generation change, only what changed, appended to one file that stays readable up to"
                + " its last complete record whatever happens. Stops after --duration, or on Ctrl+C."})
final class RecordCommand implements Callable<Integer> {
    static final class Which {
        @Option(names = "--task", paramLabel = "NAME", description = "Record this task (repeatable)")
        List<String> tasks;

        @Option(names = "--all", description = "Record every task, including tasks that come and go")
        boolean all;
    }

    @Spec CommandSpec spec;
    @Mixin VerboseOption verbose;
    @Mixin LiveTargetOptions live;
    @Mixin ProfileOptions profiles;

    @ArgGroup(multiplicity = "1")
    Which which;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE",
            description = "Recording file to create (an existing file is never overwritten)")
    Path output;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Stop after this many seconds (default: on Ctrl+C)")
    Double duration;

    @Option(names = "--poll", paramLabel = "MS", defaultValue = "20",
            description = "How often to ask the target for generations, in milliseconds (default: ${DEFAULT-VALUE})")
    long pollMillis;

    @Override
    public Integer call() throws IOException {
        if (duration != null && (duration <= 0 || duration > 366 * 86400.0)) {
            throw new IllegalArgumentException("--duration " + duration + " is not a number of seconds above 0");
        }
        if (pollMillis < 1 || pollMillis > 60_000) {
            throw new IllegalArgumentException("--poll " + pollMillis + " is not in 1..60000 milliseconds");
        }
        var out = spec.commandLine().getOut();
        Set<String> seen = new TreeSet<>();
        try (BridgeTarget target = live.connect()) {
            TargetInfo info = target.info();
            var profile = LiveWalk.profile(profiles, target);
            if (which.tasks != null) {
                for (String t : which.tasks) {
                    target.generation(t); // an unknown task fails now, with the target's own sentence
                }
            }
            Instant start = Instant.now();
            try (RecordingWriter writer = RecordingWriter.create(output, new TimelineRecord.Header(
                    RecordingFile.SCHEMA_VERSION, info.endpoint(), info.kernel(), profile.name(), start,
                    "capscope " + VersionProvider.version()))) {
                Recorder recorder = new Recorder(target, profile, which.all ? null : which.tasks, writer,
                        c -> seen.add(c.task()), Duration.ofMillis(pollMillis), Clock.systemUTC());
                java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(1);
                Thread hook = new Thread(() -> { // Ctrl+C: stop, and let the end record reach the file
                    recorder.stop();
                    try {
                        finished.await(5, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "capscope-record-stop");
                Runtime.getRuntime().addShutdownHook(hook);
                try {
                    recorder.run(duration == null ? null : Duration.ofMillis(Math.round(duration * 1000)));
                } finally {
                    finished.countDown();
                    removeHook(hook);
                }
                double secs = Duration.between(start, Instant.now()).toMillis() / 1000.0;
                int deltas = writer.changes() - seen.size();
                out.printf("%s: %d task(s), %d full walk(s) and %d change(s) in %.1f s, %d bytes%n", output,
                        seen.size(), seen.size(), deltas, secs, writer.bytes());
            }
        }
        out.flush();
        return 0;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting because of Ctrl+C: the hook already stopped the recorder
        }
    }
}
