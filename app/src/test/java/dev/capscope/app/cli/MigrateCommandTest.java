package dev.capscope.app.cli;

import dev.capscope.core.json.SchemaVersions;
import dev.capscope.core.snapshot.SnapshotReader;
import dev.capscope.core.snapshot.SnapshotWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code capscope migrate}: old files rewritten in the current format with the original kept; nothing else touched. */
class MigrateCommandTest {
    @TempDir
    Path tmp;

    /** A real target's recording, of snapshot format 1.0 (written before the version field existed). */
    static final Path OLD = CliRun.samples().resolve("recorded").resolve("l4re-qemu").resolve("hello.json");

    private Path copy(Path source, String name) throws IOException {
        Path file = tmp.resolve(name);
        Files.copy(source, file);
        return file;
    }

    @Test
    void anOldFileIsRewrittenAndTheOriginalKept() throws IOException {
        Path file = copy(OLD, "hello.json");
        byte[] original = Files.readAllBytes(file);
        assertTrue(!Files.readString(file).contains("schemaVersion"), "set-up: a format 1.0 file");
        CliRun r = CliRun.of("migrate", file.toString());
        assertEquals(0, r.exit(), r.err());
        Path backup = tmp.resolve("hello.json.1.0.bak");
        assertTrue(r.out().contains("snapshot format 1.0 -> " + SchemaVersions.SNAPSHOT) && r.out().contains(backup.toString()),
                r.out());
        assertArrayEquals(original, Files.readAllBytes(backup), "the original, byte for byte");
        var before = SnapshotReader.read(backup);
        assertEquals(before, SnapshotReader.read(file), "same snapshot, new format");
        assertArrayEquals(SnapshotWriter.toBytes(before), Files.readAllBytes(file));
        assertTrue(Files.readString(file).contains("\"schemaVersion\": \"" + SchemaVersions.SNAPSHOT + "\""));
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(2, files.count(), "no temporary file left");
        }
    }

    @Test
    void aCurrentFileIsLeftAloneAndASecondMigrationKeepsTheFirstBackup() throws IOException {
        Path file = copy(OLD, "hello.json");
        assertEquals(0, CliRun.of("migrate", file.toString()).exit());
        byte[] migrated = Files.readAllBytes(file);
        CliRun again = CliRun.of("migrate", "--json", file.toString());
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().contains("\"changed\" : false"), again.out());
        assertArrayEquals(migrated, Files.readAllBytes(file));
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(2, files.count(), "file and its one backup");
        }
    }

    @Test
    void aFileItCannotReadIsRefusedAndNothingIsWritten() throws IOException {
        Path file = tmp.resolve("newer.json");
        String newer = Files.readString(OLD)
                .replaceFirst("\\{", "{\n  \"schemaVersion\": \"2.0\",");
        Files.writeString(file, newer);
        CliRun r = CliRun.of("migrate", file.toString());
        assertEquals(2, r.exit(), r.out());
        assertEquals("", r.out());
        assertTrue(r.err().contains("snapshot format 2.0 is newer than the format 1.x this Capscope reads"), r.err());
        assertEquals(newer, Files.readString(file));
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(1, files.count(), "no backup for a file that was not migrated");
        }
    }
}
