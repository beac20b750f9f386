package dev.capscope.core.timeline;

import dev.capscope.core.model.CapSpace;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Moves through a recording for a scrubber: keeps one task's replayed state, so stepping forward
 * applies only the deltas in between; stepping back replays from the task's last full walk. Not
 * thread-safe: one cursor per worker.
 */
public final class RecordingCursor {
    /** Where a selector's slot came or went: at which moment, and whether it appeared (else vanished). */
    public record Mark(int momentIndex, boolean appeared) {
    }

    private final Recording recording;
    private SpaceState state;
    private String task;
    private int at = -1;

    public RecordingCursor(Recording recording) {
        this.recording = Objects.requireNonNull(recording, "recording");
    }

    /** The space of the task at a moment of that task. */
    public CapSpace spaceAt(int momentIndex) {
        Moment target = recording.moments().get(momentIndex);
        if (target.delta() == null) {
            throw new IllegalArgumentException("task '" + target.task() + "' is gone at moment " + momentIndex);
        }
        if (!target.task().equals(task) || momentIndex < at) {
            task = target.task();
            state = new SpaceState(task);
            at = -1;
        }
        List<Moment> all = recording.moments();
        int from = at + 1;
        if (at < 0) {
            from = momentIndex;
            while (from > 0 && !(all.get(from).task().equals(task) && all.get(from).full())) {
                from--;
            }
        }
        for (int i = from; i <= momentIndex; i++) {
            Moment m = all.get(i);
            if (m.task().equals(task) && m.delta() != null) {
                if (m.full()) {
                    state.clear();
                }
                state.apply(m.delta());
            }
        }
        at = momentIndex;
        return state.toSpace();
    }

    /** The moments at which the task's selector became valid or empty, in order. */
    public List<Mark> marks(String ofTask, int selector) {
        List<Mark> out = new ArrayList<>();
        boolean present = false;
        for (Moment m : recording.moments()) {
            if (!m.task().equals(ofTask)) {
                continue;
            }
            boolean now;
            if (m.delta() == null) {
                now = false;
            } else if (m.full()) {
                now = m.delta().slots().stream().anyMatch(s -> s.slot().selector() == selector);
            } else if (m.delta().slotsRemoved().contains(selector)) {
                now = false;
            } else {
                now = present || m.delta().slots().stream().anyMatch(s -> s.slot().selector() == selector);
            }
            if (now != present) {
                out.add(new Mark(m.index(), now));
                present = now;
            }
        }
        return out;
    }
}
