package dev.capscope.app.cli;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `capscope show FILE` on every file of the malformed corpus (samples/malformed/expected.tsv):
 * exit 2, nothing on stdout, exactly one line on stderr naming file:line:column and the field,
 * and the file untouched. A 100 MB file (generated here) fails with the size message.
 */
class ShowMalformedTest {
    private static final Path CORPUS = CliRun.samples().resolve("malformed");

    @TestFactory
    Stream<DynamicTest> everyMalformedFileIsOneLineAndExit2() throws IOException {
        List<String[]> cases = Files.readAllLines(CORPUS.resolve("expected.tsv")).stream()
                .filter(l -> !l.startsWith("#") && !l.isBlank())
                .map(l -> l.split("\t"))
                .filter(p -> !p[2].equals("READS"))
                .toList();
        assertTrue(cases.size() >= 30, cases.size() + " cases");
        return cases.stream().map(c -> DynamicTest.dynamicTest(c[0], () -> check(c[0], c[1])));
    }

    private static void check(String file, String field) throws IOException {
        Path f = CORPUS.resolve(file);
        byte[] before = Files.readAllBytes(f);
        CliRun r = CliRun.of("show", f.toString());
        assertEquals(2, r.exit(), r.err());
        assertEquals("", r.out());
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), "one line: " + r.err());
        String line = lines.get(0);
        assertTrue(line.startsWith("capscope: " + f + ":"), line);
        assertTrue(line.matches("capscope: \\Q" + f + "\\E:\\d+:\\d+: .*"), "file:line:column in: " + line);
        if (!field.equals("-")) {
            assertTrue(line.contains("field " + field + ": "), line);
        }
        assertArrayEquals(before, Files.readAllBytes(f), "show never writes");
    }

    @Test
    void hundredMegabyteFileIsRefusedBySize(@TempDir Path tmp) throws IOException {
        Path big = tmp.resolve("big.json");
        try (RandomAccessFile raf = new RandomAccessFile(big.toFile(), "rw")) {
            raf.setLength(100L * 1024 * 1024); // sparse: the size is what the reader checks first
        }
        CliRun r = CliRun.of("show", big.toString());
        assertEquals(2, r.exit(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("the file is 100 MiB, more than the 64 MiB a snapshot can be"), r.err());
    }
}
