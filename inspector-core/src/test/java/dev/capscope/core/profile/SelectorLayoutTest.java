package dev.capscope.core.profile;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SelectorLayoutTest {
    private final LayoutProfile foc19 = ProfileRegistry.builtin().get("genode-foc-19");

    @Test
    void unusedKernelDefaultSlotsAreNamedButMarkedUnused() {
        SelectorLayout l = SelectorLayout.of(foc19);
        assertEquals("unused (L4 default factory)", l.roleOf(2).role());
        assertEquals("unused (L4 default log)", l.roleOf(5).role());
        assertEquals("unused (L4 default iommu)", l.roleOf(8).role());
        assertEquals("unused fixed slot", l.roleOf(9).role());
    }

    @Test
    void genode19ThreadSlotsIncludeVcpu() {
        SelectorLayout l = SelectorLayout.of(foc19);
        assertEquals("thread 2 vcpu", l.roleOf(0xc + 2 * 5 + 3).role());
        assertEquals("thread 2 vcpu-irq", l.roleOf(0xc + 2 * 5 + 4).role());
        assertEquals("thread 3 gate", l.roleOf(0xc + 3 * 5).role());
    }

    @Test
    void layoutsAreCachedPerProfile() {
        assertSame(SelectorLayout.of(foc19), SelectorLayout.of(foc19));
    }

    @Test
    void outOfRangeSelectorsAreRejected() {
        SelectorLayout l = SelectorLayout.of(foc19);
        assertThrows(IllegalArgumentException.class, () -> l.roleOf(-1));
        assertThrows(IllegalArgumentException.class, () -> l.roleOf(4297));
        assertThrows(IllegalArgumentException.class, () -> l.threadSlotSelector(0, 5));
        assertThrows(IllegalArgumentException.class, () -> l.threadSlotSelector(128, 0));
    }
}
