package dev.capscope.core.snapshot;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The malformed-snapshot corpus (samples/malformed, listed in expected.tsv): every file gives a
 * SnapshotFormatException naming the file, a line and column inside it, the field where one
 * applies, and a one-sentence problem; reading changes nothing. A 100 MB file, generated here,
 * fails at once with a size message and without reading it into memory.
 */
class SnapshotCorpusTest {
    static final Path CORPUS = Path.of(System.getProperty("capscope.samples.dir", "../samples"), "malformed");

    /** One line of expected.tsv. */
    record Case(String file, String field, String fragment) {
        static List<Case> all() throws IOException {
            return Files.readAllLines(CORPUS.resolve("expected.tsv")).stream()
                    .filter(l -> !l.startsWith("#") && !l.isBlank())
                    .map(l -> l.split("\t"))
                    .map(p -> new Case(p[0], p[1].equals("-") ? null : p[1], p[2].equals("-") ? null : p[2]))
                    .toList();
        }
    }

    /** A limit of the parser is reported where it was hit, in our words: the 1500-digit number is on line 5. */
    @Test
    void aNumberTooLongIsLocatedOnItsLine() {
        Path f = CORPUS.resolve("long-number.json");
        SnapshotFormatException e = assertThrows(SnapshotFormatException.class, () -> SnapshotReader.read(f));
        assertEquals(5, e.line(), e.getMessage());
        assertEquals(141, e.column(), "where the number starts: " + e.getMessage());
        assertTrue(e.getMessage().contains("a number with more than 1000 digits"), e.getMessage());
    }

    @TestFactory
    Stream<DynamicTest> everyMalformedFileGivesALocatedError() throws IOException {
        List<Case> cases = Case.all();
        assertTrue(cases.stream().filter(c -> !"READS".equals(c.fragment())).count() >= 30, cases.size() + " cases");
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.file(), () -> check(c)));
    }

    private static void check(Case c) throws IOException {
        Path f = CORPUS.resolve(c.file());
        byte[] before = Files.readAllBytes(f);
        FileTime mtime = Files.getLastModifiedTime(f);
        if ("READS".equals(c.fragment())) { // a valid encoding variant (BOM, UTF-16): same snapshot
            Path golden = CORPUS.resolveSibling("snapshots").resolve("log-client.json");
            assertEquals(SnapshotReader.read(golden), SnapshotReader.read(f));
            return;
        }
        SnapshotFormatException e = assertThrows(SnapshotFormatException.class, () -> SnapshotReader.read(f));
        String m = e.getMessage();
        assertEquals(f.toString(), e.source(), m);
        assertTrue(m.startsWith(f + ":"), m);
        if (before.length > 0) {
            assertTrue(e.line() >= 1 && e.column() >= 1, "located: " + m);
        }
        if (c.field() != null) {
            assertEquals(c.field(), e.path(), m);
            assertTrue(m.contains("field " + c.field()), m);
        }
        if (c.fragment() != null) {
            assertTrue(m.contains(c.fragment()), "'" + c.fragment() + "' in: " + m);
        }
        assertFalse(m.contains("\tat "), "no stack trace in the message: " + m);
        for (String internal : new String[] {"StreamReadConstraints", "com.fasterxml", "Jackson", "JsonReadFeature", "`"}) {
            assertFalse(m.contains(internal), "no library internals (" + internal + ") in: " + m);
        }
        assertArrayEquals(before, Files.readAllBytes(f), "reading never writes");
        assertEquals(mtime, Files.getLastModifiedTime(f));
    }

    @Test
    void hundredMegabyteFileFailsFastWithASizeMessage(@TempDir Path tmp) throws IOException {
        Path big = tmp.resolve("big.json");
        byte[] row = "    {\"objectId\": 672, \"rights\": \"RWS\", \"role\": \"x\", \"selector\": 1},\n"
                .getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = Files.newOutputStream(big)) {
            out.write("{\"slots\": [\n".getBytes(StandardCharsets.UTF_8));
            for (long n = 0; n < 100L * 1024 * 1024; n += row.length) {
                out.write(row);
            }
        }
        assertTrue(Files.size(big) >= 100L * 1024 * 1024);
        Runtime rt = Runtime.getRuntime();
        long usedBefore = rt.totalMemory() - rt.freeMemory();
        long t0 = System.nanoTime();
        SnapshotFormatException e = assertThrows(SnapshotFormatException.class, () -> SnapshotReader.read(big));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        long grew = (rt.totalMemory() - rt.freeMemory()) - usedBefore;
        assertTrue(e.getMessage().startsWith(big + ":"), e.getMessage());
        assertTrue(e.getMessage().contains("the file is 100 MiB, more than the 64 MiB a snapshot can be"), e.getMessage());
        assertTrue(ms < 1000, "took " + ms + " ms");
        assertTrue(grew < 32L * 1024 * 1024, "heap grew by " + grew + " bytes: the file was read");
    }
}
