package dev.capscope.core.diff;

import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.KernelObject;
import dev.capscope.core.model.ObjectKind;
import dev.capscope.core.model.Selectors;
import dev.capscope.core.model.Slot;
import dev.capscope.core.model.ThreadInfo;
import dev.capscope.core.profile.Area;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.profile.ProfileRegistry;
import dev.capscope.core.profile.SelectorLayout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * Compares two cap spaces of the same layout: {@code engine.compare(baseline, after, MatchKey.SELECTOR)}.
 *
 * <p>Cap-map entries are paired first ({@link CapMapMatcher}); slots follow their entries (a cap
 * whose entry moved is compared with the slot at the new index), and slots without an entry pair by
 * selector. Per-selector state lives in arrays indexed by selector, built once per diff, so the
 * cost is linear in the number of valid slots and entries.
 *
 * <p>A slot's meaning counts as known (so that a new object id makes it REBOUND rather than
 * CHANGED) in the core-controlled areas, where the profile names the role, and in the component
 * area when both sides carry cap-map entries with the same known meaning.
 *
 * <p>Immutable and thread-safe; build one per profile and reuse it.
 */
public final class DiffEngine {
    private static final Comparator<SlotDiff> SLOT_ORDER =
            Comparator.comparingInt(SlotDiff::selector).thenComparingInt(SlotDiff::beforeSelector);
    private static final Comparator<CapMapDiff> ENTRY_ORDER =
            Comparator.comparingInt(CapMapDiff::index).thenComparingInt(CapMapDiff::beforeIndex);
    private static final DiffStatus[] STATUSES = DiffStatus.values();
    private static final ObjectKind[] KINDS = ObjectKind.values();
    private static final Area[] AREAS = Area.values();

    private final Area[] areaBySelector = new Area[Selectors.COUNT];

    private DiffEngine(IntFunction<Area> areaOf) {
        for (int s = Selectors.FIRST; s <= Selectors.LAST; s++) {
            areaBySelector[s] = Objects.requireNonNull(areaOf.apply(s), "area of selector " + s);
        }
    }

    /** An engine that takes areas from the given function (selector -> area). */
    public static DiffEngine of(IntFunction<Area> areaOf) {
        return new DiffEngine(areaOf);
    }

    /** An engine that takes areas from the profile's selector layout. */
    public static DiffEngine forProfile(LayoutProfile profile) {
        return new DiffEngine(SelectorLayout.of(profile)::areaOf);
    }

    /**
     * Convenience for the built-in profiles: diffs with the profile the baseline names.
     *
     * @throws dev.capscope.core.profile.UnknownProfileException when it is not a built-in profile;
     *         use {@link #forProfile(LayoutProfile)} with a loaded one instead
     */
    public static DiffResult diff(CapSpace before, CapSpace after, MatchKey key) {
        return forProfile(ProfileRegistry.builtin().get(before.profile())).compare(before, after, key);
    }

    public Area areaOf(int selector) {
        return areaBySelector[selector];
    }

    /** Compares a baseline with an after space; see the class comment for how rows pair. */
    public DiffResult compare(CapSpace before, CapSpace after, MatchKey key) {
        Objects.requireNonNull(key, "key");
        Sides sides = new Sides(before, after);
        List<CapMapEntry> beforeMap = before.capMap();
        List<CapMapEntry> afterMap = after.capMap();
        int[] partner = CapMapMatcher.match(beforeMap, afterMap, key);

        Counter capCounts = new Counter();
        List<CapMapDiff> entryRows = new ArrayList<>(beforeMap.size() + 8);
        boolean[] afterEntryTaken = new boolean[afterMap.size()];
        int[] slotPartner = new int[Selectors.COUNT];
        Arrays.fill(slotPartner, -1);
        boolean[] afterClaimed = new boolean[Selectors.COUNT];
        boolean[] beforeHasEntry = new boolean[Selectors.COUNT];

        for (int b = 0; b < beforeMap.size(); b++) {
            CapMapEntry be = beforeMap.get(b);
            beforeHasEntry[be.index()] = true;
            CapMapEntry ae = partner[b] < 0 ? null : afterMap.get(partner[b]);
            if (ae == null) {
                entryRows.add(capCounts.count(new CapMapDiff(DiffStatus.REMOVED, be, null, area(be.index()), List.of())));
                continue;
            }
            afterEntryTaken[partner[b]] = true;
            slotPartner[be.index()] = ae.index();
            afterClaimed[ae.index()] = true;
            FieldDiffer fd = FieldDiffer.entries(be, ae);
            DiffStatus st = fd.status(be.semantics().rpcInterface() != null);
            entryRows.add(capCounts.count(new CapMapDiff(st, be, ae, area(ae.index()), fd.changes())));
        }
        for (int a = 0; a < afterMap.size(); a++) {
            if (!afterEntryTaken[a]) {
                CapMapEntry ae = afterMap.get(a);
                afterClaimed[ae.index()] = true;
                entryRows.add(capCounts.count(new CapMapDiff(DiffStatus.ADDED, null, ae, area(ae.index()), List.of())));
            }
        }

        Counter slotCounts = new Counter();
        List<Slot> beforeSlots = before.slots();
        List<SlotDiff> slotRows = new ArrayList<>(beforeSlots.size() + 8);
        boolean[] afterSlotConsumed = new boolean[Selectors.COUNT];
        for (Slot bs : beforeSlots) {
            int s = bs.selector();
            int p = slotPartner[s];
            if (p < 0 && !beforeHasEntry[s] && !afterClaimed[s]) {
                p = s;
            }
            Slot as = p < 0 ? null : sides.afterSlots[p];
            KernelObject bo = before.object(bs.objectId());
            if (as == null) {
                slotRows.add(slotCounts.count(new SlotDiff(DiffStatus.REMOVED, bs, bo, null, null, area(s), List.of())));
                continue;
            }
            afterSlotConsumed[p] = true;
            KernelObject ao = after.object(as.objectId());
            FieldDiffer fd = FieldDiffer.slots(bs, bo, as, ao);
            DiffStatus st = fd.status(slotMeaningKnown(sides, s, p));
            slotRows.add(slotCounts.count(new SlotDiff(st, bs, bo, as, ao, area(p), fd.changes())));
        }
        for (Slot as : after.slots()) {
            if (!afterSlotConsumed[as.selector()]) {
                slotRows.add(slotCounts.count(new SlotDiff(DiffStatus.ADDED, null, null, as,
                        after.object(as.objectId()), area(as.selector()), List.of())));
            }
        }
        // Rows were produced in baseline order with added rows last: sort once (nearly sorted
        // input, so TimSort is close to linear).
        slotRows.sort(SLOT_ORDER);
        entryRows.sort(ENTRY_ORDER);
        return new DiffResult(key, slotRows, entryRows, slotCounts.total(), capCounts.total(),
                slotCounts.byKind(), slotCounts.byArea(), capCounts.byArea(), threads(before, after));
    }

    /** Threads pair by index; both lists are sorted by index (CapSpace keeps them so). */
    private static List<ThreadDiff> threads(CapSpace before, CapSpace after) {
        Map<Integer, ThreadInfo> b = new java.util.TreeMap<>();
        before.threads().forEach(t -> b.put(t.index(), t));
        Map<Integer, ThreadInfo> a = new java.util.TreeMap<>();
        after.threads().forEach(t -> a.put(t.index(), t));
        java.util.SortedSet<Integer> indices = new java.util.TreeSet<>(b.keySet());
        indices.addAll(a.keySet());
        List<ThreadDiff> rows = new ArrayList<>(indices.size());
        for (int i : indices) {
            rows.add(ThreadDiff.of(b.get(i), a.get(i)));
        }
        return rows;
    }

    private Area area(int selector) {
        return areaBySelector[selector];
    }

    private boolean slotMeaningKnown(Sides sides, int beforeSel, int afterSel) {
        Area area = areaBySelector[afterSel];
        if (area != Area.COMPONENT && area != Area.BEYOND_ALLOCATOR) {
            return true;
        }
        CapMapEntry be = sides.beforeEntries[beforeSel];
        CapMapEntry ae = sides.afterEntries[afterSel];
        return be != null && ae != null && CapMapMatcher.sameMeaning(be.semantics(), ae.semantics());
    }

    /** Both spaces' slots and entries indexed by selector. */
    private static final class Sides {
        final Slot[] afterSlots = new Slot[Selectors.COUNT];
        final CapMapEntry[] beforeEntries = new CapMapEntry[Selectors.COUNT];
        final CapMapEntry[] afterEntries = new CapMapEntry[Selectors.COUNT];

        Sides(CapSpace before, CapSpace after) {
            for (Slot s : after.slots()) {
                afterSlots[s.selector()] = s;
            }
            for (CapMapEntry e : before.capMap()) {
                beforeEntries[e.index()] = e;
            }
            for (CapMapEntry e : after.capMap()) {
                afterEntries[e.index()] = e;
            }
        }
    }

    /** Status counts in plain int arrays; records are made once at the end. */
    private static final class Counter {
        private final int[] total = new int[STATUSES.length];
        private final int[][] byKind = new int[KINDS.length][STATUSES.length];
        private final int[][] byArea = new int[AREAS.length][STATUSES.length];
        private final boolean[] kindSeen = new boolean[KINDS.length];
        private final boolean[] areaSeen = new boolean[AREAS.length];

        SlotDiff count(SlotDiff d) {
            int st = d.status().ordinal();
            total[st]++;
            int k = d.kind().ordinal();
            byKind[k][st]++;
            kindSeen[k] = true;
            areaSeen[d.area().ordinal()] = true;
            byArea[d.area().ordinal()][st]++;
            return d;
        }

        CapMapDiff count(CapMapDiff d) {
            int st = d.status().ordinal();
            total[st]++;
            areaSeen[d.area().ordinal()] = true;
            byArea[d.area().ordinal()][st]++;
            return d;
        }

        StatusCounts total() {
            return StatusCounts.of(total);
        }

        Map<ObjectKind, StatusCounts> byKind() {
            Map<ObjectKind, StatusCounts> m = new EnumMap<>(ObjectKind.class);
            for (ObjectKind k : KINDS) {
                if (kindSeen[k.ordinal()]) {
                    m.put(k, StatusCounts.of(byKind[k.ordinal()]));
                }
            }
            return m;
        }

        Map<Area, StatusCounts> byArea() {
            Map<Area, StatusCounts> m = new EnumMap<>(Area.class);
            for (Area a : AREAS) {
                if (areaSeen[a.ordinal()]) {
                    m.put(a, StatusCounts.of(byArea[a.ordinal()]));
                }
            }
            return m;
        }
    }
}
