package dev.capscope.core.bench;

import dev.capscope.core.model.Snapshot;
import dev.capscope.core.snapshot.SnapshotReader;
import dev.capscope.core.snapshot.SnapshotWriter;
import dev.capscope.core.testing.SampleSnapshots;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Snapshot write and read of a full snapshot (samples' gui-heavy: 1068 valid slots, 1064 cap-map
 * entries, ~300 KB). Targets (issue 2): write < 10 ms, read < 10 ms. "File" variants include the
 * disk: atomic write with fsync, and reading the bytes back. Warm-up is long on purpose: on a
 * shared 2-core machine the JIT needs it before the figures settle.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SnapshotBenchmarks {
    private Snapshot snapshot;
    private byte[] bytes;
    private Path dir;
    private Path file;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        snapshot = SampleSnapshots.guiHeavy();
        bytes = SnapshotWriter.toBytes(snapshot);
        dir = Files.createTempDirectory("capscope-bench");
        file = dir.resolve("gui-heavy.json");
        Files.write(file, bytes);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
    }

    @Benchmark
    public byte[] serialise() {
        return SnapshotWriter.toBytes(snapshot);
    }

    @Benchmark
    public Path writeFile() throws IOException {
        SnapshotWriter.write(snapshot, file);
        return file;
    }

    @Benchmark
    public Snapshot parse() {
        return SnapshotReader.read("gui-heavy.json", bytes);
    }

    @Benchmark
    public Snapshot readFile() {
        return SnapshotReader.read(file);
    }
}
