package dev.capscope.core.snapshot;

import dev.capscope.core.json.LocatedJson;
import dev.capscope.core.json.LocatedNode;
import dev.capscope.core.model.Snapshot;
import dev.capscope.core.model.SnapshotMeta;
import dev.capscope.core.testing.ExpectedFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnapshotRoundTripTest {
    private static final String REGENERATE = "capscope.regenerateGolden";

    @TempDir
    Path dir;

    private static Path golden(String name) {
        return ExpectedFiles.testResources().resolve("golden").resolve(name);
    }

    @Test
    void writerOutputMatchesTheGoldenFile() throws IOException {
        ExpectedFiles.check(golden("small.json"), SnapshotWriter.toBytes(GoldenSnapshot.small()), REGENERATE);
    }

    @Test
    void canonicalTextMatchesTheGoldenFile() throws IOException {
        ExpectedFiles.check(golden("small.txt"), CanonicalText.render(GoldenSnapshot.small())
                .getBytes(StandardCharsets.UTF_8), REGENERATE);
    }

    @Test
    void goldenFileReadsBackToTheSameSnapshot() {
        assertEquals(GoldenSnapshot.small(), SnapshotReader.read(golden("small.json")));
    }

    @Test
    void aTornSnapshotSaysSoInItsFileAndReadsBackTorn() throws IOException {
        Snapshot s = GoldenSnapshot.small();
        Snapshot torn = new Snapshot(s.meta().withTorn(true), s.space());
        Path f = dir.resolve("torn.json");
        SnapshotWriter.write(torn, f);
        assertTrue(Files.readString(f).contains("\"torn\": true") || Files.readString(f).contains("\"torn\":true"));
        assertTrue(SnapshotReader.read(f).meta().torn());
        assertEquals(false, SnapshotReader.read(golden("small.json")).meta().torn(), "absent means consistent");
    }

    @Test
    void threadIndicesPastThreadMaxAreRefusedWithTheirPlace() throws IOException {
        Path good = dir.resolve("good.json");
        SnapshotWriter.write(GoldenSnapshot.small(), good);
        String text = Files.readString(good);
        String bad = text.replace("{\"index\": 1, \"name\": \"worker-1\"", "{\"index\": 128, \"name\": \"worker-1\"");
        assertTrue(!bad.equals(text), "the golden has thread 1");
        Path f = dir.resolve("threads.json");
        Files.writeString(f, bad);
        SnapshotFormatException e = assertThrows(SnapshotFormatException.class, () -> SnapshotReader.read(f));
        assertTrue(e.getMessage().contains("thread index 128 is past THREAD_MAX"), e.getMessage());
    }

    @Test
    void writeReadWriteIsStable() throws IOException {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        Snapshot s = GoldenSnapshot.small();
        SnapshotWriter.write(s, a);
        Snapshot back = SnapshotReader.read(a);
        assertEquals(s, back);
        SnapshotWriter.write(back, b);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary files left behind");
        }
    }

    @Test
    void keysAreSortedAtEveryLevel() {
        assertSorted(LocatedJson.parse(SnapshotWriter.toBytes(GoldenSnapshot.small())));
    }

    private static void assertSorted(LocatedNode node) {
        if (node.type() == LocatedNode.Type.OBJECT) {
            List<String> keys = new ArrayList<>(node.asObject().fieldNames());
            List<String> sorted = new ArrayList<>(keys);
            sorted.sort(null);
            assertEquals(sorted, keys, "keys of " + node.path());
            var o = node.asObject();
            keys.forEach(k -> assertSorted(o.required(k)));
        } else if (node.type() == LocatedNode.Type.ARRAY) {
            node.asArray().forEach(SnapshotRoundTripTest::assertSorted);
        }
    }

    @Test
    void oneRowPerLine() {
        String text = new String(SnapshotWriter.toBytes(GoldenSnapshot.small()), StandardCharsets.UTF_8);
        long slotLines = text.lines().filter(l -> l.contains("\"selector\":")).count();
        assertEquals(GoldenSnapshot.small().space().slots().size(), slotLines);
    }

    @Test
    void overwriteReplacesThePreviousFileAtomically() throws IOException {
        Path f = dir.resolve("s.json");
        Files.writeString(f, "previous");
        SnapshotWriter.write(GoldenSnapshot.small(), f);
        assertEquals(GoldenSnapshot.small(), SnapshotReader.read(f));
    }

    @Test
    void failedWriteLeavesThePreviousFileAndNoTemporaryFile() throws IOException {
        Path f = dir.resolve("s.json");
        Files.writeString(f, "previous");
        Snapshot s = GoldenSnapshot.small();
        Snapshot inconsistent = new Snapshot(new SnapshotMeta(1, "x", Instant.EPOCH, null, "other-task", null,
                s.meta().profile(), null), s.space());
        assertThrows(IllegalArgumentException.class, () -> SnapshotWriter.write(inconsistent, f));
        assertEquals("previous", Files.readString(f));
        Path sub = dir.resolve("dir-in-the-way");
        Files.createDirectories(sub.resolve("x"));
        assertThrows(IOException.class, () -> SnapshotWriter.write(s, sub));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("dir-in-the-way", "s.json"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void canonicalTextHasOneLinePerSlotAndEntry() {
        Snapshot s = GoldenSnapshot.small();
        String text = CanonicalText.render(s);
        assertEquals(s.space().slots().size(), text.lines().filter(l -> l.startsWith("slot ")).count());
        assertEquals(s.space().capMap().size(), text.lines().filter(l -> l.startsWith("capmap ")).count());
        assertTrue(text.contains("slot 0x000b kcap 0x000b000 RWS  obj"), text);
        assertTrue(text.contains("\\\"odd\\\" label\\nwith newline"), "quoted and escaped on one line");
    }
}
