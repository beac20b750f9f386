package dev.capscope.core.bench;

import dev.capscope.core.diff.DiffEngine;
import dev.capscope.core.diff.DiffResult;
import dev.capscope.core.diff.MatchKey;
import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.Slot;
import dev.capscope.core.model.Snapshot;
import dev.capscope.core.profile.ProfileRegistry;
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
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Diff of two full snapshots: the samples' gui-heavy (1068 valid slots, 1064 cap-map entries)
 * against itself and against a churned copy (every 25th dataspace closed, every 40th entry's ref
 * count changed, every 30th entry's badge re-issued, i.e. rebound). Target (issue 2): < 1 ms.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DiffBenchmarks {
    private DiffEngine engine;
    private CapSpace baseline;
    private CapSpace same;
    private CapSpace churned;

    @Setup(Level.Trial)
    public void setUp() {
        Snapshot s = SampleSnapshots.guiHeavy();
        engine = DiffEngine.forProfile(ProfileRegistry.builtin().get(s.meta().profile()));
        baseline = s.space();
        same = SampleSnapshots.guiHeavy().space();
        churned = churn(baseline);
    }

    /** A copy of the space with closed sessions, changed ref counts and re-issued badges. */
    public static CapSpace churn(CapSpace space) {
        int userBase = 0x300;
        List<Slot> slots = new ArrayList<>();
        List<CapMapEntry> entries = new ArrayList<>();
        int n = 0;
        for (CapMapEntry e : space.capMap()) {
            n++;
            boolean closed = e.index() >= userBase && n % 25 == 0;
            if (closed) {
                continue;
            }
            CapMapEntry c = e;
            if (n % 40 == 0) {
                c = new CapMapEntry(e.index(), e.rawId(), e.refCount() + 1, e.semantics());
            } else if (n % 30 == 0 && e.hasBadge() && e.index() >= userBase) {
                c = new CapMapEntry(e.index(), 0x8000 + e.rawId(), e.refCount(), e.semantics());
            }
            entries.add(c);
        }
        for (Slot s : space.slots()) {
            boolean closedEntry = space.capMapEntry(s.selector()) != null
                    && entries.stream().noneMatch(e -> e.index() == s.selector());
            if (!closedEntry) {
                slots.add(s);
            }
        }
        return new CapSpace(space.taskName(), space.profile(), space.generation() + 1, space.objects(), slots,
                space.threads(), entries);
    }

    @Benchmark
    public DiffResult identicalBySelector() {
        return engine.compare(baseline, same, MatchKey.SELECTOR);
    }

    @Benchmark
    public DiffResult churnedBySelector() {
        return engine.compare(baseline, churned, MatchKey.SELECTOR);
    }

    @Benchmark
    public DiffResult churnedByBadge() {
        return engine.compare(baseline, churned, MatchKey.BADGE);
    }
}
