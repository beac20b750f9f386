package dev.capscope.core.diff;

import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.ObjectKind;
import dev.capscope.core.model.Rights;
import dev.capscope.core.model.Semantics;
import dev.capscope.core.profile.Area;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiffEngineTest {
    private static final DiffEngine ENGINE = DiffEngine.forProfile(SpaceBuilder.FOC19);

    private static SpaceBuilder baseline() {
        return SpaceBuilder.foc19("log_client")
                .thread(1, "ep")
                .session(0x300, 4, "LOG", "init -> log_client", "log_server")
                .session(0x301, 8, "ROM", "config", "init")
                .session(0x302, 12, "Timer", "", "timer");
    }

    private static SlotDiff slotAt(DiffResult r, int selector) {
        return r.slots().stream().filter(d -> d.selector() == selector).findFirst().orElseThrow();
    }

    private static CapMapDiff entryAt(DiffResult r, int index) {
        return r.capMap().stream().filter(d -> d.index() == index).findFirst().orElseThrow();
    }

    private static List<DiffField> fields(List<FieldChange> changes) {
        return changes.stream().map(FieldChange::field).toList();
    }

    @Test
    void identicalSpacesAreUnchangedUnderBothKeys() {
        CapSpace a = baseline().build();
        CapSpace b = baseline().generation(7).build();
        for (MatchKey key : MatchKey.values()) {
            DiffResult r = ENGINE.compare(a, b, key);
            assertTrue(r.isEmpty(), key.name());
            assertFalse(r.hasChanges());
            assertEquals(a.slots().size(), r.slotTotals().unchanged());
            assertEquals(a.capMap().size(), r.capMapTotals().unchanged());
            assertTrue(r.slotChanges().isEmpty());
        }
    }

    @Test
    void addedSessionIsAddedWithKindAndAreaCounts() {
        CapSpace a = baseline().build();
        CapSpace b = baseline().session(0x303, 16, "RM", "", "core").build();
        DiffResult r = ENGINE.compare(a, b, MatchKey.SELECTOR);
        SlotDiff slot = slotAt(r, 0x303);
        assertEquals(DiffStatus.ADDED, slot.status());
        assertNull(slot.before());
        assertEquals(DiffStatus.ADDED, entryAt(r, 0x303).status());
        assertEquals(1, r.slotCounts(ObjectKind.IPC_GATE).added());
        assertEquals(1, r.slotCounts(Area.COMPONENT).added());
        assertEquals(1, r.capMapCounts(Area.COMPONENT).added());
        assertEquals(0, r.slotCounts(Area.THREADS).added());
        assertEquals(1, r.differenceCount(), "one selector: its slot and its entry are one row");
        assertTrue(r.hasChanges());
    }

    @Test
    void closedSessionIsRemoved() {
        CapSpace a = baseline().build();
        CapSpace b = baseline().close(0x301).build();
        DiffResult r = ENGINE.compare(a, b, MatchKey.SELECTOR);
        assertEquals(DiffStatus.REMOVED, slotAt(r, 0x301).status());
        assertNull(slotAt(r, 0x301).after());
        assertEquals(DiffStatus.REMOVED, entryAt(r, 0x301).status());
        assertEquals(1, r.slotTotals().removed());
        assertEquals(1, r.capMapTotals().removed());
    }

    @Test
    void changedRowsCarryFieldLevelBeforeAndAfter() {
        SpaceBuilder before = baseline();
        SpaceBuilder after = baseline();
        after.slot(0x300, ObjectKind.IPC_GATE, after.slotAt(0x300).objectId(), Rights.parse("R"), 4L);
        after.entry(0x301, 8, 3, before.entryAt(0x301).semantics());
        after.entry(0x302, 12, 1, new Semantics("Timer", "", "ram_quota=16K", "timer2", 4096L));
        DiffResult r = ENGINE.compare(before.build(), after.build(), MatchKey.SELECTOR);

        SlotDiff rights = slotAt(r, 0x300);
        assertEquals(DiffStatus.CHANGED, rights.status());
        assertEquals(List.of(new FieldChange(DiffField.RIGHTS, "RWS", "R")), rights.changes());

        CapMapDiff refs = entryAt(r, 0x301);
        assertEquals(DiffStatus.CHANGED, refs.status());
        assertEquals(List.of(new FieldChange(DiffField.REF_COUNT, "1", "3")), refs.changes());

        CapMapDiff sem = entryAt(r, 0x302);
        assertEquals(DiffStatus.CHANGED, sem.status());
        assertEquals(List.of(DiffField.ARGS, DiffField.SERVER, DiffField.QUOTA), fields(sem.changes()));
        assertEquals("timer", sem.changes().get(1).before());
        assertEquals("timer2", sem.changes().get(1).after());
        assertEquals(1, r.slotTotals().changed());
        assertEquals(2, r.capMapTotals().changed());
    }

    @Test
    void objectKindChangeIsChanged() {
        SpaceBuilder after = baseline();
        after.slot(0x300, ObjectKind.IRQ_SENDER, 4242, Rights.RWS, null);
        DiffResult r = ENGINE.compare(baseline().build(), after.build(), MatchKey.SELECTOR);
        SlotDiff d = slotAt(r, 0x300);
        assertEquals(DiffStatus.CHANGED, d.status());
        assertEquals(List.of(DiffField.OBJECT_KIND, DiffField.OBJECT_ID, DiffField.GATE_LABEL), fields(d.changes()));
        assertEquals("Ipc_gate", d.changes().get(0).before());
        assertEquals("Irq_sender", d.changes().get(0).after());
        assertEquals(ObjectKind.IRQ_SENDER, d.kind());
        assertEquals(1, r.slotCounts(ObjectKind.IRQ_SENDER).changed());
    }

    @Test
    void recreatedSessionIsReboundAndCountsOnlyUnderSelectorKey() {
        CapSpace a = baseline().build();
        CapSpace b = baseline().close(0x300).session(0x300, 40, "LOG", "init -> log_client", "log_server").build();

        DiffResult bySelector = ENGINE.compare(a, b, MatchKey.SELECTOR);
        SlotDiff slot = slotAt(bySelector, 0x300);
        assertEquals(DiffStatus.REBOUND, slot.status());
        assertEquals(List.of(DiffField.OBJECT_ID, DiffField.GATE_LABEL), fields(slot.changes()));
        CapMapDiff entry = entryAt(bySelector, 0x300);
        assertEquals(DiffStatus.REBOUND, entry.status());
        assertEquals(List.of(new FieldChange(DiffField.RAW_ID, "4", "40")), entry.changes());
        assertTrue(bySelector.hasChanges());
        assertEquals(1, bySelector.slotTotals().rebound());

        DiffResult byBadge = ENGINE.compare(a, b, MatchKey.BADGE);
        assertEquals(DiffStatus.REBOUND, slotAt(byBadge, 0x300).status());
        assertEquals(DiffStatus.REBOUND, entryAt(byBadge, 0x300).status());
        assertTrue(byBadge.isEmpty(), "identity-insensitive: a re-created session counts as the same");
        assertEquals(1, byBadge.slotChanges().size(), "rebound rows are still listed");
    }

    @Test
    void coreSlotWithNewObjectIsReboundButUnnamedComponentCapIsChanged() {
        SpaceBuilder before = baseline().cap(0x310, ObjectKind.IRQ_SENDER);
        SpaceBuilder after = before.copy();
        after.slot(1, ObjectKind.TASK, 77, Rights.RWS, null);
        after.slot(0x310, ObjectKind.IRQ_SENDER, 78, Rights.RWS, null);
        DiffResult r = ENGINE.compare(before.build(), after.build(), MatchKey.BADGE);
        assertEquals(DiffStatus.REBOUND, slotAt(r, 1).status(), "the task cap on another machine");
        assertEquals(DiffStatus.CHANGED, slotAt(r, 0x310).status(), "no cap-map meaning: cannot call it the same");
        assertEquals(1, r.slotCounts(Area.FIXED).rebound());
        assertEquals(1, r.slotCounts(Area.COMPONENT).changed());
    }

    @Test
    void entryWithUnknownSemanticsAndNewIdIsChanged() {
        SpaceBuilder before = baseline().entry(0x320, 100, 1, Semantics.NONE);
        SpaceBuilder after = baseline().entry(0x320, 104, 1, Semantics.NONE);
        DiffResult r = ENGINE.compare(before.build(), after.build(), MatchKey.SELECTOR);
        assertEquals(DiffStatus.CHANGED, entryAt(r, 0x320).status());
    }

    @Test
    void movedCapIsRemovedPlusAddedBySelectorButOneChangedRowByBadge() {
        CapSpace a = baseline().build();
        SpaceBuilder after = baseline();
        long gate = after.slotAt(0x301).objectId();
        Semantics rom = after.entryAt(0x301).semantics();
        after.close(0x301).slot(0x310, ObjectKind.IPC_GATE, gate, Rights.RWS, 8L).entry(0x310, 8, 1, rom);
        CapSpace b = after.build();

        DiffResult bySelector = ENGINE.compare(a, b, MatchKey.SELECTOR);
        assertEquals(DiffStatus.REMOVED, slotAt(bySelector, 0x301).status());
        assertEquals(DiffStatus.ADDED, slotAt(bySelector, 0x310).status());
        assertEquals(2, bySelector.differenceCount(), "0x301 removed, 0x310 added");

        DiffResult byBadge = ENGINE.compare(a, b, MatchKey.BADGE);
        assertEquals(1, byBadge.differenceCount(), "one moved cap");
        SlotDiff slot = slotAt(byBadge, 0x310);
        assertEquals(DiffStatus.CHANGED, slot.status());
        assertTrue(slot.moved());
        assertEquals(0x301, slot.beforeSelector());
        assertEquals(List.of(new FieldChange(DiffField.SELECTOR, "0x301 (769)", "0x310 (784)")), slot.changes());
        CapMapDiff entry = entryAt(byBadge, 0x310);
        assertEquals(DiffStatus.CHANGED, entry.status());
        assertEquals(List.of(DiffField.SELECTOR), fields(entry.changes()));
    }

    @Test
    void movedAndRecreatedSessionIsMatchedByMeaning() {
        CapSpace a = baseline().build();
        CapSpace b = baseline().close(0x302).session(0x305, 60, "Timer", "", "timer").build();
        DiffResult r = ENGINE.compare(a, b, MatchKey.BADGE);
        CapMapDiff e = entryAt(r, 0x305);
        assertEquals(DiffStatus.CHANGED, e.status());
        assertEquals(List.of(DiffField.SELECTOR, DiffField.RAW_ID), fields(e.changes()));
        assertEquals(0, r.capMapTotals().added());
        assertEquals(0, r.capMapTotals().removed());
    }

    @Test
    void alikeEntriesPreferTheSameIndex() {
        SpaceBuilder before = baseline();
        for (int i = 0; i < 50; i++) {
            before.session(0x400 + i, 1000 + 4L * i, "Dataspace", "", "core");
        }
        SpaceBuilder after = before.copy().close(0x410);
        DiffResult r = ENGINE.compare(before.build(), after.build(), MatchKey.BADGE);
        assertEquals(1, r.capMapTotals().removed());
        assertEquals(DiffStatus.REMOVED, entryAt(r, 0x410).status());
        assertEquals(1, r.slotTotals().removed());
        assertEquals(0, r.capMapTotals().changed());
    }

    @Test
    void sameBadgeWithOtherMeaningIsChanged() {
        CapSpace a = baseline().build();
        SpaceBuilder after = baseline();
        after.entry(0x301, 8, 1, new Semantics("ROM", "other", "ram_quota=8K, cap_quota=3", "init", 8192L));
        DiffResult r = ENGINE.compare(a, after.build(), MatchKey.BADGE);
        CapMapDiff e = entryAt(r, 0x301);
        assertEquals(DiffStatus.CHANGED, e.status());
        assertEquals(List.of(DiffField.SESSION_LABEL), fields(e.changes()));
    }

    @Test
    void receiveWindowsPairByIndexUnderBadgeKey() {
        CapSpace a = baseline().receiveWindow(0x340).build();
        CapSpace b = baseline().receiveWindow(0x340).build();
        DiffResult r = ENGINE.compare(a, b, MatchKey.BADGE);
        assertTrue(r.isEmpty());
        assertEquals(a.capMap().size(), r.capMapTotals().unchanged());
    }

    @Test
    void threadSlotChangesCountInTheThreadArea() {
        CapSpace a = baseline().build();
        CapSpace b = baseline().thread(2, "worker").build();
        DiffResult r = ENGINE.compare(a, b, MatchKey.SELECTOR);
        assertEquals(3, r.slotCounts(Area.THREADS).added());
        assertEquals(1, r.slotCounts(ObjectKind.THREAD).added());
        assertEquals(1, r.slotCounts(ObjectKind.IRQ_SENDER).added());
        assertEquals(StatusCounts.ZERO, r.slotCounts(Area.BEYOND_ALLOCATOR));
    }

    @Test
    void rowsAreSortedAndResultsDeterministic() {
        SpaceBuilder before = baseline();
        SpaceBuilder after = baseline().close(0x300).session(0x2ff + 0x20, 88, "PD", "", "core").thread(3, "x");
        DiffResult r1 = ENGINE.compare(before.build(), after.build(), MatchKey.BADGE);
        DiffResult r2 = ENGINE.compare(before.build(), after.build(), MatchKey.BADGE);
        assertEquals(r1, r2);
        for (int i = 1; i < r1.slots().size(); i++) {
            assertTrue(r1.slots().get(i - 1).selector() <= r1.slots().get(i).selector());
        }
        for (int i = 1; i < r1.capMap().size(); i++) {
            assertTrue(r1.capMap().get(i - 1).index() <= r1.capMap().get(i).index());
        }
    }

    @Test
    void staticConvenienceUsesTheBaselinesBuiltinProfile() {
        CapSpace a = baseline().build();
        DiffResult r = DiffEngine.diff(a, baseline().close(0x302).build(), MatchKey.SELECTOR);
        assertEquals(1, r.slotTotals().removed());
        assertEquals(Area.COMPONENT, DiffEngine.forProfile(SpaceBuilder.FOC19).areaOf(0x300));
    }
}
