package dev.capscope.app.ui.testing;

import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.TargetInfo;
import dev.capscope.core.model.ThreadInfo;
import dev.capscope.core.target.CapInfo;
import dev.capscope.core.target.OperationResult;
import dev.capscope.core.target.RestoreLease;
import dev.capscope.core.target.RestoreOperation;
import dev.capscope.core.target.Target;

import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A real target with a gate before its cap-info reads: once {@link #closeGate() closed}, the next walk
 * stops there (in the middle of the walk, as on a slow serial line) until the test
 * {@link #open() opens} it. Explicit synchronisation for tests of cancellation, never a sleep.
 */
public final class GatedTarget implements Target {
    private final Target target;
    private volatile CountDownLatch gate;
    private volatile boolean waiting;

    public GatedTarget(Target target) {
        this.target = target;
    }

    /** The next cap-info read waits at the gate. */
    public GatedTarget closeGate() {
        gate = new CountDownLatch(1);
        return this;
    }

    /** Lets a waiting read (and every later one) through. */
    public void open() {
        CountDownLatch g = gate;
        gate = null;
        if (g != null) {
            g.countDown();
        }
    }

    /** True while a walk waits at the closed gate. */
    public boolean waiting() {
        return waiting;
    }

    @Override
    public List<CapInfo> capInfos(String task, int first, int last) {
        CountDownLatch g = gate;
        if (g != null) {
            waiting = true;
            try {
                if (!g.await(CapscopePage.TIMEOUT_SECONDS * 4, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never opened the gate");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted at the gate", e);
            } finally {
                waiting = false;
            }
        }
        return target.capInfos(task, first, last);
    }

    @Override public TargetInfo info() { return target.info(); }
    @Override public long generation(String task) { return target.generation(task); }
    @Override public BitSet validity(String task, int first, int last) { return target.validity(task, first, last); }
    @Override public List<ThreadInfo> threads(String task) { return target.threads(task); }
    @Override public List<CapMapEntry> capMap(String task) { return target.capMap(task); }
    @Override public int announceWalks(List<String> tasks, boolean generationFirst) {
        return target.announceWalks(tasks, generationFirst);
    }
    @Override public OperationResult apply(String task, RestoreOperation operation) { return target.apply(task, operation); }
    @Override public RestoreLease acquireLease(String task, long plannedGeneration) {
        return target.acquireLease(task, plannedGeneration);
    }
    @Override public Object session() { return target.session(); }
    @Override public void close() { target.close(); }
}
