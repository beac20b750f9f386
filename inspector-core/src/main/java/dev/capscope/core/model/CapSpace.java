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

    // Lookup indexes, built once: no boxed keys, since a walk builds a space per task and pulse.
    private final LongIndex objectIndex; // object id -> position in objects
    private final char[] slotAt;         // selector -> position in slots + 1, 0 when empty
    private final char[] capMapAt;       // cap-map index -> position in capMap + 1, 0 when none
    private volatile Map<Integer, Slot> slotMap; // the map views, made when first asked for
    private volatile Map<Integer, CapMapEntry> capMapMap;

    public CapSpace(String taskName, String profile, long generation, List<KernelObject> objects,
                    List<Slot> slots, List<ThreadInfo> threads, List<CapMapEntry> capMap) {
        this.taskName = Objects.requireNonNull(taskName, "taskName");
        this.profile = profile;
        this.generation = generation;
        // By id, so that equal spaces are equal whatever order their objects came in.
        this.objects = sortedById(objects);
        this.slots = sortedCopy(slots, Slot::selector, "selector");
        this.threads = sortedCopy(threads, ThreadInfo::index, "thread index");
        this.capMap = sortedCopy(capMap, CapMapEntry::index, "cap-map index");

        LongIndex ob = new LongIndex(this.objects.size());
        for (int i = 0; i < this.objects.size(); i++) {
            if (ob.putIfAbsent(this.objects.get(i).id(), i) >= 0) {
                throw new IllegalArgumentException("duplicate object id " + this.objects.get(i).id());
            }
        }
        char[] sl = new char[this.slots.isEmpty() ? 0 : this.slots.get(this.slots.size() - 1).selector() + 1];
        for (int i = 0; i < this.slots.size(); i++) {
            Slot s = this.slots.get(i);
            if (s.objectId() < 0 && s.objectId() != KernelObject.unidentifiedKey(s.selector())) {
                throw new IllegalArgumentException("slot " + Selectors.format(s.selector())
                        + " names an unidentified object keyed for another selector (" + s.objectId() + ")");
            }
            if (ob.get(s.objectId()) < 0) {
                throw new IllegalArgumentException("slot " + Selectors.format(s.selector())
                        + " names object " + s.objectId() + " which is not in the object table");
            }
            sl[s.selector()] = (char) (i + 1);
        }
        char[] cm = new char[this.capMap.isEmpty() ? 0 : this.capMap.get(this.capMap.size() - 1).index() + 1];
        for (int i = 0; i < this.capMap.size(); i++) {
            cm[this.capMap.get(i).index()] = (char) (i + 1);
        }
        this.objectIndex = ob;
        this.slotAt = sl;
        this.capMapAt = cm;
    }

    /** The objects ordered by id; a list already in order (as walks and files give it) is only copied. */
    private static List<KernelObject> sortedById(List<KernelObject> in) {
        boolean ascending = true;
        for (int i = 1; i < in.size() && ascending; i++) {
            ascending = in.get(i - 1).id() < in.get(i).id();
        }
        if (ascending) {
            return List.copyOf(in);
        }
        KernelObject[] sorted = in.toArray(new KernelObject[0]);
        java.util.Arrays.sort(sorted, java.util.Comparator.comparingLong(KernelObject::id));
        return List.of(sorted);
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
        int at = selector >= 0 && selector < slotAt.length ? slotAt[selector] : 0;
        return at == 0 ? null : slots.get(at - 1);
    }

    public boolean isValid(int selector) {
        return slot(selector) != null;
    }

    public KernelObject object(long id) {
        int at = objectIndex.get(id);
        return at < 0 ? null : objects.get(at);
    }

    /** The object a selector names, or null when the selector is empty. */
    public KernelObject objectAt(int selector) {
        Slot s = slot(selector);
        return s == null ? null : object(s.objectId());
    }

    public CapMapEntry capMapEntry(int index) {
        int at = index >= 0 && index < capMapAt.length ? capMapAt[index] : 0;
        return at == 0 ? null : capMap.get(at - 1);
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

    public Map<Integer, Slot> slotsBySelector() {
        Map<Integer, Slot> m = slotMap;
        if (m == null) {
            slotMap = m = byKey(slots, Slot::selector);
        }
        return m;
    }

    public Map<Integer, CapMapEntry> capMapByIndex() {
        Map<Integer, CapMapEntry> m = capMapMap;
        if (m == null) {
            capMapMap = m = byKey(capMap, CapMapEntry::index);
        }
        return m;
    }

    private static <T> Map<Integer, T> byKey(List<T> rows, ToIntFunction<T> key) {
        Map<Integer, T> m = new HashMap<>(rows.size() * 2);
        for (T t : rows) {
            m.put(key.applyAsInt(t), t);
        }
        return Collections.unmodifiableMap(m);
    }

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
