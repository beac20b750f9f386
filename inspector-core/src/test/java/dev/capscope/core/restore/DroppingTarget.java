package dev.capscope.core.restore;

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

/**
 * A target that acknowledges one chosen apply call without doing it: a lost operation the runner
 * can only notice by verifying. Everything else is delegated.
 */
final class DroppingTarget implements Target {
    private final Target delegate;
    private int dropAt;
    private int applies;

    /** Drops the apply call number {@code dropAt} (1-based); 0 drops nothing. */
    DroppingTarget(Target delegate, int dropAt) {
        this.delegate = delegate;
        this.dropAt = dropAt;
    }

    @Override
    public TargetInfo info() {
        return delegate.info();
    }

    @Override
    public long generation(String task) {
        return delegate.generation(task);
    }

    @Override
    public BitSet validity(String task, int first, int last) {
        return delegate.validity(task, first, last);
    }

    @Override
    public List<CapInfo> capInfos(String task, int first, int last) {
        return delegate.capInfos(task, first, last);
    }

    @Override
    public List<ThreadInfo> threads(String task) {
        return delegate.threads(task);
    }

    @Override
    public List<CapMapEntry> capMap(String task) {
        return delegate.capMap(task);
    }

    @Override
    public RestoreLease acquireLease(String task, long plannedGeneration) {
        return delegate.acquireLease(task, plannedGeneration);
    }

    @Override
    public OperationResult apply(String task, RestoreOperation operation) {
        if (++applies == dropAt) {
            return OperationResult.DONE;
        }
        return delegate.apply(task, operation);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
