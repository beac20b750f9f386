package dev.capscope.core.testing;

import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.ObjectKind;
import dev.capscope.core.model.Rights;
import dev.capscope.core.model.Semantics;
import dev.capscope.core.target.CapInfo;
import dev.capscope.core.target.OperationResult;
import dev.capscope.core.target.RestoreOperation;
import dev.capscope.core.target.TargetException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InMemoryTargetTest {
    private static final String T = "app";
    private final InMemoryTarget target = new InMemoryTarget("memory:t", "in-memory", "genode-foc-19")
            .addTask(Spaces.typical("genode-foc-19", T, 1).build());

    @org.junit.jupiter.api.BeforeEach
    void takeTheRestoreLease() {
        target.acquireLease(T, target.generation(T));
    }

    @Test
    void aMutationAfterTheTaskMovedIsRefusedAsACompareAndSwap() {
        target.touch(T);
        TargetException e = assertThrows(TargetException.class,
                () -> target.apply(T, new RestoreOperation.Unmap(0x300)));
        assertEquals(TargetException.Code.GENERATION_MOVED, e.code());
        assertTrue(target.validity(T, 0x300, 0x300).get(0), "nothing changed");
    }

    @Test
    void withoutTheLeaseNothingIsChanged() {
        target.acquireLease(T, target.generation(T)).close();
        TargetException e = assertThrows(TargetException.class,
                () -> target.apply(T, new RestoreOperation.Unmap(0x300)));
        assertEquals(TargetException.Code.REFUSED, e.code());
        target.leaseHeldElsewhere(true);
        assertEquals(TargetException.Code.LEASE_HELD, assertThrows(TargetException.class,
                () -> target.acquireLease(T, target.generation(T))).code());
        assertTrue(target.validity(T, 0x300, 0x300).get(0), "nothing changed");
    }

    @Test
    void grantMovesTheMappingWithMaskedRights() {
        long obj = info(0x302).objectId();
        target.apply(T, new RestoreOperation.Grant(0x302, 0x400, new Rights(Rights.R)));
        assertNull(info(0x302));
        assertEquals(obj, info(0x400).objectId());
        assertEquals(Rights.R, info(0x400).rights().mask());
    }

    private CapInfo info(int sel) {
        List<CapInfo> infos = target.capInfos(T, sel, sel);
        return infos.isEmpty() ? null : infos.get(0);
    }

    @Test
    void readOnlyTargetRefusesEveryOperation() {
        target.restoreAllowed(false);
        TargetException e = assertThrows(TargetException.class,
                () -> target.apply(T, new RestoreOperation.Unmap(0x300)));
        assertEquals(TargetException.Code.REFUSED, e.code());
        assertTrue(e.getMessage().contains("read-only"));
        assertFalse(target.info().restoreAllowed());
        assertTrue(target.validity(T, 0x300, 0x300).get(0), "nothing changed");
    }

    @Test
    void unmapEmptiesTheSlotAndBumpsTheGeneration() {
        long g = target.generation(T);
        target.apply(T, new RestoreOperation.Unmap(0x300));
        assertNull(info(0x300));
        assertTrue(target.generation(T) > g);
        target.apply(T, new RestoreOperation.Unmap(0x300)); // unmapping an empty slot is a no-op
        assertEquals(1, target.appliedOperations().size() - 1);
    }

    @Test
    void mapCopyCopiesTheObjectWithMaskedRights() {
        target.apply(T, new RestoreOperation.MapCopy(0x302, 0x400, new Rights(Rights.R)));
        CapInfo copy = info(0x400);
        assertEquals(info(0x302).objectId(), copy.objectId());
        assertEquals(new Rights(Rights.R), copy.rights());
        assertEquals(2, copy.mappingCount());
    }

    @Test
    void mapCopyFromAnEmptySlotSucceedsAndChangesNothing() {
        assertEquals(OperationResult.DONE, target.apply(T, new RestoreOperation.MapCopy(0x500, 0x300, Rights.RWS)));
        assertTrue(target.validity(T, 0x300, 0x300).get(0));
    }

    @Test
    void mapCopyOntoAnOccupiedSlotReplacesIt() {
        long ds = info(0x307).objectId();
        target.apply(T, new RestoreOperation.MapCopy(0x302, 0x307, Rights.RWS));
        assertEquals(info(0x302).objectId(), info(0x307).objectId());
        assertFalse(target.capInfos(T, 0, 4296).stream().anyMatch(i -> i.objectId() == ds));
    }

    @Test
    void createSessionHandsOutAFreshBadgeAndWritesTheEntry() {
        Semantics log = new Semantics("LOG", "app", "ram_quota=8K", "log_server", 8192L);
        long old = target.capMap(T).stream().filter(e -> e.index() == 0x302).findFirst().orElseThrow().rawId();
        target.apply(T, new RestoreOperation.Unmap(0x302));
        OperationResult r = target.apply(T, new RestoreOperation.CreateSession(0x302, log, old));
        assertTrue(r.newBadge() > old, "fresh badge " + r.newBadge() + " after " + old);
        assertEquals(0, r.newBadge() % 4);
        assertEquals(r.newBadge(), info(0x302).label());
        CapMapEntry e = target.capMap(T).stream().filter(x -> x.index() == 0x302).findFirst().orElseThrow();
        assertEquals(r.newBadge(), e.rawId());
        assertEquals(log, e.semantics());
    }

    @Test
    void createSessionCanKeepTheRecordedBadge() {
        target.keepRecordedBadges(true);
        target.apply(T, new RestoreOperation.ClearCapMapEntry(0x302));
        target.apply(T, new RestoreOperation.Unmap(0x302));
        OperationResult r = target.apply(T, new RestoreOperation.CreateSession(0x302, Semantics.NONE, 4000L));
        assertEquals(4000L, r.newBadge());
    }

    @Test
    void createObjectGivesTheCreatorTheDeleteRight() {
        target.apply(T, new RestoreOperation.CreateObject(0x410, ObjectKind.IRQ_SENDER, null));
        assertEquals(ObjectKind.IRQ_SENDER, info(0x410).kind());
        assertEquals(Rights.RWSD, info(0x410).rights());
    }

    @Test
    void capMapEntriesCanBeSetAndCleared() {
        target.apply(T, new RestoreOperation.SetCapMapEntry(0x420, 0xFFFF, 1, Semantics.NONE));
        assertTrue(target.capMap(T).stream().anyMatch(e -> e.index() == 0x420 && !e.hasBadge()));
        target.apply(T, new RestoreOperation.ClearCapMapEntry(0x420));
        assertFalse(target.capMap(T).stream().anyMatch(e -> e.index() == 0x420));
    }

    @Test
    void injectedFailureHitsTheRightCallOnce() {
        target.failOn(InMemoryTarget.Call.APPLY, 1, new TargetException(TargetException.Code.UNREACHABLE, "died"));
        target.apply(T, new RestoreOperation.Unmap(0x300));
        TargetException e = assertThrows(TargetException.class, () -> target.apply(T, new RestoreOperation.Unmap(0x301)));
        assertEquals(TargetException.Code.UNREACHABLE, e.code());
        target.apply(T, new RestoreOperation.Unmap(0x301));
        assertEquals(3, target.calls(InMemoryTarget.Call.APPLY));
    }

    @Test
    void outOfRangeSelectorsAndClosedTargetsAreRejected() {
        assertEquals(TargetException.Code.REJECTED, assertThrows(TargetException.class,
                () -> target.apply(T, new RestoreOperation.Unmap(5000))).code());
        assertEquals(TargetException.Code.REJECTED, assertThrows(TargetException.class,
                () -> target.validity(T, 10, 5)).code());
        target.close();
        assertEquals(TargetException.Code.UNREACHABLE, assertThrows(TargetException.class, target::info).code());
    }
}
