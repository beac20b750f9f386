package dev.capscope.core.timeline;

import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.KernelObject;
import dev.capscope.core.model.Slot;
import dev.capscope.core.model.ThreadInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One task's space being replayed from a recording: deltas applied to mutable tables, a
 * {@link CapSpace} built only when a moment is asked for (building one per delta would cost a sort
 * and three indexes each time).
 */
public final class SpaceState {
    private final String task;
    private String profile;
    private long generation;
    private final TreeMap<Integer, SlotState> slots = new TreeMap<>();
    private final TreeMap<Integer, CapMapEntry> capMap = new TreeMap<>();
    private final TreeMap<Integer, ThreadInfo> threads = new TreeMap<>();

    public SpaceState(String task) {
        this.task = task;
    }

    /** Applies a delta; a full record is applied to a cleared state by the caller. */
    public void apply(SpaceDelta d) {
        generation = d.generation();
        profile = d.profile();
        d.slotsRemoved().forEach(slots::remove);
        d.slots().forEach(s -> slots.put(s.slot().selector(), s));
        d.capMapRemoved().forEach(capMap::remove);
        d.capMap().forEach(e -> capMap.put(e.index(), e));
        d.threadsRemoved().forEach(threads::remove);
        d.threads().forEach(t -> threads.put(t.index(), t));
    }

    public void clear() {
        slots.clear();
        capMap.clear();
        threads.clear();
    }

    public long generation() {
        return generation;
    }

    /**
     * The space as it is now.
     *
     * @throws IllegalArgumentException when the slots name one object id with different kinds or labels
     *                                  (a damaged recording)
     */
    public CapSpace toSpace() {
        Map<Long, KernelObject> objects = new LinkedHashMap<>();
        List<Slot> list = new ArrayList<>(slots.size());
        for (SlotState s : slots.values()) {
            KernelObject was = objects.putIfAbsent(s.object().id(), s.object());
            if (was != null && !was.equals(s.object())) {
                throw new IllegalArgumentException("object " + s.object().id() + " is recorded as two different objects");
            }
            list.add(s.slot());
        }
        return new CapSpace(task, profile, generation, List.copyOf(objects.values()), list,
                List.copyOf(threads.values()), List.copyOf(capMap.values()));
    }
}
