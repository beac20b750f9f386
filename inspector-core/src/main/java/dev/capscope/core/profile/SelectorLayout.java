package dev.capscope.core.profile;

import dev.capscope.core.model.Selectors;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every selector 0..4296 with its area and role under one profile, computed once into an array
 * because {@link #roleOf(int)} runs per selector in walks, diffs, lint and every table row.
 */
public final class SelectorLayout {
    /** Fiasco's default cap slots (l4sys/include/consts.h); Genode leaves the ones it does not use empty. */
    private static final Map<Integer, String> L4_DEFAULT_CAPS = Map.of(
            2, "factory", 3, "thread", 4, "pager", 5, "log", 6, "icu", 7, "scheduler", 8, "iommu",
            10, "debugger", 11, "arm-smccc");
    private static final Map<LayoutProfile, SelectorLayout> CACHE = new ConcurrentHashMap<>();

    private final LayoutProfile profile;
    private final SelectorRole[] roles;

    private SelectorLayout(LayoutProfile profile) {
        this.profile = profile;
        this.roles = new SelectorRole[Selectors.COUNT];
        fill();
    }

    /** The layout of a profile; cached, layouts are immutable. */
    public static SelectorLayout of(LayoutProfile profile) {
        Objects.requireNonNull(profile, "profile");
        return CACHE.computeIfAbsent(profile, SelectorLayout::new);
    }

    public LayoutProfile profile() {
        return profile;
    }

    /** Area and role of a selector in 0..4296. */
    public SelectorRole roleOf(int selector) {
        if (!Selectors.inRange(selector)) {
            throw new IllegalArgumentException("selector out of range 0..4296: " + selector);
        }
        return roles[selector - Selectors.FIRST];
    }

    public Area areaOf(int selector) {
        return roleOf(selector).area();
    }

    /** Selector of thread i's slot at the given offset (0 = gate). */
    public int threadSlotSelector(int threadIndex, int offset) {
        if (threadIndex < 0 || threadIndex >= profile.threadMax() || offset < 0 || offset >= profile.threadAreaSlot()) {
            throw new IllegalArgumentException("no thread slot " + offset + " of thread " + threadIndex
                    + " in profile " + profile.name());
        }
        return profile.threadBase(threadIndex) + offset;
    }

    /** First selector of an area, or -1 when the profile has no selector in it. */
    public int firstOf(Area area) {
        for (int s = Selectors.FIRST; s <= Selectors.LAST; s++) {
            if (roles[s - Selectors.FIRST].area() == area) {
                return s;
            }
        }
        return -1;
    }

    /** Last selector of an area, or -1 when the profile has no selector in it. */
    public int lastOf(Area area) {
        for (int s = Selectors.LAST; s >= Selectors.FIRST; s--) {
            if (roles[s - Selectors.FIRST].area() == area) {
                return s;
            }
        }
        return -1;
    }

    private void fill() {
        int threadEnd = Math.min(profile.threadAreaEnd(), Selectors.LAST + 1);
        SelectorRole reserved = new SelectorRole(Area.CORE_RESERVED, "core reserved", -1, null);
        SelectorRole component = new SelectorRole(Area.COMPONENT, "cap map", -1, null);
        SelectorRole beyond = new SelectorRole(Area.BEYOND_ALLOCATOR, "beyond allocator", -1, null);
        for (int s = Selectors.FIRST; s <= Selectors.LAST; s++) {
            SelectorRole r;
            if (s == 0) {
                r = new SelectorRole(Area.INVALID, "invalid (selector 0)", -1, null);
            } else if (s < profile.threadAreaBase()) {
                r = new SelectorRole(Area.FIXED, fixedName(s), -1, null);
            } else if (s < threadEnd) {
                int offset = s - profile.threadAreaBase();
                int thread = offset / profile.threadAreaSlot();
                String slot = profile.threadSlotRoles().get(offset % profile.threadAreaSlot());
                r = new SelectorRole(Area.THREADS, "thread " + thread + " " + slot, thread, slot);
            } else if (s < profile.userBaseCap()) {
                r = reserved;
            } else if (s <= profile.lastAllocatorIndex()) {
                r = component;
            } else {
                r = beyond;
            }
            roles[s - Selectors.FIRST] = r;
        }
    }

    private String fixedName(int selector) {
        String named = profile.fixedSlots().get(selector);
        if (named != null) {
            return named;
        }
        String l4 = L4_DEFAULT_CAPS.get(selector);
        return l4 == null ? profile.unnamedFixedSlot() : "unused (L4 default " + l4 + ")";
    }
}
