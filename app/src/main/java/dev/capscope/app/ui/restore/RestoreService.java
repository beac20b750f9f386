package dev.capscope.app.ui.restore;

import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.Snapshot;
import dev.capscope.core.model.TargetInfo;
import dev.capscope.core.model.ThreadInfo;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.restore.PreparedRestore;
import dev.capscope.core.restore.RestoreListener;
import dev.capscope.core.restore.RestoreResult;
import dev.capscope.core.restore.RestoreRunner;
import dev.capscope.core.target.CapInfo;
import dev.capscope.core.target.OperationResult;
import dev.capscope.core.target.RestoreLease;
import dev.capscope.core.target.RestoreOperation;
import dev.capscope.core.target.Target;
import dev.capscope.core.target.TargetException;
import dev.capscope.core.walk.CancellationToken;

import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The restore's work through the core's {@link RestoreRunner}, on the background worker: the dry
 * run (walk, preflight, plan) and the apply (apply, verify, roll back on failure). The runner talks
 * to the target through a {@link Watch}, which remembers whether the target stopped answering (the
 * connection broke or timed out), so the wizard can say "the target is gone" rather than only
 * "an operation failed".
 */
public class RestoreService {
    /** A dry run, the runner that will apply it (the same target and profile), and the target's watch. */
    public record Session(RestoreRunner runner, PreparedRestore prepared, Watch watch) {
    }

    public Session prepare(Target target, LayoutProfile profile, Snapshot wanted, String task) {
        return prepare(target, profile, wanted, task, CancellationToken.none());
    }

    /** The dry run; {@code cancel} stops it between two target calls (nothing is changed by it anyway). */
    public Session prepare(Target target, LayoutProfile profile, Snapshot wanted, String task, CancellationToken cancel) {
        Watch watch = new Watch(target);
        RestoreRunner runner = new RestoreRunner(watch, profile);
        watch.cancel = cancel;
        try {
            return new Session(runner, runner.prepare(wanted, task), watch);
        } finally {
            watch.cancel = CancellationToken.none(); // the apply runs to its end (or rolls back)
        }
    }

    public RestoreResult apply(Session session, RestoreListener listener) {
        session.watch().reset();
        return session.runner().apply(session.prepared(), listener);
    }

    /** Passes every call through; remembers the first failure that means the target is gone. */
    public static final class Watch implements Target {
        private final Target target;
        private volatile TargetException lost;
        private volatile CancellationToken cancel = CancellationToken.none();

        Watch(Target target) {
            this.target = target;
        }

        /** The first UNREACHABLE or TIMEOUT failure since the apply started, if any. */
        public Optional<TargetException> lost() {
            return Optional.ofNullable(lost);
        }

        void reset() {
            lost = null;
        }

        private <T> T watch(Supplier<T> call) {
            cancel.throwIfCancelled("preparing the restore");
            try {
                return call.get();
            } catch (TargetException e) {
                if (lost == null && (e.code() == TargetException.Code.UNREACHABLE
                        || e.code() == TargetException.Code.TIMEOUT)) {
                    lost = e;
                }
                throw e;
            }
        }

        @Override public TargetInfo info() { return watch(target::info); }
        @Override public long generation(String task) { return watch(() -> target.generation(task)); }
        @Override public BitSet validity(String task, int first, int last) { return watch(() -> target.validity(task, first, last)); }
        @Override public List<CapInfo> capInfos(String task, int first, int last) { return watch(() -> target.capInfos(task, first, last)); }
        @Override public List<ThreadInfo> threads(String task) { return watch(() -> target.threads(task)); }
        @Override public List<CapMapEntry> capMap(String task) { return watch(() -> target.capMap(task)); }
        @Override public OperationResult apply(String task, RestoreOperation op) { return watch(() -> target.apply(task, op)); }
        @Override public RestoreLease acquireLease(String task, long generation) { return watch(() -> target.acquireLease(task, generation)); }

        /** The connection belongs to the live target in the window, not to the restore. */
        @Override public void close() { }
    }
}
