package dev.capscope.core.model;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.ToIntFunction;

/**
 * The capability space of one task as walked: valid slots (sorted by selector), the table of
 * objects they point into (each object once, CRIU/capDL style), threads and cap-map entries
 * (sorted by index). Immutable; value equality over all parts. A final class rather than a record
 * because it keeps lookup indexes built once on construction.
 */
public final class CapSpace {
    private final String taskName;
    private final String profile;
    private final long generation;
    private final List<KernelObject> objects;
    private final List<Slot> slots;
    private final List<ThreadInfo> threads;
    private final List<CapMapEntry> capMap;

    private final Map<Integer, Slot> slotIndex;
    private final Map<Long, KernelObject> objectIndex;
    private final Map<Integer, CapMapEntry> capMapIndex;

    public CapSpace(String taskName, String profile, long generation, List<KernelObject> objects,
                    List<Slot> slots, List<ThreadInfo> threads, List<CapMapEntry> capMap) {
        this.taskName = Objects.requireNonNull(taskName, "taskName");
        this.profile = profile;
        this.generation = generation;
        // By id, so that equal spaces are equal whatever order their objects came in.
        this.objects = objects.stream().sorted(java.util.Comparator.comparingLong(KernelObject::id)).toList();
        this.slots = sortedCopy(slots, Slot::selector, "selector");
        this.threads = sortedCopy(threads, ThreadInfo::index, "thread index");
        this.capMap = sortedCopy(capMap, CapMapEntry::index, "cap-map index");

        Map<Long, KernelObject> ob = new HashMap<>(this.objects.size() * 2);
        for (KernelObject o : this.objects) {
            if (ob.put(o.id(), o) != null) {
                throw new IllegalArgumentException("duplicate object id " + o.id());
            }
        }
        Map<Integer, Slot> sl = new HashMap<>(this.slots.size() * 2);
        for (Slot s : this.slots) {
            if (s.objectId() < 0 && s.objectId() != KernelObject.unidentifiedKey(s.selector())) {
                throw new IllegalArgumentException("slot " + Selectors.format(s.selector())
                        + " names an unidentified object keyed for another selector (" + s.objectId() + ")");
            }
            if (!ob.containsKey(s.objectId())) {
                throw new IllegalArgumentException("slot " + Selectors.format(s.selector())
                        + " names object " + s.objectId() + " which is not in the object table");
            }
            sl.put(s.selector(), s);
        }
        Map<Integer, CapMapEntry> cm = new HashMap<>(this.capMap.size() * 2);
        for (CapMapEntry e : this.capMap) {
            cm.put(e.index(), e);
        }
        this.objectIndex = Collections.unmodifiableMap(ob);
        this.slotIndex = Collections.unmodifiableMap(sl);
        this.capMapIndex = Collections.unmodifiableMap(cm);
    }

    private static <T> List<T> sortedCopy(List<T> in, ToIntFunction<T> key, String what) {
        // Walks and snapshot files give rows in order already: one pass checks that (strictly
        // ascending also means no duplicates), and the copy then keeps their order.
        boolean ascending = true;
        boolean first = true;
        int previous = 0;
        for (T t : in) {
            int k = key.applyAsInt(t);
            if (!first && k <= previous) {
                ascending = false;
                break;
            }
            first = false;
            previous = k;
        }
        if (ascending) {
            return List.copyOf(in);
        }
        TreeMap<Integer, T> m = new TreeMap<>();
        for (T t : in) {
            if (m.put(key.applyAsInt(t), t) != null) {
                throw new IllegalArgumentException("duplicate " + what + " " + key.applyAsInt(t));
            }
        }
        return List.copyOf(m.values());
    }

    public String taskName() { return taskName; }
    public String profile() { return profile; }
    public long generation() { return generation; }
    public List<KernelObject> objects() { return objects; }
    public List<Slot> slots() { return slots; }
    public List<ThreadInfo> threads() { return threads; }
    public List<CapMapEntry> capMap() { return capMap; }

    public Slot slot(int selector) {
        return slotIndex.get(selector);
    }

    public boolean isValid(int selector) {
        return slotIndex.containsKey(selector);
    }

    public KernelObject object(long id) {
        return objectIndex.get(id);
    }

    /** The object a selector names, or null when the selector is empty. */
    public KernelObject objectAt(int selector) {
        Slot s = slotIndex.get(selector);
        return s == null ? null : objectIndex.get(s.objectId());
    }

    public CapMapEntry capMapEntry(int index) {
        return capMapIndex.get(index);
    }

    /**
     * The label of the IPC gate at the entry's selector when it is not the entry's badge, else null.
     * Core puts a capability's id into its gate's label, so the two agree unless another object was
     * mapped over the slot behind the cap map's back.
     */
    public Long gateLabelContradicting(CapMapEntry e) {
        KernelObject o = objectAt(e.index());
        boolean contradicts = e.hasBadge() && o != null && o.kind() == ObjectKind.IPC_GATE && o.label() != null
                && o.label() > 0 && o.label() != e.rawId();
        return contradicts ? o.label() : null;
    }

    public Map<Integer, Slot> slotsBySelector() { return slotIndex; }
    public Map<Integer, CapMapEntry> capMapByIndex() { return capMapIndex; }

    @Override
    public boolean equals(Object o) {
        return o instanceof CapSpace c && generation == c.generation && taskName.equals(c.taskName)
                && Objects.equals(profile, c.profile) && objects.equals(c.objects) && slots.equals(c.slots)
                && threads.equals(c.threads) && capMap.equals(c.capMap);
    }

    @Override
    public int hashCode() {
        return Objects.hash(taskName, profile, generation, slots, capMap);
    }

    @Override
    public String toString() {
        return "CapSpace[" + taskName + ", " + slots.size() + " valid slots, " + capMap.size()
                + " cap-map entries, " + threads.size() + " threads, generation " + generation + "]";
    }
}
