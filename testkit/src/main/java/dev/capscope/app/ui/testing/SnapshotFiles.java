package dev.capscope.app.ui.testing;

import dev.capscope.app.ui.service.SnapshotService;
import dev.capscope.core.model.Snapshot;
import dev.capscope.core.snapshot.SnapshotReader;
import dev.capscope.core.snapshot.SnapshotWriter;

import java.nio.file.Path;

/** The real snapshot reader/writer for window tests, and the sample snapshots of the repository. */
public final class SnapshotFiles {
    private SnapshotFiles() {
    }

    public static final SnapshotService REAL = new SnapshotService() {
        @Override
        public Snapshot read(Path file) {
            return SnapshotReader.read(file);
        }

        @Override
        public void write(Snapshot snapshot, Path file) throws Exception {
            SnapshotWriter.write(snapshot, file);
        }
    };

    /**
     * A sample snapshot shipped with Capscope ({@code log-client.json}, {@code leaky.json}, ...):
     * from {@code -Dcapscope.samples.dir}, else {@code <capscope.home>/samples} (an installed app
     * folder), else the repository's {@code ../samples}.
     */
    public static Path sample(String name) {
        String dir = System.getProperty("capscope.samples.dir");
        Path samples = dir != null ? Path.of(dir)
                : System.getProperty("capscope.home") != null ? Path.of(System.getProperty("capscope.home"), "samples")
                : Path.of("../samples");
        Path file = samples.resolve("snapshots").resolve(name);
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new AssertionError("no sample snapshot " + file.toAbsolutePath()
                    + " (set -Dcapscope.home to an installed Capscope folder, or -Dcapscope.samples.dir)");
        }
        return file;
    }
}
