package dev.capscope.app.bench;

import dev.capscope.app.cli.CapscopeCli;
import dev.capscope.bridge.CapsimProcess;
import dev.capscope.core.timeline.Moment;
import dev.capscope.core.timeline.Recording;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Figures for a recording of capsim's gui-stack under timed churn: bytes of the first full walks,
 * bytes per recorded change and per minute. Prints; asserts nothing.
 * Run: {@code java -cp <app test classpath> dev.capscope.app.bench.RecordingChurnFigures [SECONDS] [EVENTS_PER_SECOND]}.
 */
public final class RecordingChurnFigures {
    private RecordingChurnFigures() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        double rate = args.length > 1 ? Double.parseDouble(args[1]) : 10;
        Path dir = Files.createTempDirectory("capscope-churn");
        Path file = dir.resolve("churn.caprec");
        try (CapsimProcess capsim = CapsimProcess.start(
                CapsimProcess.Options.of(CapsimProcess.findScenario("gui-stack")).churn(rate, 1), Duration.ofSeconds(10))) {
            int exit = CapscopeCli.run(new String[]{"record", "--target", capsim.uri(), "--all", "-o", file.toString(),
                    "--duration", Integer.toString(seconds)}, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
            if (exit != 0) {
                System.exit(exit);
            }
        }
        Recording r = Recording.read(file);
        long fullBytes = 0;
        long deltaBytes = 0;
        int deltas = 0;
        long emptyDeltas = 0;
        for (Moment m : r.moments()) {
            long size = dev.capscope.core.timeline.RecordingFile.frame(
                    dev.capscope.core.timeline.RecordCodec.encode(new dev.capscope.core.timeline.TimelineRecord.Change(
                            m.full(), m.task(), m.time(), m.delta()))).length;
            if (m.full()) {
                fullBytes += size;
            } else {
                deltaBytes += size;
                deltas++;
                emptyDeltas += m.delta().empty() ? 1 : 0;
            }
        }
        double minutes = Duration.between(r.moments().get(0).time(), r.moments().get(r.moments().size() - 1).time())
                .toMillis() / 60000.0;
        System.out.printf("churn %.0f events/s for %d s on gui-stack (4 tasks): file %d bytes%n", rate, seconds,
                Files.size(file));
        System.out.printf("first full walks: %d bytes; %d changes recorded (%d with no visible difference), "
                + "%d bytes of deltas = %.0f bytes per change, %.0f bytes per minute of churn%n", fullBytes, deltas,
                emptyDeltas, deltaBytes, deltaBytes / (double) Math.max(1, deltas), deltaBytes / Math.max(1e-9, minutes));
        Files.delete(file);
        Files.delete(dir);
    }
}
