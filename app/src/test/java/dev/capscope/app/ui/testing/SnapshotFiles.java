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

    /** A file of samples/snapshots (the repository's samples folder, overridable with -Dcapscope.samples.dir). */
    public static Path sample(String name) {
        return Path.of(System.getProperty("capscope.samples.dir", "../samples")).resolve("snapshots").resolve(name);
    }
}
