package dev.capscope.core.diff;

import dev.capscope.core.model.ThreadInfo;

import java.util.Objects;

/**
 * The fate of one thread index between baseline and after. Threads pair by index (their slots sit
 * at THREAD_AREA_BASE + index * THREAD_AREA_SLOT, so the index is the thread's place in the cap
 * space); a new name or state at the same index is CHANGED. Never REBOUND: a thread's name is its
 * meaning, and restore cannot rename or re-create threads.
 */
public record ThreadDiff(DiffStatus status, ThreadInfo before, ThreadInfo after) {
    public ThreadDiff {
        Objects.requireNonNull(status, "status");
        if (before == null && after == null) {
            throw new IllegalArgumentException("a thread diff needs at least one side");
        }
    }

    public int index() {
        return after != null ? after.index() : before.index();
    }

    /** "name 'worker' -> 'intruder', state running -> blocked" for CHANGED rows, else "". */
    public String changeText() {
        if (before == null || after == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        if (!before.name().equals(after.name())) {
            b.append("name '").append(before.name()).append("' -> '").append(after.name()).append('\'');
        }
        if (!before.state().equals(after.state())) {
            b.append(b.isEmpty() ? "" : ", ").append("state ").append(before.state()).append(" -> ")
                    .append(after.state());
        }
        return b.toString();
    }

    static ThreadDiff of(ThreadInfo before, ThreadInfo after) {
        if (before == null) {
            return new ThreadDiff(DiffStatus.ADDED, null, after);
        }
        if (after == null) {
            return new ThreadDiff(DiffStatus.REMOVED, before, null);
        }
        return new ThreadDiff(before.equals(after) ? DiffStatus.UNCHANGED : DiffStatus.CHANGED, before, after);
    }
}
