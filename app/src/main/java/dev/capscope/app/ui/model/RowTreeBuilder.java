package dev.capscope.app.ui.model;

import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.KernelObject;
import dev.capscope.core.model.ObjectKind;
import dev.capscope.core.model.Slot;
import dev.capscope.core.model.ThreadInfo;
import dev.capscope.core.profile.Area;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.profile.SelectorRole;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * Turns a walked space into tree rows: area -> fixed slots / threads -> per-thread slots /
 * cap-map entries grouped by interface, kind or range. A 4,000-entry space takes about 3 ms, so
 * a walk's rows are built on the background worker with the walk; the UI thread builds them only
 * for a grouping or profile change. Thread-safe: {@link #leaves} locks the builder (its row cache).
 */
public final class RowTreeBuilder {
    /** Width of a "by range" group of the component area. */
    public static final int RANGE = 256;

    private final LayoutProfile profile;
    private final IntFunction<SelectorRole> roles;
    /** Last row per selector with what it was made from: unchanged selectors reuse their Row instance. */
    private final Map<Integer, Cached> cache = new HashMap<>();

    private record Cached(Slot slot, KernelObject obj, CapMapEntry entry, ThreadInfo thread, List<String> lint,
                          Row row) {
    }

    public RowTreeBuilder(LayoutProfile profile, IntFunction<SelectorRole> roles) {
        this.profile = profile;
        this.roles = roles;
    }

    public LayoutProfile profile() {
        return profile;
    }

    public SelectorRole roleOf(int selector) {
        return roles.apply(selector);
    }

    /** Every selector row of the space (valid slots, cap-map entries, and empty role slots if asked). */
    public synchronized List<Leaf> leaves(CapSpace space, Grouping grouping, boolean showEmpty, Map<Integer, List<String>> lint) {
        TreeSet<Integer> selectors = new TreeSet<>(space.slotsBySelector().keySet());
        selectors.addAll(space.capMapByIndex().keySet());
        selectors.addAll(lint.keySet());
        if (showEmpty) {
            selectors.addAll(profile.fixedSlots().keySet());
            for (ThreadInfo t : space.threads()) {
                for (int i = 0; i < profile.threadAreaSlot(); i++) {
                    selectors.add(profile.threadBase(t.index()) + i);
                }
            }
        }
        Map<Integer, ThreadInfo> threads = new HashMap<>();
        for (ThreadInfo t : space.threads()) {
            threads.put(t.index(), t);
        }
        List<Leaf> out = new ArrayList<>(selectors.size());
        for (int sel : selectors) {
            SelectorRole role = roles.apply(sel);
            Row row = selectorRow(space, sel, role, threads, lint.getOrDefault(sel, List.of()));
            out.add(new Leaf(row, path(role, row, space, threads, grouping)));
        }
        return out;
    }

    private Row selectorRow(CapSpace space, int sel, SelectorRole role, Map<Integer, ThreadInfo> threads,
                            List<String> lint) {
        Slot slot = space.slot(sel);
        KernelObject obj = slot == null ? null : space.object(slot.objectId());
        CapMapEntry entry = space.capMapEntry(sel);
        ThreadInfo thread = role.isThreadSlot() ? threads.get(role.threadIndex()) : null;
        Cached c = cache.get(sel);
        if (c != null && java.util.Objects.equals(c.slot, slot) && java.util.Objects.equals(c.obj, obj)
                && java.util.Objects.equals(c.entry, entry) && java.util.Objects.equals(c.thread, thread)
                && c.lint.equals(lint)) {
            return c.row;
        }
        Row row = makeRow(sel, role, slot, obj, entry, threads, lint);
        cache.put(sel, new Cached(slot, obj, entry, thread, lint, row));
        return row;
    }

    private Row makeRow(int sel, SelectorRole role, Slot slot, KernelObject obj, CapMapEntry entry,
                        Map<Integer, ThreadInfo> threads, List<String> lint) {
        String kind = obj == null ? "" : obj.kind().kernelName();
        String badge = "";
        String refs = "";
        String meaning = "";
        if (entry != null) {
            badge = entry.hasBadge() ? Long.toString(entry.rawId()) : "none";
            refs = Integer.toString(entry.refCount());
            meaning = entry.semantics().describe();
            if (!entry.hasBadge() && meaning.isEmpty()) {
                meaning = "allocated without badge (receive window)";
            }
        } else if (obj != null && obj.label() != null) {
            badge = Long.toString(obj.label());
        }
        if (meaning.isEmpty() && role.isThreadSlot()) {
            ThreadInfo t = threads.get(role.threadIndex());
            meaning = t == null ? "no such thread" : "thread '" + t.name() + "' (" + t.state() + ")";
        }
        boolean empty = slot == null && entry == null;
        boolean anomaly = !lint.isEmpty() || slot != null
                && (role.area() == Area.INVALID || role.area() == Area.BEYOND_ALLOCATOR);
        // A valid slot keeps the role it was walked with (the runtime's own names, e.g. L4Re's env).
        String roleName = slot != null && !slot.role().isEmpty() ? slot.role() : role.role();
        return new Row(Row.selectorKey(sel), RowKind.SELECTOR, role.area(), sel, "0x" + Integer.toHexString(sel),
                empty ? roleName + " (empty)" : roleName, kind, obj == null || !obj.idKnown() ? -1 : obj.id(), badge, refs,
                slot == null ? "" : slot.rights().toString(), meaning, RowStatus.NORMAL, lint, empty, anomaly);
    }

    private List<Leaf.GroupRef> path(SelectorRole role, Row row, CapSpace space, Map<Integer, ThreadInfo> threads,
                                     Grouping grouping) {
        Area area = role.area();
        Leaf.GroupRef areaRef = new Leaf.GroupRef(Row.group("area:" + area.name(), RowKind.AREA, area,
                areaTitle(area), ""), area.ordinal());
        if (role.isThreadSlot()) {
            int i = role.threadIndex();
            ThreadInfo t = threads.get(i);
            String title = "thread " + i + (t == null ? "" : " " + t.name());
            String meaning = t == null ? "slots of a thread the target does not list" : t.state();
            Row g = Row.group("thread:" + i, RowKind.THREAD, area, title, meaning);
            return List.of(areaRef, new Leaf.GroupRef(g, i));
        }
        if (area == Area.COMPONENT || area == Area.BEYOND_ALLOCATOR) {
            return List.of(areaRef, componentGroup(row, space, area, grouping));
        }
        return List.of(areaRef);
    }

    private Leaf.GroupRef componentGroup(Row row, CapSpace space, Area area, Grouping grouping) {
        int sel = row.selector();
        switch (grouping) {
            case BY_RANGE -> {
                int start = sel / RANGE * RANGE;
                String title = String.format("0x%x–0x%x", start, Math.min(start + RANGE - 1, 4296));
                return new Leaf.GroupRef(Row.group("grp:" + area.name() + ":r" + start, RowKind.GROUP, area, title, ""), start);
            }
            case BY_KIND -> {
                KernelObject obj = space.objectAt(sel);
                ObjectKind k = obj == null ? null : obj.kind();
                String title = k == null ? "no kernel object (dangling entry)" : k.kernelName();
                long order = k == null ? 1000 : k.ordinal();
                return new Leaf.GroupRef(Row.group("grp:" + area.name() + ":k" + title, RowKind.GROUP, area, title, ""), order);
            }
            default -> {
                String title = interfaceOf(space, sel);
                return new Leaf.GroupRef(Row.group("grp:" + area.name() + ":i" + title, RowKind.GROUP, area, title, ""),
                        title.startsWith("(") ? 1L << 40 : 0);
            }
        }
    }

    /** The RPC interface of an entry, or a parenthesised description of why there is none. */
    static String interfaceOf(CapSpace space, int sel) {
        CapMapEntry e = space.capMapEntry(sel);
        if (e == null) {
            return space.isValid(sel) ? "(no cap-map entry)" : "(empty)";
        }
        if (e.semantics().rpcInterface() != null) {
            return e.semantics().rpcInterface();
        }
        return e.hasBadge() ? "(interface unknown)" : "(receive windows)";
    }

    static String areaTitle(Area area) {
        return switch (area) {
            case INVALID -> "selector 0 (invalid)";
            case FIXED -> "fixed slots";
            case THREADS -> "thread slots";
            case CORE_RESERVED -> "core reserved";
            case COMPONENT -> "component area (cap map)";
            case BEYOND_ALLOCATOR -> "beyond allocator";
        };
    }

    /** Assembles leaves (already marked and filtered) into the tree; group titles get counts. */
    public static RowNode assemble(List<Leaf> leaves, Predicate<Row> filter) {
        Group root = new Group(Row.group("root", RowKind.AREA, null, "", ""), 0);
        for (Leaf leaf : leaves) {
            if (!filter.test(leaf.row())) {
                continue;
            }
            boolean counts = !leaf.row().empty() && leaf.row().status() != RowStatus.REMOVED;
            Group g = root;
            for (Leaf.GroupRef ref : leaf.path()) {
                g = g.child(ref);
                if (counts) {
                    g.count++;
                }
            }
            g.leaves.add(leaf.row());
        }
        return root.toNode(true);
    }

    private static final class Group {
        final Row row;
        final long order;
        final Map<String, Group> groups = new LinkedHashMap<>();
        final List<Row> leaves = new ArrayList<>();
        int count;

        Group(Row row, long order) {
            this.row = row;
            this.order = order;
        }

        Group child(Leaf.GroupRef ref) {
            Group g = groups.computeIfAbsent(ref.row().key(), k -> new Group(ref.row(), ref.order()));
            return g;
        }

        RowNode toNode(boolean isRoot) {
            List<RowNode> kids = new ArrayList<>(groups.size() + leaves.size());
            TreeMap<String, Group> sorted = new TreeMap<>();
            for (Group g : groups.values()) {
                sorted.put(String.format("%020d|%s", g.order, g.row.title()), g);
            }
            for (Group g : sorted.values()) {
                kids.add(g.toNode(false));
            }
            leaves.sort(java.util.Comparator.comparingInt(Row::selector));
            for (Row r : leaves) {
                kids.add(new RowNode(r, List.of()));
            }
            Row r = isRoot ? row : row.withTitle(row.title() + "  (" + count + ")");
            return new RowNode(r, kids);
        }
    }
}
