package dev.capscope.core.snapshot;

import dev.capscope.core.json.SchemaVersions;
import dev.capscope.core.model.Snapshot;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The snapshot format's version: written as "schemaVersion", absent in format 1.0 files (which
 * still read), a newer major refused before anything else, a newer minor read with a hint when it
 * holds fields this Capscope does not know.
 */
class SnapshotVersionTest {
    private static final String VERSION_LINE = "  \"schemaVersion\": \"" + SchemaVersions.SNAPSHOT + "\",\n";
    private final Snapshot small = GoldenSnapshot.small();
    private final String current = new String(SnapshotWriter.toBytes(small), StandardCharsets.UTF_8);

    private static Snapshot read(String text) {
        return SnapshotReader.read("s.json", text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theWriterWritesTheCurrentVersion() {
        assertTrue(current.contains(VERSION_LINE), current);
        assertEquals(small, read(current));
    }

    @Test
    void aFormat10FileWithoutTheFieldReadsTheSame() {
        String old = current.replace(VERSION_LINE, "");
        assertEquals(small, read(old));
        assertEquals(current, new String(SnapshotWriter.toBytes(read(old)), StandardCharsets.UTF_8),
                "rewriting an old file adds only the version");
    }

    @Test
    void aNewerMajorIsRefusedWithWhatToDo() {
        // a format 2 file may mean anything by its fields: refused before they are read
        String newer = current.replace(VERSION_LINE, "  \"schemaVersion\": \"2.0\",\n").replace("\"schema\": 1", "\"schema\": 2");
        SnapshotFormatException e = assertThrows(SnapshotFormatException.class, () -> read(newer));
        assertEquals("schemaVersion", e.path());
        assertTrue(e.getMessage().startsWith("s.json:"), e.getMessage());
        assertTrue(e.getMessage().contains("snapshot format 2.0 is newer than the format 1.x this Capscope reads"),
                e.getMessage());
        assertTrue(e.getMessage().contains("Open it with a newer Capscope"), e.getMessage());
    }

    @Test
    void aNewerMinorReadsAndItsUnknownFieldsSayWhy() {
        String newerMinor = current.replace(VERSION_LINE, "  \"schemaVersion\": \"1.9\",\n");
        assertEquals(small, read(newerMinor));
        String withField = newerMinor.replace("\"task\":", "\"future\": 1, \"task\":");
        SnapshotFormatException e = assertThrows(SnapshotFormatException.class, () -> read(withField));
        assertTrue(e.getMessage().contains("unknown field \"future\""), e.getMessage());
        assertTrue(e.getMessage().contains("newer snapshot format"), e.getMessage());
    }

    @Test
    void aVersionThatIsNotOneIsNamed() {
        SnapshotFormatException number = assertThrows(SnapshotFormatException.class,
                () -> read(current.replace(VERSION_LINE, "  \"schemaVersion\": 1.1,\n")));
        assertTrue(number.getMessage().contains("schemaVersion is a decimal number, not a version string like \"1.1\""),
                number.getMessage());
        SnapshotFormatException text = assertThrows(SnapshotFormatException.class,
                () -> read(current.replace(VERSION_LINE, "  \"schemaVersion\": \"one\",\n")));
        assertTrue(text.getMessage().contains("schemaVersion \"one\" is not a version like"), text.getMessage());
    }
}
