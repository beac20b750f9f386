package dev.capscope.core.restore;

import dev.capscope.core.diff.SpaceBuilder;
import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.ObjectKind;
import dev.capscope.core.model.Rights;
import dev.capscope.core.model.Semantics;
import dev.capscope.core.model.Snapshot;
import dev.capscope.core.model.SnapshotMeta;
import dev.capscope.core.model.TargetInfo;
import dev.capscope.core.model.TaskInfo;
import dev.capscope.core.profile.ProfileRegistry;
import dev.capscope.core.target.RestoreOperation;
import dev.capscope.core.target.RestoreOperation.ClearCapMapEntry;
import dev.capscope.core.target.RestoreOperation.CreateObject;
import dev.capscope.core.target.RestoreOperation.CreateSession;
import dev.capscope.core.target.RestoreOperation.CloseSession;
import dev.capscope.core.target.RestoreOperation.Grant;
import dev.capscope.core.target.RestoreOperation.SetCapMapEntry;
import dev.capscope.core.target.RestoreOperation.Unmap;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static dev.capscope.core.restore.RestoreFixtures.TASK;
import static dev.capscope.core.restore.RestoreFixtures.component;
import static dev.capscope.core.restore.RestoreFixtures.snapshot;
import static dev.capscope.core.restore.RestoreFixtures.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RestorePlannerTest {
    private static final Semantics LOG = component().entryAt(0x300).semantics();
    private static final Semantics ROM = component().entryAt(0x301).semantics();
    private static final Semantics TIMER = component().entryAt(0x302).semantics();

    private static RestorePlan plan(CapSpace wanted, CapSpace live) {
        return RestorePlanner.plan(snapshot(wanted), live, target(true), SpaceBuilder.FOC19);
    }

    private static RefusalReason refusedWith(RestorePlan plan) {
        assertTrue(plan.isRefused(), plan::render);
        assertTrue(plan.steps().isEmpty());
        return plan.primaryRefusal().orElseThrow().reason();
    }

    @Test
    void identicalSpacesNeedNothing() {
        RestorePlan p = plan(component().build(), component().generation(9).build());
        assertTrue(p.isNoOp(), p::render);
        assertTrue(p.render().contains("no operations planned; a fresh walk will check"), p::render);
    }

    @Test
    void aSessionOpenedWhereAClosedOneWasIsClosedBeforeTheOldOneIsReopened() {
        CapSpace live = component().close(0x301).session(0x301, 356, "Timer", "t2", "timer").build();
        RestorePlan p = plan(component().build(), live);
        assertEquals(List.<RestoreOperation>of(new CloseSession(0x301), new CreateSession(0x301, ROM, 8L)),
                p.operations(), p::render);
    }

    @Test
    void aNewSessionWhoseCapStillSitsInTheReceiveWindowIsClosedThroughIt() {
        SpaceBuilder live = component().session(0x32c, 388, "ROM", "config2", "init");
        long gate = live.slotAt(0x32c).objectId();
        live.close(0x32c).entry(0x32c, 388, 1, new Semantics("ROM", "config2", "", "init", 4096L))
                .slot(0x304, ObjectKind.IPC_GATE, gate, Rights.RWS, 388L);
        RestorePlan p = plan(component().build(), live.build());
        assertEquals(List.<RestoreOperation>of(new CloseSession(0x304)), p.operations(), p::render);
        assertTrue(p.render().contains("closes the ROM 'config2'") || p.render().contains("closes the ROM"), p::render);
    }

    @Test
    void aSessionInTheReceiveWindowIsClosedThroughItEvenWhenItsEntryPairsByMeaning() {
        // The snapshot's ROM 'config' (badge 8) was closed and opened again (badge 368); the new cap
        // stuck in the receive window at 0x304, its entry at 0x32c pairs with the recorded one by meaning.
        SpaceBuilder live = component().close(0x301).session(0x32c, 368, "ROM", "config", "init");
        long gate = live.slotAt(0x32c).objectId();
        live.removeSlot(0x32c).slot(0x304, ObjectKind.IPC_GATE, gate, Rights.RWS, 368L);
        RestorePlan p = plan(component().build(), live.build());
        assertTrue(p.operations().contains(new CloseSession(0x304)), p::render);
        assertFalse(p.sideEffects().stream().anyMatch(e -> e.contains(RestorePlanner.LEFT_OPEN)), p::render);
    }

    @Test
    void anEntryNamingASessionWhoseCapIsGoneIsSaidToStayOpen() {
        // A session opened and filed at 0x301, its cap then overwritten in the receive window by the
        // next delivery: the entry names it, no cap of it is left, and restore overwrites the entry.
        CapSpace live = component().close(0x301)
                .entry(0x301, 460, 1, new Semantics("ROM", "config2", "", "init", 4096L)).build();
        RestorePlan p = plan(component().build(), live);
        assertFalse(p.isRefused(), p::render);
        assertTrue(p.sideEffects().stream().anyMatch(e -> e.contains("badge 460") && e.contains(RestorePlanner.LEFT_OPEN)),
                p::render);
    }

    @Test
    void aSessionTheSnapshotKeepsIsNotSaidToStayOpen() {
        RestorePlan p = plan(component().build(), component().generation(3).build());
        assertTrue(p.sideEffects().isEmpty(), p::render);
    }

    @Test
    void reboundSessionsNeedNothing() {
        CapSpace live = component().close(0x300).session(0x300, 40, "LOG", "init -> log_client", "log_server").build();
        assertTrue(plan(component().build(), live).isNoOp());
    }

    @Test
    void planRunsInDocumentedPhaseOrder() {
        CapSpace wanted = component().session(0x303, 16, "RM", "", "core").build();
        SpaceBuilder live = component()
                .close(0x303)                                                   // RM session missing
                .session(0x310, 100, "Report", "state", "report_rom")          // extra session
                .entry(0x301, 8, 3, ROM)                                        // ref count differs
                .removeEntry(0x307);                                            // receive window broken
        long timerGate = live.slotAt(0x302).objectId();
        live.close(0x302).slot(0x320, ObjectKind.IPC_GATE, timerGate, Rights.RWS, 12L).entry(0x320, 12, 1, TIMER);

        RestorePlan p = plan(wanted, live.build());
        assertFalse(p.isRefused(), p::render);
        assertEquals(List.<RestoreOperation>of(
                new CloseSession(0x310),
                new Grant(0x320, 0x302, Rights.RWS), new ClearCapMapEntry(0x320),
                new SetCapMapEntry(0x302, 12, 1, TIMER),
                new CreateSession(0x303, component().session(0x303, 16, "RM", "", "core").entryAt(0x303).semantics(), 16L),
                new SetCapMapEntry(0x307, CapMapEntry.NO_BADGE, 1, Semantics.NONE),
                new SetCapMapEntry(0x301, 8, 1, ROM)), p.operations());
        assertEquals(List.of(Phase.REMOVE_EXTRAS, Phase.REBIND_MOVED,
                Phase.REBIND_MOVED, Phase.REBIND_MOVED, Phase.RECREATE_MISSING, Phase.RECREATE_MISSING,
                Phase.FIX_CAP_MAP), p.steps().stream().map(PlannedStep::phase).toList());
        assertEquals(p, plan(wanted, live.build()), "plans are values and deterministic");
        String text = p.render();
        assertTrue(text.contains("remove extras:") && text.contains("re-bind moved caps:")
                && text.contains("  1. close session at 0x310 (784)"), text);
        assertTrue(text.contains("closes the Report") && text.contains("opens a new RM"), text);
    }

    @Test
    void swappedCapsGoThroughAScratchSelector() {
        SpaceBuilder live = component();
        long logGate = live.slotAt(0x300).objectId();
        long romGate = live.slotAt(0x301).objectId();
        live.slot(0x300, ObjectKind.IPC_GATE, romGate, Rights.RWS, 8L).entry(0x300, 8, 1, ROM)
                .slot(0x301, ObjectKind.IPC_GATE, logGate, Rights.RWS, 4L).entry(0x301, 4, 1, LOG);
        RestorePlan p = plan(component().build(), live.build());
        int scratch = SpaceBuilder.FOC19.lastAllocatorIndex();
        assertEquals(List.<RestoreOperation>of(
                new Grant(0x300, scratch, Rights.RWS),
                new Grant(0x301, 0x300, Rights.RWS),
                new SetCapMapEntry(0x300, 4, 1, LOG),
                new Grant(scratch, 0x301, Rights.RWS),
                new SetCapMapEntry(0x301, 8, 1, ROM)), p.operations());
    }

    @Test
    void recreatedSessionWithRefCountGetsItsEntryFixedAfterwards() {
        CapSpace wanted = component().entry(0x301, 8, 2, ROM).build();
        CapSpace live = component().close(0x301).build();
        assertEquals(List.<RestoreOperation>of(new CreateSession(0x301, ROM, 8L), new SetCapMapEntry(0x301, 8, 2, ROM)),
                plan(wanted, live).operations());
    }

    @Test
    void capOfAnotherKindInPlaceIsReplaced() {
        CapSpace live = component().slot(0x302, ObjectKind.IRQ_SENDER, 5555, Rights.RWS, null).build();
        // The live entry names a Timer session but the slot holds an IRQ: nothing to close at a server.
        assertEquals(List.<RestoreOperation>of(new Unmap(0x302), new CreateSession(0x302, TIMER, 12L)),
                plan(component().build(), live).operations());
    }

    @Test
    void sessionWithAnotherQuotaIsRecreatedNotRelabelled() {
        Semantics bigger = new Semantics("ROM", "config", ROM.args(), "init", 65536L);
        CapSpace live = component().entry(0x301, 8, 1, bigger).build();
        RestorePlan p = plan(component().build(), live);
        // The live session with the other quota is closed at its server, not left open there.
        assertEquals(List.<RestoreOperation>of(new CloseSession(0x301), new CreateSession(0x301, ROM, 8L)),
                p.operations());
        assertEquals(2, p.sideEffects().size(), p::render);
        assertTrue(p.render().contains("closes the ROM"), p::render);
    }

    @Test
    void missingObjectWithoutEntryIsCreatedByKind() {
        CapSpace wanted = component().slot(0x330, ObjectKind.IRQ_SENDER, 7777, Rights.RWSD, null).build();
        assertEquals(List.<RestoreOperation>of(new CreateObject(0x330, ObjectKind.IRQ_SENDER, null)),
                plan(wanted, component().build()).operations());
    }

    @Test
    void coreEntryRefCountIsFixedWithItsLiveBadge() {
        int parent = SpaceBuilder.FOC19.parentCap();
        Semantics parentSem = component().entryAt(parent).semantics();
        CapSpace wanted = component().entry(parent, 2, 3, parentSem).build();
        SpaceBuilder liveBuilder = component().entry(parent, 6, 1, parentSem);
        liveBuilder.slot(parent, ObjectKind.IPC_GATE, 0x7777, Rights.RWS, 6L); // the other target's parent gate
        CapSpace live = liveBuilder.build();
        RestorePlan sameTarget = plan(wanted, live);
        assertEquals(RefusalReason.CORE_AREA_DIFFERS, refusedWith(sameTarget), "another parent badge on the same target");
        RestorePlan migration = RestorePlanner.plan(snapshot(wanted), live, target(true), SpaceBuilder.FOC19,
                RestoreOptions.DEFAULT.withMigration(true));
        assertEquals(List.<RestoreOperation>of(new SetCapMapEntry(parent, 6, 3, parentSem)), migration.operations(),
                migration::render);
    }

    // ---- refusals: one test per code --------------------------------------------------------

    @Test
    void profileMismatchIsRefused() {
        CapSpace wanted = component().build();
        RestorePlan p = RestorePlanner.plan(snapshot(wanted), component().build(), target(true),
                ProfileRegistry.builtin().get("genode-foc-17"));
        assertEquals(RefusalReason.PROFILE_MISMATCH, refusedWith(p));
        assertTrue(p.refusals().get(0).message().contains("genode-foc-19"));
    }

    @Test
    void kernelOfAnotherFamilyIsRefused() {
        TargetInfo nova = new TargetInfo("memory:test", "NOVA microhypervisor", "genode-foc-19", "t", 1, true, List.of());
        RestorePlan p = RestorePlanner.plan(snapshot(component().build()), component().build(), nova, SpaceBuilder.FOC19);
        assertEquals(RefusalReason.KERNEL_INCOMPATIBLE, refusedWith(p));
    }

    @Test
    void otherTaskIsRefused() {
        CapSpace live = SpaceBuilder.foc19("other").build();
        assertEquals(RefusalReason.TASK_MISMATCH, refusedWith(plan(component().build(), live)));
    }

    @Test
    void readOnlyTargetIsRefused() {
        RestorePlan p = RestorePlanner.plan(snapshot(component().build()), component().close(0x300).build(),
                target(false), SpaceBuilder.FOC19);
        assertEquals(RefusalReason.TARGET_READ_ONLY, refusedWith(p));
        assertTrue(p.render().contains("TARGET_READ_ONLY") && p.render().contains("--allow-restore"), p.render());
    }

    @Test
    void snapshotContradictingItselfIsRefused() {
        CapSpace wanted = component().entry(0x300, 44, 1, LOG).build();    // gate label 4, entry badge 44
        RestorePlan p = plan(wanted, component().build());
        assertEquals(RefusalReason.SNAPSHOT_INCONSISTENT, refusedWith(p));
        assertEquals(List.of(0x300), p.refusals().get(0).selectors());

        CapSpace space = component().build();
        Snapshot wrongTask = new Snapshot(new SnapshotMeta(1, "x", Instant.EPOCH, "e", "someone_else", null,
                "genode-foc-19", "t"), space);
        Set<RefusalReason> reasons = EnumSet.noneOf(RefusalReason.class);
        RestorePlanner.plan(wrongTask, space, target(true), SpaceBuilder.FOC19).refusals()
                .forEach(r -> reasons.add(r.reason()));
        assertTrue(reasons.contains(RefusalReason.SNAPSHOT_INCONSISTENT), reasons::toString);
    }

    @Test
    void differencesInTheCoreAreaAreRefusedBothWays() {
        RestorePlan missing = plan(component().thread(2, "worker").build(), component().build());
        assertEquals(RefusalReason.CORE_AREA_DIFFERS, refusedWith(missing));
        assertEquals(4, missing.refusals().size(), missing::render);
        assertTrue(missing.refusals().stream().anyMatch(r -> r.reason() == RefusalReason.THREADS_DIFFER
                && r.message().contains("'worker' is gone")), missing::render);
        assertTrue(missing.refusals().get(0).message().contains("thread 2 gate"), missing::render);
        RestorePlan extra = plan(component().build(), component().thread(2, "worker").build());
        assertEquals(RefusalReason.CORE_AREA_DIFFERS, refusedWith(extra));
    }

    @Test
    void missingEntryOfUnknownSemanticsIsRefused() {
        CapSpace wanted = component().session(0x340, 200, "LOG", "x", "y").entry(0x340, 200, 1, Semantics.NONE).build();
        RestorePlan p = plan(wanted, component().build());
        assertEquals(RefusalReason.UNKNOWN_SEMANTICS, refusedWith(p));
        assertEquals(List.of(0x340), p.refusals().get(0).selectors());
    }

    @Test
    void missingObjectOfUncreatableKindIsRefused() {
        CapSpace wanted = component().cap(0x340, ObjectKind.UNKNOWN).build();
        assertEquals(RefusalReason.OBJECT_NOT_CREATABLE, refusedWith(plan(wanted, component().build())));
    }

    @Test
    void allRefusalsAreReportedMostFundamentalFirst() {
        TargetInfo readOnlyElsewhere = new TargetInfo("memory:test", RestoreFixtures.KERNEL, "genode-foc-19", "t", 1,
                false, List.of(new TaskInfo("nobody", 1, 1, 1, 1)));
        RestorePlan p = RestorePlanner.plan(snapshot(component().build()), component().build(), readOnlyElsewhere,
                SpaceBuilder.FOC19);
        assertEquals(List.of(RefusalReason.TASK_MISMATCH, RefusalReason.TARGET_READ_ONLY),
                p.refusals().stream().map(Refusal::reason).toList());
        assertEquals(TASK, p.task());
    }
}
