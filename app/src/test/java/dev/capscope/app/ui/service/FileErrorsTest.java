package dev.capscope.app.ui.service;

import dev.capscope.core.snapshot.SnapshotReader;
import dev.capscope.core.snapshot.SnapshotWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** File error texts from what the real reader and writer throw. */
class FileErrorsTest {
    @TempDir
    Path dir;

    @Test
    void missingFileIsMissingNotAWrongFormat() {
        Path f = dir.resolve("nope.json");
        Throwable e = assertThrows(RuntimeException.class, () -> SnapshotReader.read(f));
        FileErrors.Text t = FileErrors.reading(f, e, "Open another snapshot.");
        assertEquals(f + ": no such file.", t.whatHappened());
        assertEquals("Check the path and the file name.", t.whatToDo());
    }

    @Test
    void damagedContentNamesLineAndField() throws Exception {
        Path f = dir.resolve("cut.json");
        Files.writeString(f, "{\n  \"meta\": {\n");
        Throwable e = assertThrows(RuntimeException.class, () -> SnapshotReader.read(f));
        FileErrors.Text t = FileErrors.reading(f, e, "Open another snapshot.");
        assertEquals(f + ":3:1: field meta: the file ends in the middle of the JSON (truncated?).", t.whatHappened());
        assertEquals("The file is damaged or not a snapshot; restore it from version control or a backup, "
                + "or take the snapshot again.", t.whatToDo());
    }

    @Test
    void writingIntoAMissingFolderSaysWhichFolder() throws Exception {
        Path f = dir.resolve("gone").resolve("s.json");
        var snap = SnapshotReader.read(Path.of(System.getProperty("capscope.samples.dir", "../samples"))
                .resolve("snapshots/log-client.json"));
        Throwable e = assertThrows(Exception.class, () -> SnapshotWriter.write(snap, f));
        FileErrors.Text t = FileErrors.writing(f, e, "Choose another folder.");
        assertEquals(f + " cannot be written: the folder " + dir.resolve("gone") + " does not exist.",
                t.whatHappened());
        assertEquals("Choose an existing folder.", t.whatToDo());
    }
}
