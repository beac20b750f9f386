package dev.capscope.core.samples;

import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.KernelObject;
import dev.capscope.core.model.ObjectKind;
import dev.capscope.core.model.Selectors;
import dev.capscope.core.model.Slot;
import dev.capscope.core.model.Snapshot;
import dev.capscope.core.profile.Area;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.profile.ProfileRegistry;
import dev.capscope.core.profile.SelectorLayout;
import dev.capscope.core.snapshot.SnapshotReader;
import dev.capscope.core.snapshot.SnapshotWriter;
import dev.capscope.core.testing.ExpectedFiles;
import dev.capscope.core.testing.SampleSnapshots;
import dev.capscope.core.testing.SampleSnapshots.LeakyPlan;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The committed samples/snapshots are exactly what {@link SampleSnapshots} generates, read
 * cleanly, and follow the Genode rules of the profile they name (the lint sample breaks exactly
 * the rules it was built to break).
 */
class SampleSnapshotsTest {
    private static final String REGENERATE = "capscope.regenerateSamples";
    private static final Set<String> CLEAN = Set.of("log-client", "log-client-after", "init", "gui-heavy");

    private static Path file(String name) {
        return ExpectedFiles.samples().resolve("snapshots").resolve(name + ".json");
    }

    @TestFactory
    List<DynamicTest> committedFilesEqualTheGenerator() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, Snapshot> e : SampleSnapshots.all().entrySet()) {
            tests.add(DynamicTest.dynamicTest(e.getKey(), () -> {
                ExpectedFiles.check(file(e.getKey()), SnapshotWriter.toBytes(e.getValue()), REGENERATE);
                assertEquals(e.getValue(), SnapshotReader.read(file(e.getKey())));
            }));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> samplesFollowTheirProfile() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, Snapshot> e : SampleSnapshots.all().entrySet()) {
            tests.add(DynamicTest.dynamicTest(e.getKey(), () -> checkGenodeRules(e.getKey(), e.getValue())));
        }
        return tests;
    }

    private static void checkGenodeRules(String name, Snapshot s) {
        CapSpace space = s.space();
        LayoutProfile p = ProfileRegistry.builtin().get(s.meta().profile());
        SelectorLayout layout = SelectorLayout.of(p);
        for (Slot slot : space.slots()) {
            assertEquals(layout.roleOf(slot.selector()).role(), slot.role(), name + " role of " + slot.selector());
        }
        assertEquals(ObjectKind.TASK, space.objectAt(p.taskCap()).kind(), name + ": task cap at TASK_CAP");
        KernelObject parent = space.objectAt(p.parentCap());
        assertEquals(ObjectKind.IPC_GATE, parent.kind(), name + ": parent gate at PARENT_CAP");
        assertEquals(parent.label(), space.capMapEntry(p.parentCap()).badge(), name + ": parent entry badge = label");
        assertEquals(1, space.capMapEntry(p.mainThreadCap()).rawId(), name + ": main thread id 1");
        assertFalse(space.isValid(0), name + ": selector 0 empty");
        assertTrue(p.debugCap().isEmpty() || !space.isValid(p.debugCap().getAsInt()), name + ": debugger not mapped");
        for (var t : space.threads()) {
            assertTrue(space.isValid(layout.threadSlotSelector(t.index(), 0)), name + ": gate of thread " + t.index());
        }
        for (CapMapEntry e : space.capMap()) {
            if (e.hasBadge() && e.rawId() != 1) {
                assertEquals(0, e.rawId() % 4, name + ": badges in steps of 4, entry " + e.index());
                KernelObject o = space.objectAt(e.index());
                if (o != null) {
                    assertEquals(e.badge(), o.label(), name + ": gate label = badge at " + Selectors.format(e.index()));
                }
            }
        }
        if (CLEAN.contains(name)) {
            checkClean(name, space, layout);
        }
    }

    private static void checkClean(String name, CapSpace space, SelectorLayout layout) {
        for (Slot slot : space.slots()) {
            Area area = layout.areaOf(slot.selector());
            assertTrue(area != Area.BEYOND_ALLOCATOR && area != Area.CORE_RESERVED, name + ": " + slot);
            if (area == Area.COMPONENT) {
                assertNotNull(space.capMapEntry(slot.selector()), name + ": entry for " + slot);
            }
        }
        int windowRun = 0;
        for (int i = layout.profile().userBaseCap(); i <= layout.profile().lastAllocatorIndex(); i++) {
            CapMapEntry e = space.capMapEntry(i);
            if (e != null && !e.hasBadge()) {
                windowRun++;
                assertFalse(space.isValid(i), name + ": receive window slots are empty");
            } else {
                assertEquals(0, windowRun % 4, name + ": receive window ending before " + Selectors.format(i));
                windowRun = 0;
            }
            if (e != null && e.hasBadge()) {
                assertTrue(space.isValid(i), name + ": badged entry " + Selectors.format(i) + " has its cap");
            }
        }
        long badges = space.capMap().stream().filter(CapMapEntry::hasBadge).count();
        long distinct = space.capMap().stream().filter(CapMapEntry::hasBadge).map(CapMapEntry::rawId).distinct().count();
        assertEquals(badges, distinct, name + ": no duplicate badges");
        for (var t : space.threads()) {
            for (int o = 0; o < 3; o++) {
                assertTrue(space.isValid(layout.threadSlotSelector(t.index(), o)), name + ": thread slots full");
            }
        }
    }

    @Test
    void guiHeavyHasOverAThousandValidSlots() {
        CapSpace s = SampleSnapshots.guiHeavy().space();
        assertTrue(s.slots().size() >= 1000, "valid slots: " + s.slots().size());
        assertTrue(s.capMap().stream().filter(e -> "Dataspace".equals(e.semantics().rpcInterface())).count() >= 600);
        assertTrue(s.capMap().stream().filter(e -> "Signal_context".equals(e.semantics().rpcInterface())).count() >= 300);
    }

    @Test
    void leakyHasEveryPlantedProblem() {
        CapSpace s = SampleSnapshots.leaky().space();
        LeakyPlan plan = SampleSnapshots.leakyPlan();
        SelectorLayout layout = SelectorLayout.of(ProfileRegistry.builtin().get("genode-foc-16"));
        assertTrue(s.isValid(plan.leakedCap()), "leak: valid");
        assertNull(s.capMapEntry(plan.leakedCap()), "leak: no entry");
        assertEquals(Area.COMPONENT, layout.areaOf(plan.leakedCap()));
        assertNotNull(s.capMapEntry(plan.danglingEntry()), "dangling: entry");
        assertFalse(s.isValid(plan.danglingEntry()), "dangling: empty slot");
        assertTrue(s.isValid(layout.threadSlotSelector(plan.halfFilledThread(), 0)));
        assertFalse(s.isValid(layout.threadSlotSelector(plan.halfFilledThread(), 1)));
        assertEquals(Area.BEYOND_ALLOCATOR, layout.areaOf(plan.beyondAllocator()));
        assertTrue(s.isValid(plan.beyondAllocator()));
        List<Integer> w = plan.brokenReceiveWindow();
        w.forEach(i -> assertFalse(s.capMapEntry(i).hasBadge()));
        assertTrue(s.capMapEntry(w.get(2) + 1).hasBadge(), "the fourth slot of the window is taken");
        assertTrue(s.capMapEntry(w.get(0) - 1).hasBadge(), "the slot before it is not part of a window");
        List<Integer> d = plan.duplicateBadge();
        assertEquals(s.capMapEntry(d.get(0)).rawId(), s.capMapEntry(d.get(1)).rawId());
    }

    @Test
    void readmeNamesEverySampleAndEveryPlantedSelector() throws IOException {
        String readme = Files.readString(ExpectedFiles.samples().resolve("snapshots/README.md"));
        SampleSnapshots.all().keySet().forEach(n -> assertTrue(readme.contains("`" + n + ".json`"), n));
        LeakyPlan plan = SampleSnapshots.leakyPlan();
        List<Integer> planted = new ArrayList<>(List.of(plan.leakedCap(), plan.danglingEntry(), plan.beyondAllocator()));
        planted.addAll(plan.brokenReceiveWindow());
        planted.addAll(plan.duplicateBadge());
        for (int sel : planted) {
            assertTrue(readme.contains(Selectors.format(sel)), "README names " + Selectors.format(sel));
        }
    }
}
