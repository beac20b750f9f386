package dev.capscope.app.cli;

import dev.capscope.app.schema.JsonSchemas;
import dev.capscope.bridge.BridgeTarget;
import dev.capscope.bridge.CapsimProcess;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.Snapshot;
import dev.capscope.core.model.SnapshotMeta;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.profile.ProfileRegistry;
import dev.capscope.core.snapshot.SnapshotReader;
import dev.capscope.core.snapshot.SnapshotWriter;
import dev.capscope.core.timeline.Moment;
import dev.capscope.core.timeline.Recorder;
import dev.capscope.core.timeline.Recording;
import dev.capscope.core.timeline.RecordingWriter;
import dev.capscope.core.timeline.TimelineRecord;
import dev.capscope.core.walk.Walker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A recording of capsim under stepped churn replays every moment exactly: after each churn step the
 * test waits (on the recorder's own notice, no sleeping) until the recorder has the new generations,
 * walks every task itself over a second connection, and at the end compares each of those walks with
 * the moment extracted from the file (in memory for all, through 'capscope snapshot --from' and
 * 'capscope diff' for some).
 */
class RecordReplayTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int STEPS = 60;

    @TempDir
    Path tmp;

    /** Generations the recorder has written, per task; waited on by the test thread. */
    private final Map<String, Long> recorded = new HashMap<>();

    private synchronized void noteRecorded(String task, long generation) {
        recorded.put(task, generation);
        notifyAll();
    }

    private synchronized void awaitRecorded(Map<String, Long> expected) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!expected.entrySet().stream().allMatch(e -> e.getValue().equals(recorded.get(e.getKey())))) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("the recorder did not record " + expected + " (has " + recorded + ")");
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    @Test
    void everyMomentOfAChurnRecordingEqualsAWalkTakenAtThatMoment() throws Exception {
        LayoutProfile profile = ProfileRegistry.builtin().get("genode-foc-19");
        Path file = tmp.resolve("churn.caprec");
        try (CapsimProcess capsim = CapsimProcess.start(
                CapsimProcess.Options.of(CapsimProcess.findScenario("gui-stack")), WAIT);
             BridgeTarget recordSide = BridgeTarget.connect(capsim.uri(), WAIT);
             BridgeTarget checkSide = BridgeTarget.connect(capsim.uri(), WAIT)) {
            List<String> tasks = checkSide.info().tasks().stream().map(t -> t.name()).toList();
            RecordingWriter writer = RecordingWriter.create(file, new TimelineRecord.Header(1, capsim.uri(), "l4sim",
                    profile.name(), Instant.now(), "test"));
            Recorder recorder = new Recorder(recordSide, profile, null, writer,
                    c -> noteRecorded(c.task(), c.delta().generation()), Duration.ofMillis(5), Clock.systemUTC());
            Thread thread = new Thread(() -> {
                try (writer) {
                    recorder.run(null);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, "recorder");
            thread.start();

            Map<String, CapSpace> references = new LinkedHashMap<>();
            Walker walker = new Walker(checkSide);
            for (int step = 0; step <= STEPS; step++) {
                if (step > 0) {
                    capsim.send("churn-step");
                    String ok = capsim.awaitLine(l -> l.startsWith("ok") || l.startsWith("error"), WAIT);
                    assertTrue(ok.startsWith("ok"), ok);
                }
                Map<String, Long> now = new HashMap<>();
                for (String t : tasks) {
                    now.put(t, checkSide.generation(t));
                }
                awaitRecorded(now);
                for (String t : tasks) {
                    CapSpace space = walker.walk(t, profile);
                    references.putIfAbsent(t + "@" + space.generation(), space);
                }
            }
            recorder.stop();
            thread.join(WAIT.toMillis());
            assertTrue(!thread.isAlive(), "the recorder stopped");

            Recording r = Recording.read(file);
            assertTrue(r.complete(), r.damage());
            Map<String, Integer> types = JsonSchemas.assertRecordingValid(file);
            assertEquals(tasks.size(), types.get("full"), "one full walk per task: " + types);
            assertTrue(types.getOrDefault("delta", 0) >= STEPS, "deltas: " + types);
            assertEquals(1, types.get("end"), types.toString());
            assertTrue(references.size() > STEPS, "every step changed at least one task: " + references.size());
            int viaCli = 0;
            for (Map.Entry<String, CapSpace> e : references.entrySet()) {
                CapSpace want = e.getValue();
                Moment m = r.atGeneration(want.taskName(), want.generation());
                assertEquals(want, r.spaceAt(m.index()), e.getKey());
                if (viaCli++ % 15 == 0) {
                    checkThroughCli(file, want);
                }
            }
            CliRun timeline = CliRun.of("timeline", file.toString());
            assertEquals(0, timeline.exit(), timeline.err());
            assertTrue(timeline.out().contains(r.moments().size() + " moments, complete"), timeline.out());
        }
    }

    /** snapshot --from ... --at GEN, then diff against the reference: no difference. */
    private void checkThroughCli(Path recording, CapSpace want) throws Exception {
        Path out = tmp.resolve("moment-" + want.generation() + ".json");
        CliRun x = CliRun.of("snapshot", "--from", recording.toString(), "--at", Long.toString(want.generation()),
                "--task", want.taskName(), "-o", out.toString());
        assertEquals(0, x.exit(), x.err());
        Snapshot got = SnapshotReader.read(out);
        assertEquals(want, got.space());
        Path ref = tmp.resolve("reference-" + want.generation() + ".json");
        SnapshotWriter.write(new Snapshot(new SnapshotMeta(1, "reference", Instant.now(), "test", want.taskName(),
                "l4sim", want.profile(), "test"), want), ref);
        CliRun diff = CliRun.of("diff", ref.toString(), out.toString());
        assertEquals(0, diff.exit(), diff.out());
        assertTrue(Files.size(out) > 0);
    }

    @Test
    void recordCommandWritesAFileTheTimelineAndExtractionRead() throws java.io.IOException {
        try (CapsimProcess capsim = CapsimProcess.start(
                CapsimProcess.Options.of(CapsimProcess.findScenario("log-client")).churn(50, 3), WAIT)) {
            Path file = tmp.resolve("cli.caprec");
            CliRun rec = CliRun.of("record", "--target", capsim.uri(), "--task", "init -> log_client", "-o",
                    file.toString(), "--duration", "1");
            assertEquals(0, rec.exit(), rec.err());
            assertTrue(rec.out().contains("1 task(s)"), rec.out());
            Map<String, Integer> types = JsonSchemas.assertRecordingValid(file);
            assertEquals(1, types.get("header"), types.toString());
            assertEquals(1, types.get("full"), types.toString());
            assertEquals(1, types.get("end"), types.toString());
            CliRun again = CliRun.of("record", "--target", capsim.uri(), "--all", "-o", file.toString(), "--duration", "1");
            assertEquals(2, again.exit());
            assertTrue(again.err().contains("never overwritten"), again.err());
            CliRun json = CliRun.of("timeline", file.toString(), "--json");
            assertEquals(0, json.exit(), json.err());
            assertTrue(json.out().contains("\"schemaVersion\" : \"" + dev.capscope.core.json.SchemaVersions.TIMELINE + "\"") && json.out().contains("\"complete\" : true"), json.out());
            List<Moment> moments = Recording.read(file).moments();
            Moment last = moments.get(moments.size() - 1);
            CliRun x = CliRun.of("snapshot", "--from", file.toString(), "--at", last.time().plusMillis(1).toString(),
                    "-o", tmp.resolve("x.json").toString());
            assertEquals(0, x.exit(), x.err());
            assertEquals(last.generation(), SnapshotReader.read(tmp.resolve("x.json")).space().generation());
            CliRun bad = CliRun.of("snapshot", "--from", file.toString(), "--at", "soon", "-o", tmp.resolve("y.json").toString());
            assertEquals(2, bad.exit());
            assertTrue(bad.err().contains("--at soon is neither a generation"), bad.err());
        }
    }
}
