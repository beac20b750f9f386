package dev.capscope.core.testing;

import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.KernelObject;
import dev.capscope.core.model.ObjectKind;
import dev.capscope.core.model.Rights;
import dev.capscope.core.model.Selectors;
import dev.capscope.core.model.Slot;
import dev.capscope.core.model.Snapshot;
import dev.capscope.core.model.TargetInfo;
import dev.capscope.core.model.TaskInfo;
import dev.capscope.core.model.ThreadInfo;
import dev.capscope.core.target.CapInfo;
import dev.capscope.core.target.OperationResult;
import dev.capscope.core.target.RestoreLease;
import dev.capscope.core.target.RestoreOperation;
import dev.capscope.core.target.Target;
import dev.capscope.core.target.TargetException;
import dev.capscope.core.target.TargetException.Code;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * A {@link Target} held in memory, for tests of the walker, restore and the UI. Mutable, with the
 * Fiasco.OC semantics of docs/background.md §3 where restore relies on them: objects are global and shared
 * between tasks, mapping from an empty slot succeeds and changes nothing, mapping onto an occupied
 * slot replaces it, an object disappears with its last mapping.
 *
 * <p>Test hooks: a read-only switch ({@link #restoreAllowed(boolean)}), one-shot or delayed
 * failures per call ({@link #failOn}), a filter that falsifies cap infos ({@link #tamperCapInfos})
 * and call counters ({@link #calls}). Not thread-safe, like the port says.
 */
public final class InMemoryTarget implements Target {

    /** The port's calls, for counting and failure injection. */
    public enum Call { INFO, GENERATION, VALIDITY, CAP_INFOS, THREADS, CAP_MAP, APPLY }

    private record Mapping(long objectId, Rights rights) {
    }

    private static final class TaskState {
        final TreeMap<Integer, Mapping> slots = new TreeMap<>();
        final TreeMap<Integer, CapMapEntry> capMap = new TreeMap<>();
        final TreeMap<Integer, ThreadInfo> threads = new TreeMap<>();
        long generation;
    }

    private record Failure(int skip, TargetException exception) {
    }

    private final String endpoint;
    private final String kernel;
    private final String profile;
    private final Map<String, TaskState> tasks = new TreeMap<>();
    private final Map<Long, KernelObject> objects = new HashMap<>();
    private final Map<Call, Integer> calls = new EnumMap<>(Call.class);
    private final Map<Call, Deque<Failure>> failures = new EnumMap<>(Call.class);
    private final List<RestoreOperation> applied = new ArrayList<>();
    private final List<Long> closedSessions = new ArrayList<>();
    private UnaryOperator<List<CapInfo>> capInfoTamper = UnaryOperator.identity();
    private boolean restoreAllowed = true;
    private boolean keepRecordedBadges;
    private long nextObjectId = 0x8000_0000L;
    private boolean closed;
    /** The restore lease: task and expected generation while held, null when free. */
    private String leasedTask;
    private long leaseGeneration;
    private boolean leaseHeldElsewhere;

    public InMemoryTarget(String endpoint, String kernel, String profile) {
        this.endpoint = endpoint;
        this.kernel = kernel;
        this.profile = profile;
    }

    /** A target serving one task: the snapshot's space, under the snapshot's task name. */
    public static InMemoryTarget of(Snapshot snapshot) {
        InMemoryTarget t = new InMemoryTarget("memory:" + snapshot.meta().name(),
                snapshot.meta().kernel() == null ? "in-memory" : snapshot.meta().kernel(), snapshot.meta().profile());
        t.addTask(snapshot.space());
        return t;
    }

    /** Adds (or replaces) a task with the content of a space; objects keep their ids. */
    public InMemoryTarget addTask(CapSpace space) {
        TaskState s = new TaskState();
        s.generation = space.generation();
        for (KernelObject o : space.objects()) {
            objects.put(o.id(), o);
        }
        for (Slot slot : space.slots()) {
            s.slots.put(slot.selector(), new Mapping(slot.objectId(), slot.rights()));
        }
        space.capMap().forEach(e -> s.capMap.put(e.index(), e));
        space.threads().forEach(th -> s.threads.put(th.index(), th));
        tasks.put(space.taskName(), s);
        return this;
    }

    // ---- test controls ------------------------------------------------------------------------

    /** false makes every {@link #apply} fail with REFUSED, like capsim without --allow-restore. */
    public InMemoryTarget restoreAllowed(boolean allowed) {
        this.restoreAllowed = allowed;
        return this;
    }

    /** true: re-created sessions get their recorded badge back when it is free (default: a fresh one). */
    public InMemoryTarget keepRecordedBadges(boolean keep) {
        this.keepRecordedBadges = keep;
        return this;
    }

    /** The next call of this kind throws {@code e}. */
    public InMemoryTarget failOn(Call call, TargetException e) {
        return failOn(call, 0, e);
    }

    /** The call of this kind after {@code skip} successful ones throws {@code e} (once). */
    public InMemoryTarget failOn(Call call, int skip, TargetException e) {
        failures.computeIfAbsent(call, c -> new ArrayDeque<>()).add(new Failure(skip, e));
        return this;
    }

    /** Rewrites what {@link #capInfos} answers, to play a target that contradicts itself. */
    public InMemoryTarget tamperCapInfos(UnaryOperator<List<CapInfo>> tamper) {
        this.capInfoTamper = tamper;
        return this;
    }

    /** Plays a second client holding the restore lease: acquiring and mutating fail with LEASE_HELD. */
    public InMemoryTarget leaseHeldElsewhere(boolean held) {
        this.leaseHeldElsewhere = held;
        return this;
    }

    public boolean leaseHeld() {
        return leasedTask != null;
    }

    public int calls(Call call) {
        return calls.getOrDefault(call, 0);
    }

    /** Badges of sessions closed at their server (CloseSession), in order. */
    public List<Long> closedSessions() {
        return List.copyOf(closedSessions);
    }

    public List<RestoreOperation> appliedOperations() {
        return List.copyOf(applied);
    }

    public boolean isClosed() {
        return closed;
    }

    // ---- direct mutation (what a running component would do) --------------------------------------

    /** Creates a new kernel object and returns it (ids are unique across the target). */
    public KernelObject createObject(ObjectKind kind, Long label) {
        KernelObject o = new KernelObject(nextObjectId++, kind, label);
        objects.put(o.id(), o);
        return o;
    }

    public void map(String task, int selector, KernelObject object, Rights rights) {
        objects.putIfAbsent(object.id(), object);
        TaskState s = task(task);
        s.slots.put(checkSelector(selector), new Mapping(object.id(), rights));
        changed(s);
    }

    public void unmap(String task, int selector) {
        TaskState s = task(task);
        Mapping m = s.slots.remove(checkSelector(selector));
        if (m != null) {
            dropIfUnmapped(m.objectId());
        }
        changed(s);
    }

    public void putCapMapEntry(String task, CapMapEntry entry) {
        TaskState s = task(task);
        s.capMap.put(entry.index(), entry);
        changed(s);
    }

    public void removeCapMapEntry(String task, int index) {
        TaskState s = task(task);
        s.capMap.remove(index);
        changed(s);
    }

    public void putThread(String task, ThreadInfo thread) {
        TaskState s = task(task);
        s.threads.put(thread.index(), thread);
        changed(s);
    }

    public void removeThread(String task, int index) {
        TaskState s = task(task);
        s.threads.remove(index);
        changed(s);
    }

    /** Bumps the generation without changing content (a change the walker cannot see). */
    public void touch(String task) {
        changed(task(task));
    }

    // ---- the port ---------------------------------------------------------------------------------

    @Override
    public TargetInfo info() {
        enter(Call.INFO);
        List<TaskInfo> infos = new ArrayList<>();
        long id = 1;
        for (Map.Entry<String, TaskState> e : tasks.entrySet()) {
            infos.add(new TaskInfo(e.getKey(), id++, e.getValue().threads.size(), e.getValue().slots.size(),
                    e.getValue().generation));
        }
        return new TargetInfo(endpoint, kernel, profile, "in-memory", 1, restoreAllowed, infos);
    }

    @Override
    public long generation(String task) {
        enter(Call.GENERATION);
        return task(task).generation;
    }

    @Override
    public BitSet validity(String task, int first, int last) {
        enter(Call.VALIDITY);
        checkRange(first, last);
        BitSet bits = new BitSet(last - first + 1);
        for (int sel : task(task).slots.subMap(first, true, last, true).keySet()) {
            bits.set(sel - first);
        }
        return bits;
    }

    @Override
    public List<CapInfo> capInfos(String task, int first, int last) {
        enter(Call.CAP_INFOS);
        checkRange(first, last);
        Map<Long, Integer> counts = new HashMap<>();
        for (TaskState t : tasks.values()) {
            t.slots.values().forEach(m -> counts.merge(m.objectId(), 1, Integer::sum));
        }
        List<CapInfo> infos = new ArrayList<>();
        for (Map.Entry<Integer, Mapping> e : task(task).slots.subMap(first, true, last, true).entrySet()) {
            KernelObject o = objects.get(e.getValue().objectId());
            infos.add(new CapInfo(e.getKey(), o.id(), o.kind(), e.getValue().rights(), o.label(),
                    counts.get(o.id())));
        }
        return capInfoTamper.apply(infos);
    }

    @Override
    public List<ThreadInfo> threads(String task) {
        enter(Call.THREADS);
        return List.copyOf(task(task).threads.values());
    }

    @Override
    public List<CapMapEntry> capMap(String task) {
        enter(Call.CAP_MAP);
        return List.copyOf(task(task).capMap.values());
    }

    @Override
    public RestoreLease acquireLease(String task, long plannedGeneration) {
        if (!restoreAllowed) {
            throw new TargetException(Code.REFUSED, "refused: read-only target (start it with --allow-restore)");
        }
        if (leaseHeldElsewhere) {
            throw new TargetException(Code.LEASE_HELD, "another client holds the restore lease");
        }
        TaskState s = task(task);
        if (s.generation != plannedGeneration) {
            throw new TargetException(Code.GENERATION_MOVED, "generation " + plannedGeneration + " -> " + s.generation);
        }
        leasedTask = task;
        leaseGeneration = s.generation;
        return new RestoreLease() {
            @Override
            public long generation() {
                return leaseGeneration;
            }

            @Override
            public void close() {
                leasedTask = null;
            }
        };
    }

    @Override
    public OperationResult apply(String task, RestoreOperation operation) {
        enter(Call.APPLY);
        if (!restoreAllowed) {
            throw new TargetException(Code.REFUSED, "refused: read-only target (start it with --allow-restore)");
        }
        if (leaseHeldElsewhere) {
            throw new TargetException(Code.LEASE_HELD, "another client holds the restore lease");
        }
        if (leasedTask == null) {
            throw new TargetException(Code.REFUSED, "acquire the restore lease before changing a task");
        }
        if (!leasedTask.equals(task)) {
            throw new TargetException(Code.REJECTED, "the restore lease is for task '" + leasedTask + "'");
        }
        TaskState s = task(task);
        if (s.generation != leaseGeneration) {
            throw new TargetException(Code.GENERATION_MOVED, "generation " + leaseGeneration + " -> " + s.generation);
        }
        OperationResult result = execute(s, operation);
        applied.add(operation);
        changed(s);
        leaseGeneration = s.generation;
        return result;
    }

    @Override
    public void close() {
        closed = true;
    }

    private OperationResult execute(TaskState s, RestoreOperation operation) {
        if (operation instanceof RestoreOperation.Unmap u) {
            Mapping m = s.slots.remove(checkSelector(u.selector()));
            if (m != null) {
                dropIfUnmapped(m.objectId());
            }
        } else if (operation instanceof RestoreOperation.MapCopy c) {
            Mapping from = s.slots.get(checkSelector(c.from()));
            checkSelector(c.to());
            if (from != null) { // mapping from an empty slot succeeds and changes nothing (Fiasco)
                Mapping old = s.slots.put(c.to(), new Mapping(from.objectId(),
                        new Rights(from.rights().mask() & c.rights().mask())));
                if (old != null) {
                    dropIfUnmapped(old.objectId());
                }
            }
        } else if (operation instanceof RestoreOperation.Grant g) {
            Mapping from = s.slots.remove(checkSelector(g.from()));
            checkSelector(g.to());
            if (from != null) { // the mapping moves; rights are masked like a map's
                replace(s, g.to(), new Mapping(from.objectId(), new Rights(from.rights().mask() & g.rights().mask())));
            }
        } else if (operation instanceof RestoreOperation.CloseSession cs) {
            Mapping m = s.slots.get(checkSelector(cs.selector()));
            CapMapEntry e = s.capMap.get(cs.selector());
            if (m == null || e == null || !e.hasBadge()) {
                throw new TargetException(Code.REJECTED, "no session at " + Selectors.format(cs.selector()));
            }
            // The server destroys the session's gate: every holder loses it.
            for (TaskState t : tasks.values()) {
                t.slots.values().removeIf(x -> x.objectId() == m.objectId());
            }
            objects.remove(m.objectId());
            s.capMap.remove(cs.selector());
            closedSessions.add(e.rawId());
        } else if (operation instanceof RestoreOperation.CreateSession cs) {
            long badge = keepRecordedBadges && cs.recordedBadge() != null && !badgeInUse(cs.recordedBadge())
                    ? cs.recordedBadge() : freshBadge();
            KernelObject gate = createObject(ObjectKind.IPC_GATE, badge);
            replace(s, checkSelector(cs.selector()), new Mapping(gate.id(), Rights.RWS));
            s.capMap.put(cs.selector(), new CapMapEntry(cs.selector(), badge, 1, cs.semantics()));
            return new OperationResult(badge);
        } else if (operation instanceof RestoreOperation.CreateObject co) {
            KernelObject o = createObject(co.kind(), co.label());
            replace(s, checkSelector(co.selector()), new Mapping(o.id(), Rights.RWSD));
        } else if (operation instanceof RestoreOperation.SetCapMapEntry e) {
            s.capMap.put(checkSelector(e.index()), new CapMapEntry(e.index(), e.rawId(), e.refCount(), e.semantics()));
        } else if (operation instanceof RestoreOperation.ClearCapMapEntry e) {
            s.capMap.remove(checkSelector(e.index()));
        } else {
            throw new TargetException(Code.REJECTED, "unsupported operation " + operation);
        }
        return OperationResult.DONE;
    }

    private void replace(TaskState s, int selector, Mapping mapping) {
        Mapping old = s.slots.put(selector, mapping);
        if (old != null) {
            dropIfUnmapped(old.objectId());
        }
    }

    /** Core hands out ids in steps of 4; a fresh one is past every badge the target knows. */
    private long freshBadge() {
        long max = 0;
        for (KernelObject o : objects.values()) {
            if (o.label() != null) {
                max = Math.max(max, o.label());
            }
        }
        for (TaskState t : tasks.values()) {
            for (CapMapEntry e : t.capMap.values()) {
                if (e.hasBadge()) {
                    max = Math.max(max, e.rawId());
                }
            }
        }
        return (max / 4 + 1) * 4;
    }

    private boolean badgeInUse(long badge) {
        for (TaskState t : tasks.values()) {
            for (CapMapEntry e : t.capMap.values()) {
                if (e.rawId() == badge) {
                    return true;
                }
            }
        }
        return objects.values().stream().anyMatch(o -> o.label() != null && o.label() == badge);
    }

    private int mappingCount(long objectId) {
        int n = 0;
        for (TaskState t : tasks.values()) {
            for (Mapping m : t.slots.values()) {
                if (m.objectId() == objectId) {
                    n++;
                }
            }
        }
        return n;
    }

    private void dropIfUnmapped(long objectId) {
        if (mappingCount(objectId) == 0) {
            objects.remove(objectId);
        }
    }

    private void enter(Call call) {
        if (closed) {
            throw new TargetException(Code.UNREACHABLE, "target " + endpoint + " is closed");
        }
        calls.merge(call, 1, Integer::sum);
        Deque<Failure> pending = failures.get(call);
        if (pending != null && !pending.isEmpty()) {
            Failure f = pending.poll();
            if (f.skip() > 0) {
                pending.addFirst(new Failure(f.skip() - 1, f.exception()));
            } else {
                throw f.exception();
            }
        }
    }

    private TaskState task(String name) {
        TaskState s = tasks.get(name);
        if (s == null) {
            throw new TargetException(Code.REJECTED, "unknown task '" + name + "'; the target has "
                    + String.join(", ", tasks.keySet()));
        }
        return s;
    }

    private static void changed(TaskState s) {
        s.generation++;
    }

    private static int checkSelector(int selector) {
        if (!Selectors.inRange(selector)) {
            throw new TargetException(Code.REJECTED, "selector " + selector + " is out of range 0..4296");
        }
        return selector;
    }

    private static void checkRange(int first, int last) {
        if (first > last || !Selectors.inRange(first) || !Selectors.inRange(last)) {
            throw new TargetException(Code.REJECTED, "bad range " + first + ".." + last + " (must lie in 0..4296)");
        }
    }
}
