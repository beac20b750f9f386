package dev.capscope.app.ui.model;

import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.KernelObject;
import dev.capscope.core.model.ObjectKind;
import dev.capscope.core.model.Rights;
import dev.capscope.core.model.Slot;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.profile.ProfileRegistry;
import dev.capscope.core.profile.SelectorLayout;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The occupancy map flags a cap without a cap-map entry only where every allocation has one. */
class MapModelTest {
    private static MapModel map(String profileName) {
        LayoutProfile p = ProfileRegistry.builtin().get(profileName);
        int sel = 0x417;
        CapSpace space = new CapSpace("t", p.name(), 1, List.of(new KernelObject(9, ObjectKind.IRQ_SEMAPHORE, null)),
                List.of(new Slot(sel, 9, Rights.RWSD, "cap map")), List.of(), List.of());
        return new MapModel(space, SelectorLayout.of(p)::roleOf, null, p.allocatorTracked());
    }

    @Test
    void aCapWithoutEntryIsAnAnomalyUnderGenodeOnly() {
        assertTrue(map("genode-foc-19").anomaly(0x417), "Genode's cap map records every allocation: a leak");
        assertFalse(map("l4re").anomaly(0x417), "L4Re's cap allocator keeps its bookkeeping private");
    }
}
