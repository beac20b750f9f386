package dev.capscope.core.testing;

import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.KernelObject;
import dev.capscope.core.model.ObjectKind;
import dev.capscope.core.model.Rights;
import dev.capscope.core.model.Selectors;
import dev.capscope.core.model.Semantics;
import dev.capscope.core.model.Slot;
import dev.capscope.core.model.Snapshot;
import dev.capscope.core.model.SnapshotMeta;
import dev.capscope.core.model.ThreadInfo;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.profile.SelectorLayout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Builds a component's capability space the way Genode on Fiasco.OC lays it out (docs/background.md §2):
 * core maps the task cap and the parent cap (with its cap-map entry at PARENT_CAP), each thread's
 * gate/pager/irq at THREAD_AREA_BASE + i * THREAD_AREA_SLOT, the main thread's entry has id 1;
 * badges are handed out in steps of 4 from 4 (with deterministic gaps for what other components
 * took), every RPC object's IPC gate has label = badge, entries are allocated first-fit from
 * USER_BASE_CAP and receive windows take 4 consecutive entries with raw id 0xFFFF.
 *
 * <p>Deterministic: the same calls give the same space. The {@code raw...} methods break the
 * rules on purpose, to plant lint findings.
 */
public final class GenodeSpaceBuilder {
    private final LayoutProfile profile;
    private final String task;
    private final Random gaps;
    private final TreeMap<Integer, Slot> slots = new TreeMap<>();
    private final Map<Long, KernelObject> objects = new TreeMap<>();
    private final TreeMap<Integer, CapMapEntry> capMap = new TreeMap<>();
    private final List<ThreadInfo> threads = new ArrayList<>();
    private long nextObjectId;
    private long lastBadge;
    private long generation = 1;

    /**
     * @param seed      chooses the gaps between badges (other components' allocations)
     * @param firstObjectId first kernel object id used for this component's objects
     */
    public GenodeSpaceBuilder(LayoutProfile profile, String task, long seed, long firstObjectId) {
        this.profile = profile;
        this.task = task;
        this.gaps = new Random(seed);
        this.nextObjectId = firstObjectId;
        this.lastBadge = 0;
        map(profile.taskCap(), object(ObjectKind.TASK, null), Rights.RWS);
        long parentBadge = nextBadge();
        map(profile.parentCap(), object(ObjectKind.IPC_GATE, parentBadge), Rights.RWS);
        capMap.put(profile.parentCap(), new CapMapEntry(profile.parentCap(), parentBadge, 1,
                new Semantics("Parent", task, null, "init", null)));
    }

    public LayoutProfile profile() {
        return profile;
    }

    public GenodeSpaceBuilder generation(long g) {
        this.generation = g;
        return this;
    }

    /** Starts a thread: gate (its Thread object), pager (core's pager gate) and irq; returns its index. */
    public int thread(String name, String state) {
        int index = threads.size();
        threads.add(new ThreadInfo(index, name, state));
        SelectorLayout layout = SelectorLayout.of(profile);
        map(layout.threadSlotSelector(index, 0), object(ObjectKind.THREAD, null), Rights.RWS);
        map(layout.threadSlotSelector(index, 1), object(ObjectKind.IPC_GATE, nextBadge()), Rights.RWS);
        map(layout.threadSlotSelector(index, 2), object(ObjectKind.IRQ_SENDER, null), Rights.RWS);
        if (index == 0) {
            int main = profile.mainThreadCap();
            capMap.put(main, new CapMapEntry(main, 1, 1, Semantics.NONE));
        }
        return index;
    }

    /** A session cap delegated by the parent: IPC gate labelled with a fresh badge. Returns the selector. */
    public int session(String rpcInterface, String label, String args, String server, Long quota) {
        return rpcObject(new Semantics(rpcInterface, label, args, server, quota), Rights.RWS);
    }

    public int dataspace(String label, long size, String server) {
        return rpcObject(new Semantics("Dataspace", label, null, server, size), Rights.RWS);
    }

    public int signalContext(String label) {
        return rpcObject(new Semantics("Signal_context", label, null, "core", null), Rights.RWS);
    }

    /** An RPC object this component serves itself: it created the gate, so it holds D as well. */
    public int ownRpcObject(String rpcInterface, String label) {
        return rpcObject(new Semantics(rpcInterface, label, null, task, null), Rights.RWSD);
    }

    private int rpcObject(Semantics semantics, Rights rights) {
        long badge = nextBadge();
        int index = firstFree(1);
        map(index, object(ObjectKind.IPC_GATE, badge), rights);
        capMap.put(index, new CapMapEntry(index, badge, 1, semantics));
        return index;
    }

    /** Four consecutive entries allocated without badge; the slots stay empty until a cap arrives. */
    public int receiveWindow() {
        int index = firstFree(4);
        for (int i = 0; i < 4; i++) {
            capMap.put(index + i, new CapMapEntry(index + i, CapMapEntry.NO_BADGE, 1, Semantics.NONE));
        }
        return index;
    }

    /** Closes a session or frees a capability: unmaps the slot and frees the entry (first fit reuses it). */
    public GenodeSpaceBuilder release(int selector) {
        Slot s = slots.remove(selector);
        capMap.remove(selector);
        if (s != null && slots.values().stream().noneMatch(o -> o.objectId() == s.objectId())) {
            objects.remove(s.objectId());
        }
        return this;
    }

    /** A thread exits: its slots are unmapped and it leaves the thread list. */
    public GenodeSpaceBuilder exitThread(int index) {
        threads.removeIf(t -> t.index() == index);
        for (int o = 0; o < profile.threadAreaSlot(); o++) {
            release(profile.threadBase(index) + o);
        }
        return this;
    }

    // ---- rule breakers, for lint samples ----------------------------------------------------------

    /** A valid cap without a cap-map entry (a leak in the component area, or an anomaly elsewhere). */
    public GenodeSpaceBuilder rawSlot(int selector, ObjectKind kind, Long label, Rights rights) {
        map(selector, object(kind, label), rights);
        return this;
    }

    /** Unmaps a slot but keeps its cap-map entry (a dangling entry). */
    public GenodeSpaceBuilder unmapKeepingEntry(int selector) {
        Slot s = slots.remove(selector);
        if (s != null && slots.values().stream().noneMatch(o -> o.objectId() == s.objectId())) {
            objects.remove(s.objectId());
        }
        return this;
    }

    /** Writes an entry directly, bypassing the allocator. */
    public GenodeSpaceBuilder rawEntry(int index, long rawId, int refCount, Semantics semantics) {
        capMap.put(index, new CapMapEntry(index, rawId, refCount, semantics));
        return this;
    }

    /** Maps the object at {@code selector} a second time at a first-fit index, with the same badge. */
    public int duplicate(int selector) {
        Slot s = slots.get(selector);
        CapMapEntry e = capMap.get(selector);
        int index = firstFree(1);
        map(index, objects.get(s.objectId()), s.rights());
        capMap.put(index, new CapMapEntry(index, e.rawId(), 1, e.semantics()));
        return index;
    }

    public int firstFreeIndex() {
        return firstFree(1);
    }

    // ---- results -----------------------------------------------------------------------------------

    public CapSpace build() {
        SelectorLayout layout = SelectorLayout.of(profile);
        List<Slot> named = new ArrayList<>();
        for (Slot s : slots.values()) {
            named.add(new Slot(s.selector(), s.objectId(), s.rights(), layout.roleOf(s.selector()).role()));
        }
        return new CapSpace(task, profile.name(), generation, List.copyOf(objects.values()), named, threads,
                List.copyOf(capMap.values()));
    }

    public Snapshot snapshot(String name, Instant takenAt, String endpoint, String kernel, String toolVersion) {
        return new Snapshot(new SnapshotMeta(SnapshotMeta.CURRENT_SCHEMA, name, takenAt, endpoint, task, kernel,
                profile.name(), toolVersion), build());
    }

    private KernelObject object(ObjectKind kind, Long label) {
        KernelObject o = new KernelObject(nextObjectId++, kind, label);
        objects.put(o.id(), o);
        return o;
    }

    private void map(int selector, KernelObject object, Rights rights) {
        if (!Selectors.inRange(selector)) {
            throw new IllegalArgumentException("selector out of range: " + selector);
        }
        Slot old = slots.put(selector, new Slot(selector, object.id(), rights, ""));
        if (old != null) {
            throw new IllegalStateException("builder maps twice at " + Selectors.format(selector));
        }
    }

    /** Core allocates ids in steps of 4 from 4; other components take some in between. */
    private long nextBadge() {
        lastBadge += 4L * (1 + gaps.nextInt(3));
        return lastBadge;
    }

    /** First-fit: the lowest run of {@code n} free entries at or above USER_BASE_CAP. */
    private int firstFree(int n) {
        for (int i = profile.userBaseCap(); i + n - 1 <= profile.lastAllocatorIndex(); i++) {
            boolean free = true;
            for (int k = 0; k < n && free; k++) {
                free = !capMap.containsKey(i + k) && !slots.containsKey(i + k);
            }
            if (free) {
                return i;
            }
        }
        throw new IllegalStateException("cap map full");
    }
}
