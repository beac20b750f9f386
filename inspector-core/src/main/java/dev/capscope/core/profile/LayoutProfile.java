package dev.capscope.core.profile;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * A Genode-on-Fiasco.OC capability layout (repos/base-foc/include/foc/native_capability.h), as
 * data. Profiles are loaded from JSON by the {@code ProfileRegistry}; nothing branches on a name.
 *
 * @param name             e.g. "genode-foc-19"
 * @param description      which releases it covers
 * @param fixedSlots       selector -> role name for core's fixed slots ("task", "parent", ...)
 * @param parentCap        PARENT_CAP
 * @param threadAreaBase   THREAD_AREA_BASE (thread 0 = main thread starts here)
 * @param threadSlotRoles  per-thread slot names in offset order, its size is THREAD_AREA_SLOT
 * @param threadMax        THREAD_MAX
 * @param userBaseCap      USER_BASE_CAP: first selector the cap-map allocator hands out
 * @param capMapEntries    entries of the cap-map array (indexed from 0); last allocator index = this - 1
 * @param capEqualIdentity true when l4_task_cap_equal compares object identity (Genode's patch)
 * @param allocatorTracked true when the runtime's cap map records every allocation of the allocator
 *                         area (Genode), so a valid cap there without an entry is a leak; false where
 *                         the allocator's bookkeeping is private (L4Re's cap allocator)
 * @param capIdBits        width of a cap-map entry's id: 16 up to Genode 24.11, 32 from 25.02
 * @param capMapEntryBytes size of one cap-map entry in the component's memory, 0 when not stated
 * @param unnamedFixedSlot role of a selector below the thread area that the profile does not name
 *                         ("unused fixed slot" for Genode, where core fills only the named ones; an
 *                         L4Re loader puts caps there that only the program's environment names)
 */
public record LayoutProfile(String name, String description, String kernel, Map<Integer, String> fixedSlots,
                            int parentCap, int threadAreaBase, List<String> threadSlotRoles, int threadMax,
                            int userBaseCap, int capMapEntries, boolean capEqualIdentity,
                            boolean allocatorTracked, int capIdBits, int capMapEntryBytes,
                            String unnamedFixedSlot) {
    /** The role of an unnamed fixed slot unless the profile says otherwise. */
    public static final String UNNAMED_FIXED_SLOT = "unused fixed slot";

    public LayoutProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unnamedFixedSlot, "unnamedFixedSlot");
        if (capIdBits != 16 && capIdBits != 32) {
            throw new IllegalArgumentException("profile " + name + ": capIdBits must be 16 or 32");
        }
        fixedSlots = Map.copyOf(new TreeMap<>(fixedSlots));
        threadSlotRoles = List.copyOf(threadSlotRoles);
        if (threadSlotRoles.isEmpty()) {
            throw new IllegalArgumentException("profile " + name + ": threadSlotRoles must not be empty");
        }
    }

    /** A profile whose unnamed fixed slots are {@value #UNNAMED_FIXED_SLOT}. */
    public LayoutProfile(String name, String description, String kernel, Map<Integer, String> fixedSlots,
                         int parentCap, int threadAreaBase, List<String> threadSlotRoles, int threadMax,
                         int userBaseCap, int capMapEntries, boolean capEqualIdentity, boolean allocatorTracked,
                         int capIdBits, int capMapEntryBytes) {
        this(name, description, kernel, fixedSlots, parentCap, threadAreaBase, threadSlotRoles, threadMax,
                userBaseCap, capMapEntries, capEqualIdentity, allocatorTracked, capIdBits, capMapEntryBytes,
                UNNAMED_FIXED_SLOT);
    }

    /** Role names of the fixed slots that docs/background.md §1 names (TASK_CAP, DEBUG_CAP, PARENT_CAP). */
    public static final String TASK = "task";
    public static final String DEBUGGER = "debugger";
    public static final String PARENT = "parent";

    /** The fixed slot with the given role name, if the profile has one. */
    public OptionalInt fixedSlot(String role) {
        for (Map.Entry<Integer, String> e : fixedSlots.entrySet()) {
            if (e.getValue().equals(role)) {
                return OptionalInt.of(e.getKey());
            }
        }
        return OptionalInt.empty();
    }

    /** TASK_CAP (L4_BASE_TASK_CAP), or -1 when the profile names no task slot. */
    public int taskCap() {
        return fixedSlot(TASK).orElse(-1);
    }

    /** DEBUG_CAP (L4_BASE_DEBUGGER_CAP); empty for profiles without one (genode-foc-16). */
    public OptionalInt debugCap() {
        return fixedSlot(DEBUGGER);
    }

    /** MAIN_THREAD_CAP: the main thread's first slot, where its cap-map entry (id 1) sits. */
    public int mainThreadCap() {
        return threadAreaBase;
    }

    /** THREAD_AREA_SLOT: caps per thread. */
    public int threadAreaSlot() {
        return threadSlotRoles.size();
    }

    /** First selector of thread i's slot group. */
    public int threadBase(int threadIndex) {
        return threadAreaBase + threadIndex * threadAreaSlot();
    }

    /** One past the last selector of the thread area. */
    public int threadAreaEnd() {
        return threadBase(threadMax);
    }

    /**
     * True when both profiles put every selector in the same place (fixed slots, thread area,
     * allocator range), i.e. a walk assembles the same under either; they may still differ in
     * what the cap map's entries hold (id width, entry size).
     */
    public boolean sameSelectorLayout(LayoutProfile o) {
        return fixedSlots.equals(o.fixedSlots) && parentCap == o.parentCap && threadAreaBase == o.threadAreaBase
                && threadSlotRoles.equals(o.threadSlotRoles) && threadMax == o.threadMax
                && userBaseCap == o.userBaseCap && capMapEntries == o.capMapEntries;
    }

    /**
     * A hash of the name and the layout numbers, consistent with the record's equals (which compares
     * every component). Written out because the record's generated hashCode assembles, on its first
     * call, a method-handle tree over all 15 components (about 20 generated classes), a cost every
     * short command that looks up a profile's layout would pay.
     */
    @Override
    public int hashCode() {
        return Objects.hash(name, kernel, parentCap, threadAreaBase, threadMax, userBaseCap, capMapEntries,
                capIdBits);
    }

    /** The largest id a cap-map entry of this layout can hold. */
    public long maxCapId() {
        return (1L << capIdBits) - 1;
    }

    /** The allocator's last index (0xFFF for 4096 entries). */
    public int lastAllocatorIndex() {
        return capMapEntries - 1;
    }
}
