package dev.capscope.app.cli;

import dev.capscope.app.schema.JsonSchemas;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.snapshot.SnapshotReader;
import dev.capscope.core.timeline.NewerRecordingException;
import dev.capscope.core.timeline.RecordFormatException;
import dev.capscope.core.timeline.Recording;
import dev.capscope.core.timeline.RecordingFile;
import dev.capscope.core.timeline.RecordingWriter;
import dev.capscope.core.timeline.TimelineRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The recording file's contract (docs/schema/recording.schema.json): every record kind the writer
 * writes matches the schema, a recording written in the format of today keeps reading, and a header
 * of a newer format is refused as newer, in one sentence naming the file.
 */
class RecordingFormatTest {
    /** Written by 'capscope record' (capsim, log-client with churn) in recording format 1; never rewrite it. */
    static final Path FORMAT_1 = Path.of("src/test/resources/recordings/log-client-format-1.caprec");
    private static final Instant T0 = Instant.parse("2026-02-03T10:15:30Z");

    @TempDir
    Path tmp;

    @Test
    void everyRecordKindTheWriterWritesMatchesTheSchema() throws Exception {
        CapSpace before = SnapshotReader.read(Path.of(CliRun.sample("log-client.json"))).space();
        CapSpace after = SnapshotReader.read(Path.of(CliRun.sample("log-client-after.json"))).space();
        Path file = tmp.resolve("all-kinds.caprec");
        try (RecordingWriter w = RecordingWriter.create(file, new TimelineRecord.Header(RecordingFile.SCHEMA_VERSION,
                "unix:/tmp/capsim.sock", "l4sim", "genode-foc-19", T0, "capscope test"))) {
            w.record("log_client", before, T0.plusSeconds(1));
            w.record("log_client", after, T0.plusSeconds(2));
            w.gone("log_client", T0.plusSeconds(3));
            w.finish(T0.plusSeconds(4));
        }
        assertEquals(Map.of("header", 1, "full", 1, "delta", 1, "gone", 1, "end", 1), JsonSchemas.assertRecordingValid(file));
        Recording r = Recording.read(file);
        assertTrue(r.complete(), r.damage());
        assertEquals(after, r.spaceAt(1));
    }

    /** A recording of today's format, committed as bytes: it reads, completely, and matches the schema. */
    @Test
    void aRecordingInTheCurrentFormatStillReads() throws Exception {
        Map<String, Integer> types = JsonSchemas.assertRecordingValid(FORMAT_1);
        assertEquals(1, types.get("header"));
        assertEquals(1, types.get("full"));
        assertTrue(types.getOrDefault("delta", 0) >= 3, types.toString());
        assertEquals(1, types.get("end"));
        Recording r = Recording.read(FORMAT_1);
        assertTrue(r.complete(), r.damage());
        assertEquals(RecordingFile.SCHEMA_VERSION, r.header().schemaVersion());
        assertEquals(List.of("init -> log_client"), List.copyOf(r.tasks()));
        int last = r.moments().size() - 1;
        CapSpace end = r.spaceAt(last);
        assertEquals(r.moments().get(last).generation(), end.generation());
        assertTrue(end.slots().size() > 5, "a whole space rebuilt from full + deltas: " + end.slots().size());
        CliRun timeline = CliRun.of("timeline", FORMAT_1.toString(), "--json");
        assertEquals(0, timeline.exit(), timeline.err());
        assertTrue(timeline.out().contains("\"complete\" : true"), timeline.out());
    }

    @Test
    void aHeaderOfANewerFormatIsRefusedAsNewerNamingTheFile() throws Exception {
        for (String version : new String[] {"2", "\"2.0\""}) {
            Path file = tmp.resolve("newer-" + version.replace("\"", "") + ".caprec");
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.write(RecordingFile.frame("{\"type\":\"header\",\"format\":\"capscope-recording\",\"schemaVersion\":"
                    + version + ",\"startedAt\":\"2026-02-03T10:15:30Z\",\"futureField\":true}"));
            b.write(RecordingFile.frame("{\"type\":\"end\",\"time\":\"2026-02-03T10:15:31Z\"}"));
            Files.write(file, b.toByteArray());
            NewerRecordingException e = assertThrows(NewerRecordingException.class, () -> Recording.read(file));
            assertEquals(file + ": the recording format version 2 is newer than this Capscope reads (1); open it with"
                    + " a newer Capscope", e.getMessage());
            CliRun cli = CliRun.of("timeline", file.toString());
            assertEquals(2, cli.exit());
            assertEquals("", cli.out());
            assertEquals("capscope: " + e.getMessage() + "\n", cli.err());
        }
        Path zero = tmp.resolve("zero.caprec");
        Files.write(zero, RecordingFile.frame("{\"type\":\"header\",\"format\":\"capscope-recording\",\"schemaVersion\":0,"
                + "\"startedAt\":\"2026-02-03T10:15:30Z\"}"));
        RecordFormatException bad = assertThrows(RecordFormatException.class, () -> Recording.read(zero));
        assertFalse(bad instanceof NewerRecordingException, bad.getMessage());
        assertTrue(bad.getMessage().contains("is not a Capscope recording") && bad.getMessage().contains("schemaVersion"),
                bad.getMessage());
    }

    @Test
    void theSchemaRejectsRecordsTheReaderRefuses() {
        String header = "{\"type\":\"header\",\"format\":\"capscope-recording\",\"schemaVersion\":1,"
                + "\"startedAt\":\"2026-02-03T10:15:30Z\"}";
        assertEquals(List.of(), JsonSchemas.violations("recording", header));
        assertFalse(JsonSchemas.violations("recording", header.replace("\"format\":\"capscope-recording\",", "")).isEmpty());
        assertFalse(JsonSchemas.violations("recording", header.replace("\"schemaVersion\":1", "\"schemaVersion\":2")).isEmpty());
        assertFalse(JsonSchemas.violations("recording", "{\"type\":\"snapshot\",\"time\":\"2026-02-03T10:15:30Z\"}").isEmpty());
        String delta = "{\"type\":\"delta\",\"task\":\"t\",\"time\":\"2026-02-03T10:15:30Z\",\"generation\":3,"
                + "\"profile\":null,\"slots\":[{\"selector\":1,\"kind\":\"Task\",\"rights\":\"RWS\",\"role\":\"task\"}],"
                + "\"slotsRemoved\":[],\"capMap\":[],\"capMapRemoved\":[770],\"threads\":[],\"threadsRemoved\":[],"
                + "\"slotsAdded\":1,\"entriesAdded\":0}";
        assertEquals(List.of(), JsonSchemas.violations("recording", delta));
        assertFalse(JsonSchemas.violations("recording", delta.replace("\"RWS\"", "\"X\"")).isEmpty(), "rights");
        assertFalse(JsonSchemas.violations("recording", delta.replace("[770]", "[\"770\"]")).isEmpty(), "numbers as numbers");
        assertFalse(JsonSchemas.violations("recording", delta.replace(",\"entriesAdded\":0", "")).isEmpty(), "required");
        for (String broken : new String[] {delta.replace("\"RWS\"", "\"X\""), delta.replace(",\"entriesAdded\":0", "")}) {
            assertThrows(RecordFormatException.class, () -> dev.capscope.core.timeline.RecordCodec.decode(broken));
        }
    }
}
