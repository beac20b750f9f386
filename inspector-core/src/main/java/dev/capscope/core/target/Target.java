package dev.capscope.core.target;

import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.TargetInfo;
import dev.capscope.core.model.ThreadInfo;

import java.util.BitSet;
import java.util.List;

/**
 * The port through which the walker and restore reach a target (capsim, a real Fiasco.OC agent,
 * or a test double). Batched by range on purpose: one call answers a whole range, because a round
 * trip per selector is what makes walks slow. Implementations must be safe to call from one thread
 * at a time; every method may throw {@link TargetException}.
 */
public interface Target extends AutoCloseable {

    /** Kernel, profile, versions and tasks; cheap, may be called again to refresh the task list. */
    TargetInfo info();

    /** The task's change counter; unchanged means a walk would give the same space. */
    long generation(String task);

    /** Validity of selectors first..last (inclusive): bit (sel - first) set when the selector is valid. */
    BitSet validity(String task, int first, int last);

    /** Cap infos of every valid selector in first..last, sorted by selector. */
    List<CapInfo> capInfos(String task, int first, int last);

    List<ThreadInfo> threads(String task);

    /** The component's cap map with what the runtime knows of each entry, sorted by index. */
    List<CapMapEntry> capMap(String task);

    /**
     * Announces that the caller is about to walk these tasks, each with the {@link
     * dev.capscope.core.walk.Walker}'s requests in its order: {@link #generation} (only when
     * {@code generationFirst}), {@link #validity} and {@link #capInfos} of the whole range 0..4296,
     * {@link #threads}, {@link #capMap}, {@link #generation}. A target that can pipelines them now, so
     * the answers of a whole walk (or of many) come back in one round trip and the calls that follow
     * take them instead of asking again; calls that differ from the announcement work as always.
     *
     * @return how many of the tasks, from the front, were announced (0: none; the caller walks
     *         the rest as usual or announces them next)
     */
    default int announceWalks(List<String> tasks, boolean generationFirst) {
        return 0;
    }

    /**
     * Applies one restore operation. Read-only targets throw a {@link TargetException} with code
     * {@link TargetException.Code#REFUSED}.
     */
    OperationResult apply(String task, RestoreOperation operation);

    /**
     * Takes the target's restore lease for one task: while it is held, only this client may mutate,
     * and every mutation is a compare-and-swap against the task's generation (first
     * {@code plannedGeneration}, then the generation each applied operation returned). Closing the
     * lease (or losing the connection, or the target's timeout) ends it.
     *
     * @throws TargetException {@link TargetException.Code#LEASE_HELD} when another client holds it,
     *         {@link TargetException.Code#GENERATION_MOVED} when the task is no longer at
     *         {@code plannedGeneration}, {@link TargetException.Code#REFUSED} on a read-only target
     */
    RestoreLease acquireLease(String task, long plannedGeneration);

    /**
     * Identifies the connection whose generation counters are comparable. Generations count per
     * agent run, so an implementation that reconnects behind the caller's back (perhaps to a
     * restarted agent) returns a new object afterwards; caches key on it, never on the Target.
     */
    default Object session() {
        return this;
    }

    @Override
    void close();
}
