package dev.capscope.core.walk;

import dev.capscope.core.target.Target;

import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The last walk of each task, so that a {@link Walker} finding a task's generation unchanged
 * answers from it after a single GENERATION request instead of walking again (on a 115200-baud
 * serial line: ~100 bytes instead of ~13 KB for a 1,000-cap task).
 *
 * <p>Generations count per agent run, so a restarted target may reuse the numbers of the one
 * before: an entry answers only for the very connection ({@link Target#session()}) it was walked
 * through (held weakly, so a cache never keeps a closed connection alive). Thread-safe; one cache can serve
 * several targets.
 */
public final class GenerationCache {
    private record Entry(WeakReference<Object> session, RawWalk raw) {
    }

    private final Map<String, Entry> byTask = new HashMap<>();

    /** The remembered walk of {@code task} at {@code target} if it was taken at {@code generation}, else null. */
    public synchronized RawWalk unchanged(Target target, String task, long generation) {
        Entry e = byTask.get(task);
        if (e == null || e.session().get() != target.session() || e.raw().generation() != generation) {
            return null;
        }
        return e.raw();
    }

    /** Whether a walk of {@code task} through {@code target}'s current connection is remembered. */
    public synchronized boolean knows(Target target, String task) {
        Entry e = byTask.get(task);
        return e != null && e.session().get() == target.session();
    }

    /** Remembers a consistent walk (its generation did not move while it was taken). */
    public synchronized void remember(Target target, RawWalk raw) {
        Objects.requireNonNull(target, "target");
        byTask.put(raw.task(), new Entry(new WeakReference<>(target.session()), raw));
    }

    /** Forgets every walk, e.g. after the user asked for a fresh one. */
    public synchronized void clear() {
        byTask.clear();
    }
}
