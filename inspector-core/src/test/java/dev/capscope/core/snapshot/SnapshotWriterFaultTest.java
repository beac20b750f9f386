package dev.capscope.core.snapshot;

import dev.capscope.core.model.Snapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Saving where it cannot succeed — a read-only directory, a full filesystem — throws an
 * IOException, leaves the previous snapshot byte for byte as it was and leaves no temporary file.
 * As root (CI) both use a real tmpfs (mount, remount ro / fill it); a non-root run uses a 0555
 * directory for the read-only case, which root would ignore.
 */
class SnapshotWriterFaultTest {
    private static final Path SAMPLES = Path.of(System.getProperty("capscope.samples.dir", "../samples"), "snapshots");

    @TempDir
    Path tmp;
    private Path mounted;

    @AfterEach
    void unmount() throws Exception {
        if (mounted != null) {
            run("umount", mounted.toString());
        }
    }

    private static boolean root() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream()
                .anyMatch(l -> l.matches("Uid:\\s+0\\s.*"));
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), String.join(" ", cmd) + ": " + out);
    }

    /** A tiny tmpfs of its own (root only; as root it must work, or the test fails). */
    private Path tmpfs(String size) throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("fs"));
        run("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0755", "tmpfs", dir.toString());
        mounted = dir;
        return dir;
    }

    private static void assertUnchanged(Path dir, Path file, byte[] before) throws IOException {
        assertArrayEquals(before, Files.readAllBytes(file), "the previous snapshot changed");
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList();
            assertEquals(List.of(), names, "temporary files left behind");
        }
    }

    @Test
    void readOnlyDirectoryFailsAndKeepsThePreviousFile() throws Exception {
        Snapshot previous = SnapshotReader.read(SAMPLES.resolve("log-client.json"));
        Snapshot next = SnapshotReader.read(SAMPLES.resolve("log-client-after.json"));
        Path dir = root() ? tmpfs("1m") : Files.createDirectory(tmp.resolve("ro"));
        Path file = dir.resolve("space.json");
        SnapshotWriter.write(previous, file);
        byte[] before = Files.readAllBytes(file);
        if (root()) {
            run("mount", "-o", "remount,ro", dir.toString());
        } else {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        }
        try {
            IOException e = assertThrows(IOException.class, () -> SnapshotWriter.write(next, file));
            assertTrue(String.valueOf(e.getMessage()).contains(dir.toString()), "names the place: " + e);
            assertUnchanged(dir, file, before);
            assertEquals(previous, SnapshotReader.read(file));
        } finally {
            if (!root()) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }

    @Test
    void fullFilesystemFailsAndKeepsThePreviousFile() throws Exception {
        // Only root can mount a tmpfs to fill; CI runs as root, a developer's non-root run skips with this reason.
        org.junit.jupiter.api.Assumptions.assumeTrue(root(), "needs root for a tmpfs of its own (CI runs as root)");
        Snapshot previous = SnapshotReader.read(SAMPLES.resolve("log-client.json"));
        Snapshot next = SnapshotReader.read(SAMPLES.resolve("gui-heavy.json"));
        Path dir = tmpfs("64k");
        Path file = dir.resolve("space.json");
        SnapshotWriter.write(previous, file);
        byte[] before = Files.readAllBytes(file);
        // Fill what is left, so the next save meets ENOSPC.
        try (OutputStream out = Files.newOutputStream(dir.resolve("filler"))) {
            byte[] block = new byte[1024];
            while (true) {
                out.write(block);
                out.flush();
            }
        } catch (IOException full) {
            assertTrue(String.valueOf(full.getMessage()).contains("No space left"), full.toString());
        }
        assertTrue(SnapshotWriter.toBytes(next).length > 4096, "the new snapshot must need more than a page");
        IOException e = assertThrows(IOException.class, () -> SnapshotWriter.write(next, file));
        assertTrue(String.valueOf(e.getMessage()).contains("No space left"), e.toString());
        assertUnchanged(dir, file, before);
        assertEquals(previous, SnapshotReader.read(file));
    }
}
