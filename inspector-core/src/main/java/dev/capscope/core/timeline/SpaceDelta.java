package dev.capscope.core.timeline;

import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.Slot;
import dev.capscope.core.model.ThreadInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What changed in one task's space between two moments: slots, cap-map entries and threads set
 * (added or changed, in full) and removed (by key). A delta from nothing is a full space.
 *
 * @param generation  the task's generation after the change
 * @param profile     the space's profile after the change
 * @param slotsAdded  how many of {@code slots} are new (the rest changed), for summaries
 * @param entriesAdded how many of {@code capMap} are new
 */
public record SpaceDelta(long generation, String profile, List<SlotState> slots, List<Integer> slotsRemoved,
                         List<CapMapEntry> capMap, List<Integer> capMapRemoved, List<ThreadInfo> threads,
                         List<Integer> threadsRemoved, int slotsAdded, int entriesAdded) {
    public SpaceDelta {
        slots = List.copyOf(slots);
        slotsRemoved = List.copyOf(slotsRemoved);
        capMap = List.copyOf(capMap);
        capMapRemoved = List.copyOf(capMapRemoved);
        threads = List.copyOf(threads);
        threadsRemoved = List.copyOf(threadsRemoved);
    }

    /** The changes that turn {@code before} (null: nothing yet) into {@code after}. */
    public static SpaceDelta between(CapSpace before, CapSpace after) {
        Objects.requireNonNull(after, "after");
        List<SlotState> slots = new ArrayList<>();
        List<Integer> slotsRemoved = new ArrayList<>();
        int slotsAdded = 0;
        Map<Integer, Slot> old = before == null ? Map.of() : before.slotsBySelector();
        for (Slot s : after.slots()) {
            Slot was = old.get(s.selector());
            if (was == null) {
                slotsAdded++;
            }
            if (was == null || !was.equals(s) || !before.object(was.objectId()).equals(after.object(s.objectId()))) {
                slots.add(new SlotState(s, after.object(s.objectId())));
            }
        }
        for (Integer sel : new TreeMap<>(old).keySet()) {
            if (!after.isValid(sel)) {
                slotsRemoved.add(sel);
            }
        }
        List<CapMapEntry> entries = new ArrayList<>();
        List<Integer> entriesRemoved = new ArrayList<>();
        int entriesAdded = 0;
        Map<Integer, CapMapEntry> oldEntries = before == null ? Map.of() : before.capMapByIndex();
        for (CapMapEntry e : after.capMap()) {
            CapMapEntry was = oldEntries.get(e.index());
            if (was == null) {
                entriesAdded++;
            }
            if (!e.equals(was)) {
                entries.add(e);
            }
        }
        for (Integer idx : new TreeMap<>(oldEntries).keySet()) {
            if (after.capMapEntry(idx) == null) {
                entriesRemoved.add(idx);
            }
        }
        List<ThreadInfo> threads = new ArrayList<>();
        List<Integer> threadsRemoved = new ArrayList<>();
        Map<Integer, ThreadInfo> oldThreads = new TreeMap<>();
        if (before != null) {
            before.threads().forEach(t -> oldThreads.put(t.index(), t));
        }
        Map<Integer, ThreadInfo> newThreads = new TreeMap<>();
        after.threads().forEach(t -> newThreads.put(t.index(), t));
        newThreads.forEach((i, t) -> {
            if (!t.equals(oldThreads.get(i))) {
                threads.add(t);
            }
        });
        oldThreads.keySet().forEach(i -> {
            if (!newThreads.containsKey(i)) {
                threadsRemoved.add(i);
            }
        });
        return new SpaceDelta(after.generation(), after.profile(), slots, slotsRemoved, entries, entriesRemoved,
                threads, threadsRemoved, slotsAdded, entriesAdded);
    }

    /** No part of the space changed (only, perhaps, the generation). */
    public boolean empty() {
        return slots.isEmpty() && slotsRemoved.isEmpty() && capMap.isEmpty() && capMapRemoved.isEmpty()
                && threads.isEmpty() && threadsRemoved.isEmpty();
    }

    /** "+2 slots, -1 entry, ~1 thread: LOG 'x' @core" — one line for a timeline. */
    public String summary() {
        List<String> parts = new ArrayList<>();
        count(parts, "+", slotsAdded, "slot");
        count(parts, "~", slots.size() - slotsAdded, "slot");
        count(parts, "-", slotsRemoved.size(), "slot");
        count(parts, "+", entriesAdded, "entry");
        count(parts, "~", capMap.size() - entriesAdded, "entry");
        count(parts, "-", capMapRemoved.size(), "entry");
        count(parts, "±", threads.size(), "thread");
        count(parts, "-", threadsRemoved.size(), "thread");
        String counts = parts.isEmpty() ? "no change" : String.join(", ", parts);
        String what = capMap.stream().map(e -> e.semantics().describe()).filter(d -> !d.isEmpty()).findFirst()
                .orElse("");
        return what.isEmpty() ? counts : counts + ": " + what;
    }

    private static void count(List<String> parts, String sign, int n, String what) {
        if (n > 0) {
            parts.add(sign + n + " " + (n == 1 ? what : what.equals("entry") ? "entries" : what + "s"));
        }
    }
}
