package dev.capscope.core.snapshot;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One test per way a snapshot file can be wrong; each error must name file, line, column and field. */
class SnapshotReaderMalformedTest {
    @TempDir
    Path dir;
    private String good;

    @BeforeEach
    void setUp() {
        good = new String(SnapshotWriter.toBytes(GoldenSnapshot.small()), StandardCharsets.UTF_8);
    }

    /** Writes {@code content}, reads it, checks that reading changed nothing on disk, returns the error. */
    private SnapshotFormatException fail(String content) throws IOException {
        Path f = dir.resolve("broken.json");
        Files.writeString(f, content);
        FileTime before = Files.getLastModifiedTime(f);
        SnapshotFormatException e = assertThrows(SnapshotFormatException.class, () -> SnapshotReader.read(f));
        assertEquals(content, Files.readString(f), "reading never writes");
        assertEquals(before, Files.getLastModifiedTime(f));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(f), files.toList(), "reading creates no files");
        }
        assertTrue(e.getMessage().startsWith(f + ":"), e.getMessage());
        assertEquals(f.toString(), e.source());
        return e;
    }

    private static String replaceFirst(String text, String what, String with) {
        int i = text.indexOf(what);
        assertTrue(i >= 0, "test set-up: '" + what + "' not in the golden text");
        return text.substring(0, i) + with + text.substring(i + what.length());
    }

    /** 1-based line and column where {@code marker} starts. */
    private static int[] position(String text, String marker) {
        int i = text.indexOf(marker);
        int line = 1 + (int) text.substring(0, i).chars().filter(c -> c == '\n').count();
        int col = i - text.lastIndexOf('\n', i - 1);
        return new int[]{line, col};
    }

    private static void assertAt(SnapshotFormatException e, String path, int[] pos) {
        assertEquals(path, e.path(), e.getMessage());
        assertEquals(pos[0], e.line(), e.getMessage());
        assertEquals(pos[1], e.column(), e.getMessage());
        assertTrue(e.getMessage().contains(":" + pos[0] + ":" + pos[1] + ": field " + path + ": "), e.getMessage());
    }

    @Test
    void unknownSchemaVersion() throws IOException {
        String bad = replaceFirst(good, "\"schema\": 1", "\"schema\": 2");
        SnapshotFormatException e = fail(bad);
        assertAt(e, "meta.schema", position(bad, "2,\n"));
        assertTrue(e.getMessage().contains("unknown snapshot schema version 2 (this Capscope reads version 1)"), e.getMessage());
        assertTrue(e.getMessage().contains("newer Capscope"), e.getMessage());
    }

    @Test
    void selectorOutOfRange() throws IOException {
        String bad = replaceFirst(good, "\"selector\": 1}", "\"selector\": 5000}");
        SnapshotFormatException e = fail(bad);
        assertAt(e, "slots[0].selector", position(bad, "5000}"));
        assertTrue(e.getMessage().contains("selector 5000 is out of range 0..4296"), e.getMessage());
        assertTrue(e.getMessage().contains("take the snapshot again"), e.getMessage());
    }

    @Test
    void duplicateSelector() throws IOException {
        String bad = replaceFirst(good, "\"selector\": 11}", "\"selector\": 1}");
        SnapshotFormatException e = fail(bad);
        assertEquals("slots[1].selector", e.path());
        assertTrue(e.getMessage().contains("duplicate selector 0x1 (1) (also at slots[0])"), e.getMessage());
    }

    @Test
    void duplicateObjectId() throws IOException {
        String bad = replaceFirst(good, "{\"id\": 4097,", "{\"id\": 4096,");
        SnapshotFormatException e = fail(bad);
        assertEquals("objects[1].id", e.path());
        assertTrue(e.getMessage().contains("duplicate object id 4096 (also at objects[0])"), e.getMessage());
    }

    @Test
    void slotNamingAMissingObject() throws IOException {
        String bad = replaceFirst(good, "{\"objectId\": 4096,", "{\"objectId\": 999999,");
        SnapshotFormatException e = fail(bad);
        assertAt(e, "slots[0].objectId", position(bad, "999999"));
        assertTrue(e.getMessage().contains("names object 999999, which is not in the objects table"), e.getMessage());
    }

    @Test
    void stringWhereANumberBelongs() throws IOException {
        String bad = replaceFirst(good, "\"selector\": 1}", "\"selector\": \"1\"}");
        SnapshotFormatException e = fail(bad);
        assertAt(e, "slots[0].selector", position(bad, "\"1\"}"));
        assertTrue(e.getMessage().contains("expected a whole number, found a string \"1\""), e.getMessage());
    }

    @Test
    void numberWhereAStringBelongs() throws IOException {
        String bad = replaceFirst(good, "\"rights\": \"RWS\"", "\"rights\": 7");
        assertEquals("slots[0].rights", fail(bad).path());
    }

    @Test
    void unknownField() throws IOException {
        String bad = replaceFirst(good, "{\"objectId\": 4096,", "{\"colour\": \"red\", \"objectId\": 4096,");
        SnapshotFormatException e = fail(bad);
        assertAt(e, "slots[0].colour", position(bad, "\"red\""));
        assertTrue(e.getMessage().contains("unknown field \"colour\""), e.getMessage());
    }

    @Test
    void missingRequiredField() throws IOException {
        String bad = replaceFirst(good, "\"role\": \"task\", ", "");
        SnapshotFormatException e = fail(bad);
        assertEquals("slots[0].role", e.path());
        assertTrue(e.getMessage().contains("required field \"role\" is missing"), e.getMessage());
    }

    @Test
    void missingTopLevelSection() throws IOException {
        int start = good.indexOf("  \"threads\"");
        String bad = good.substring(0, start - 2) + "\n}\n";
        assertEquals("threads", fail(bad).path());
    }

    @Test
    void truncatedFile() throws IOException {
        String bad = good.substring(0, good.length() / 2);
        SnapshotFormatException e = fail(bad);
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertTrue(e.line() > 10, "points near the end: " + e.getMessage());
        assertTrue(e.getMessage().contains("restore it from version control"), e.getMessage());
    }

    @Test
    void notJsonAtAll() throws IOException {
        SnapshotFormatException e = fail("slot 0x1 task\nslot 0xb parent\n");
        assertEquals(1, e.line());
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
    }

    @Test
    void emptyFile() throws IOException {
        SnapshotFormatException e = fail("");
        assertTrue(e.getMessage().contains("the file is empty"), e.getMessage());
    }

    @Test
    void whitespaceOnly() throws IOException {
        assertTrue(fail("  \n\n").getMessage().contains("no JSON value"));
    }

    @Test
    void notAnObjectAtTheTop() throws IOException {
        assertTrue(fail("[1, 2]").getMessage().contains("expected an object, found an array"));
    }

    @Test
    void contentAfterTheDocument() throws IOException {
        assertTrue(fail(good + "{}").getMessage().contains("unexpected content after the end"));
    }

    @Test
    void duplicateKey() throws IOException {
        String bad = replaceFirst(good, "{\"objectId\": 4096,", "{\"objectId\": 4096, \"objectId\": 4096,");
        SnapshotFormatException e = fail(bad);
        assertEquals("slots[0].objectId", e.path());
        assertTrue(e.getMessage().contains("appears twice"), e.getMessage());
    }

    @Test
    void badTimestamp() throws IOException {
        String bad = replaceFirst(good, "\"takenAt\": \"2026-01-31T12:00:00.123456789Z\"", "\"takenAt\": \"yesterday\"");
        SnapshotFormatException e = fail(bad);
        assertEquals("meta.takenAt", e.path());
        assertTrue(e.getMessage().contains("not an ISO-8601"), e.getMessage());
    }

    @Test
    void unknownObjectKind() throws IOException {
        String bad = replaceFirst(good, "\"kind\": \"Task\"", "\"kind\": \"Taks\"");
        SnapshotFormatException e = fail(bad);
        assertEquals("objects[0].kind", e.path());
        assertTrue(e.getMessage().contains("unknown object kind \"Taks\" (known: Task, Thread, Ipc_gate"), e.getMessage());
    }

    @Test
    void badRights() throws IOException {
        String bad = replaceFirst(good, "\"rights\": \"RWS\"", "\"rights\": \"RWX\"");
        SnapshotFormatException e = fail(bad);
        assertEquals("slots[0].rights", e.path());
        assertTrue(e.getMessage().contains("unknown right 'X'"), e.getMessage());
    }

    @Test
    void capMapProblems() throws IOException {
        assertEquals("capMap[0].rawId", fail(replaceFirst(good, "\"rawId\": ", "\"rawId\": -")).path());
        assertEquals("capMap[1].index", fail(replaceFirst(good, "{\"index\": 12,", "{\"index\": 11,")).path());
        assertEquals("capMap[0].refCount", fail(replaceFirst(good, "\"refCount\": 1", "\"refCount\": 300")).path());
        assertEquals("capMap[0].semantics.colour",
                fail(replaceFirst(good, "\"semantics\": {", "\"semantics\": {\"colour\": \"red\", ")).path());
    }

    @Test
    void duplicateThreadIndex() throws IOException {
        String bad = replaceFirst(good, "{\"index\": 1, \"name\"", "{\"index\": 0, \"name\"");
        assertEquals("threads[1].index", fail(bad).path());
    }

    @Test
    void missingFileSaysSo() {
        Path f = dir.resolve("nope.json");
        SnapshotFormatException e = assertThrows(SnapshotFormatException.class, () -> SnapshotReader.read(f));
        assertEquals(f + ": no such file. Check the path and the file name", e.getMessage());
        assertEquals(f + ": no such file", e.whatHappened());
        assertEquals("Check the path and the file name", e.hint());
    }

    @Test
    void aFolderIsNamedAsOne() {
        SnapshotFormatException e = assertThrows(SnapshotFormatException.class, () -> SnapshotReader.read(dir));
        assertEquals(dir + ": this is a folder, not a file. Name a snapshot file (.json) in it", e.getMessage());
    }
}
