package dev.capscope.core.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AtomicFileTest {
    @TempDir
    Path dir;

    @Test
    void writesAndReplaces() throws IOException {
        Path f = dir.resolve("out.txt");
        AtomicFile.write(f, "first");
        AtomicFile.write(f, "second, longer");
        assertEquals("second, longer", Files.readString(f));
        assertEquals(1, count(dir), "no temporary file left behind");
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporaryOne() throws IOException {
        Path f = dir.resolve("taken");
        Files.createDirectory(f);
        Files.writeString(f.resolve("inside"), "kept");
        // A non-empty directory cannot be replaced by a file: the rename fails.
        assertThrows(IOException.class, () -> AtomicFile.write(f, "new"));
        assertEquals("kept", Files.readString(f.resolve("inside")));
        assertEquals(1, count(dir), "the temporary file is removed");
    }

    private static long count(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.count();
        }
    }
}
