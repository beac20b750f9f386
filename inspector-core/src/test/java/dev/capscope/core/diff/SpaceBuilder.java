package dev.capscope.core.diff;

import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.KernelObject;
import dev.capscope.core.model.ObjectKind;
import dev.capscope.core.model.Rights;
import dev.capscope.core.model.Semantics;
import dev.capscope.core.model.Slot;
import dev.capscope.core.model.ThreadInfo;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.profile.ProfileRegistry;
import dev.capscope.core.profile.SelectorLayout;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds Genode-shaped cap spaces for tests of diff, lint and restore: task and parent caps, thread
 * slot groups per the profile, sessions (IPC gate with label = badge, RWS, cap-map entry with
 * semantics), receive windows and raw slots/entries for planting problems. Mutable and copyable so
 * a test can derive an "after" space from a baseline.
 */
public final class SpaceBuilder {
    public static final LayoutProfile FOC19 = ProfileRegistry.builtin().get("genode-foc-19");

    private final LayoutProfile profile;
    private final String task;
    private final Map<Long, KernelObject> objects = new LinkedHashMap<>();
    private final Map<Integer, Slot> slots = new TreeMap<>();
    private final Map<Integer, CapMapEntry> entries = new TreeMap<>();
    private final Map<Integer, ThreadInfo> threads = new TreeMap<>();
    private long generation = 1;
    private long nextObjectId = 1000;

    private SpaceBuilder(LayoutProfile profile, String task) {
        this.profile = profile;
        this.task = task;
    }

    /** Task cap, parent cap (with its cap-map entry) and the main thread's slots. */
    public static SpaceBuilder genode(LayoutProfile profile, String task) {
        SpaceBuilder b = new SpaceBuilder(profile, task);
        b.slot(1, ObjectKind.TASK, 1, Rights.RWS, null);
        b.slot(profile.parentCap(), ObjectKind.IPC_GATE, 2, Rights.RWS, 2L);
        b.entry(profile.parentCap(), 2, 1, new Semantics("Parent", null, null, "init", null));
        b.thread(0, "main");
        b.entry(profile.threadBase(0), 1, 1, new Semantics("Thread", null, null, "core", null));
        return b;
    }

    public static SpaceBuilder foc19(String task) {
        return genode(FOC19, task);
    }

    public SpaceBuilder copy() {
        SpaceBuilder c = new SpaceBuilder(profile, task);
        c.objects.putAll(objects);
        c.slots.putAll(slots);
        c.entries.putAll(entries);
        c.threads.putAll(threads);
        c.generation = generation;
        c.nextObjectId = nextObjectId;
        return c;
    }

    /** Thread i with its gate, pager and irq slots (the vcpu slots stay empty). */
    public SpaceBuilder thread(int index, String name) {
        threads.put(index, new ThreadInfo(index, name, "running"));
        int base = profile.threadBase(index);
        slot(base, ObjectKind.THREAD, 100 + index * 10L, Rights.RWSD, null);
        slot(base + 1, ObjectKind.IPC_GATE, 101 + index * 10L, Rights.RWS, null);
        slot(base + 2, ObjectKind.IRQ_SENDER, 102 + index * 10L, Rights.RWS, null);
        return this;
    }

    /** A session cap: a gate (label = badge) at the selector and its cap-map entry. */
    public SpaceBuilder session(int selector, long badge, String iface, String label, String server) {
        long id = nextObjectId++;
        slot(selector, ObjectKind.IPC_GATE, id, Rights.RWS, badge);
        return entry(selector, badge, 1, new Semantics(iface, label, "ram_quota=8K, cap_quota=3", server, 8192L));
    }

    /** A valid slot naming an object (created when new; label null unless an IPC gate). */
    public SpaceBuilder slot(int selector, ObjectKind kind, long objectId, Rights rights, Long label) {
        objects.putIfAbsent(objectId, new KernelObject(objectId, kind, label));
        slots.put(selector, new Slot(selector, objectId, rights, SelectorLayout.of(profile).roleOf(selector).role()));
        return this;
    }

    /** A valid slot naming a fresh object. */
    public SpaceBuilder cap(int selector, ObjectKind kind) {
        return slot(selector, kind, nextObjectId++, Rights.RWS, null);
    }

    public SpaceBuilder entry(int index, long rawId, int refCount, Semantics semantics) {
        entries.put(index, new CapMapEntry(index, rawId, refCount, semantics));
        return this;
    }

    /** Four consecutive cap-map entries allocated without badge (a receive window), slots empty. */
    public SpaceBuilder receiveWindow(int first) {
        for (int i = 0; i < 4; i++) {
            entry(first + i, CapMapEntry.NO_BADGE, 1, Semantics.NONE);
        }
        return this;
    }

    public SpaceBuilder removeSlot(int selector) {
        slots.remove(selector);
        return this;
    }

    public SpaceBuilder removeEntry(int index) {
        entries.remove(index);
        return this;
    }

    /** Removes slot and entry (a closed session). */
    public SpaceBuilder close(int selector) {
        return removeSlot(selector).removeEntry(selector);
    }

    public SpaceBuilder generation(long g) {
        generation = g;
        return this;
    }

    public Slot slotAt(int selector) {
        return slots.get(selector);
    }

    public CapMapEntry entryAt(int index) {
        return entries.get(index);
    }

    public LayoutProfile profile() {
        return profile;
    }

    public CapSpace build() {
        List<KernelObject> used = new ArrayList<>();
        for (KernelObject o : objects.values()) {
            if (slots.values().stream().anyMatch(s -> s.objectId() == o.id())) {
                used.add(o);
            }
        }
        return new CapSpace(task, profile.name(), generation, used, new ArrayList<>(slots.values()),
                new ArrayList<>(threads.values()), new ArrayList<>(entries.values()));
    }
}
