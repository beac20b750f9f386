package dev.capscope.bridge.bench;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The everyday baseline: what `ls -l /proc/PID/fd` does for a process with 4096 open files —
 * list the directory and readlink every entry. Opens the files in this process.
 */
final class FdBaseline implements AutoCloseable {
    private final List<FileInputStream> open = new ArrayList<>();

    FdBaseline(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            open.add(new FileInputStream("/dev/null"));
        }
    }

    /** Lists /proc/self/fd and resolves every link; returns how many resolved. */
    static int walk() throws IOException {
        int n = 0;
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    Files.readSymbolicLink(fd);
                    n++;
                } catch (IOException gone) {
                    // the directory's own fd, closed after listing
                }
            }
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        for (FileInputStream in : open) {
            in.close();
        }
    }
}
