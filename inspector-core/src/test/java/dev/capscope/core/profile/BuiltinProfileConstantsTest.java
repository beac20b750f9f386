package dev.capscope.core.profile;

import dev.capscope.core.model.Selectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every constant of docs/background.md §1 (repos/base-foc/include/foc/native_capability.h), read through
 * the shipped JSON files and checked again through the selector layout.
 */
class BuiltinProfileConstantsTest {

    /** name, TASK_CAP, DEBUG_CAP (-1 = none), PARENT_CAP, THREAD_AREA_BASE, THREAD_AREA_SLOT, THREAD_MAX, USER_BASE_CAP, entries. */
    static Stream<Arguments> designTable() {
        return Stream.of(
                Arguments.of("genode-foc-16", 1, -1, 8, 9, 3, 128, 0x200, 4096),
                Arguments.of("genode-foc-17", 1, 10, 0xb, 0xc, 3, 128, 0x200, 4096),
                Arguments.of("genode-foc-19", 1, 10, 0xb, 0xc, 5, 128, 0x300, 4096));
    }

    private static LayoutProfile profile(String name) {
        return ProfileRegistry.builtin().get(name);
    }

    @ParameterizedTest
    @MethodSource("designTable")
    void constantsMatchDesignTable(String name, int task, int debug, int parent, int threadBase, int threadSlot,
                                   int threadMax, int userBase, int entries) {
        LayoutProfile p = profile(name);
        assertEquals(name, p.name());
        assertEquals(task, p.taskCap(), "TASK_CAP");
        assertEquals(debug < 0 ? OptionalInt.empty() : OptionalInt.of(debug), p.debugCap(), "DEBUG_CAP");
        assertEquals(parent, p.parentCap(), "PARENT_CAP");
        assertEquals(parent, p.fixedSlot(LayoutProfile.PARENT).getAsInt(), "PARENT_CAP as fixed slot");
        assertEquals(threadBase, p.threadAreaBase(), "THREAD_AREA_BASE");
        assertEquals(threadBase, p.mainThreadCap(), "MAIN_THREAD_CAP");
        assertEquals(threadSlot, p.threadAreaSlot(), "THREAD_AREA_SLOT");
        assertEquals(threadMax, p.threadMax(), "THREAD_MAX");
        assertEquals(userBase, p.userBaseCap(), "USER_BASE_CAP");
        assertEquals(entries, p.capMapEntries(), "cap-map entries");
        assertEquals(0xFFF, p.lastAllocatorIndex(), "allocator's last index");
        assertEquals(true, p.capEqualIdentity(), "Genode's cap_equal patch");
    }

    @ParameterizedTest
    @MethodSource("designTable")
    void perThreadOffsets(String name) {
        LayoutProfile p = profile(name);
        List<String> expected = p.threadAreaSlot() == 5
                ? List.of("gate", "pager", "irq", "vcpu", "vcpu-irq")
                : List.of("gate", "pager", "irq");
        assertEquals(expected, p.threadSlotRoles());
        SelectorLayout layout = SelectorLayout.of(p);
        for (int offset = 0; offset < expected.size(); offset++) {
            assertEquals(p.threadAreaBase() + offset, layout.threadSlotSelector(0, offset));
            assertEquals(p.threadAreaBase() + 7 * p.threadAreaSlot() + offset, layout.threadSlotSelector(7, offset));
        }
    }

    @ParameterizedTest
    @MethodSource("designTable")
    void layoutPlacesEveryConstant(String name, int task, int debug, int parent, int threadBase, int threadSlot,
                                   int threadMax, int userBase, int entries) {
        SelectorLayout l = SelectorLayout.of(profile(name));
        assertEquals(new SelectorRole(Area.INVALID, "invalid (selector 0)", -1, null), l.roleOf(0));
        assertEquals(new SelectorRole(Area.FIXED, "task", -1, null), l.roleOf(task));
        if (debug >= 0) {
            assertEquals(new SelectorRole(Area.FIXED, "debugger", -1, null), l.roleOf(debug));
        }
        assertEquals(new SelectorRole(Area.FIXED, "parent", -1, null), l.roleOf(parent));
        assertEquals(Area.FIXED, l.areaOf(threadBase - 1));
        assertEquals(new SelectorRole(Area.THREADS, "thread 0 gate", 0, "gate"), l.roleOf(threadBase));
        assertEquals(new SelectorRole(Area.THREADS, "thread 0 pager", 0, "pager"), l.roleOf(threadBase + 1));
        assertEquals(new SelectorRole(Area.THREADS, "thread 0 irq", 0, "irq"), l.roleOf(threadBase + 2));
        assertEquals(new SelectorRole(Area.THREADS, "thread 1 gate", 1, "gate"), l.roleOf(threadBase + threadSlot));
        int lastThreadSlot = threadBase + threadMax * threadSlot - 1;
        SelectorRole last = l.roleOf(lastThreadSlot);
        assertEquals(threadMax - 1, last.threadIndex());
        assertEquals(threadSlot == 5 ? "vcpu-irq" : "irq", last.threadSlot());
        assertEquals(Area.CORE_RESERVED, l.areaOf(lastThreadSlot + 1));
        assertEquals(Area.CORE_RESERVED, l.areaOf(userBase - 1));
        assertEquals(new SelectorRole(Area.COMPONENT, "cap map", -1, null), l.roleOf(userBase));
        assertEquals(Area.COMPONENT, l.areaOf(entries - 1));
        assertEquals(Area.BEYOND_ALLOCATOR, l.areaOf(entries));
        assertEquals(Area.BEYOND_ALLOCATOR, l.areaOf(Selectors.LAST));
        assertEquals(userBase, l.firstOf(Area.COMPONENT));
        assertEquals(0xFFF, l.lastOf(Area.COMPONENT));
        assertEquals(0x1000, l.firstOf(Area.BEYOND_ALLOCATOR));
        assertEquals(4296, l.lastOf(Area.BEYOND_ALLOCATOR));
    }

    @ParameterizedTest
    @MethodSource("designTable")
    void everySelectorHasExactlyTheRoleItsRangeSays(String name, int task, int debug, int parent, int threadBase,
                                                    int threadSlot, int threadMax, int userBase, int entries) {
        SelectorLayout l = SelectorLayout.of(profile(name));
        for (int s = 0; s <= Selectors.LAST; s++) {
            SelectorRole r = l.roleOf(s);
            Area expected = s == 0 ? Area.INVALID
                    : s < threadBase ? Area.FIXED
                    : s < threadBase + threadMax * threadSlot ? Area.THREADS
                    : s < userBase ? Area.CORE_RESERVED
                    : s < entries ? Area.COMPONENT
                    : Area.BEYOND_ALLOCATOR;
            assertEquals(expected, r.area(), "area of " + Selectors.format(s));
            assertEquals(expected == Area.THREADS, r.isThreadSlot(), "thread slot flag of " + s);
            if (r.isThreadSlot()) {
                assertEquals((s - threadBase) / threadSlot, r.threadIndex());
                assertEquals("thread " + r.threadIndex() + " " + r.threadSlot(), r.role());
            }
        }
    }
}
