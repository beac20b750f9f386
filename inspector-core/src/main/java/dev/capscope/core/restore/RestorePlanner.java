package dev.capscope.core.restore;

import dev.capscope.core.diff.CapMapDiff;
import dev.capscope.core.diff.DiffEngine;
import dev.capscope.core.diff.DiffField;
import dev.capscope.core.diff.DiffResult;
import dev.capscope.core.diff.DiffStatus;
import dev.capscope.core.diff.MatchKey;
import dev.capscope.core.diff.SlotDiff;
import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.KernelObject;
import dev.capscope.core.model.ObjectKind;
import dev.capscope.core.model.Rights;
import dev.capscope.core.model.Selectors;
import dev.capscope.core.model.Semantics;
import dev.capscope.core.model.Slot;
import dev.capscope.core.model.Snapshot;
import dev.capscope.core.model.TargetInfo;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.profile.SelectorLayout;
import dev.capscope.core.target.RestoreOperation;
import dev.capscope.core.target.RestoreOperation.ClearCapMapEntry;
import dev.capscope.core.target.RestoreOperation.CloseSession;
import dev.capscope.core.target.RestoreOperation.Grant;
import dev.capscope.core.target.RestoreOperation.MapCopy;
import dev.capscope.core.target.RestoreOperation.CreateObject;
import dev.capscope.core.target.RestoreOperation.CreateSession;
import dev.capscope.core.target.RestoreOperation.SetCapMapEntry;
import dev.capscope.core.target.RestoreOperation.Unmap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Plans a restore (pure): {@code RestorePlanner.plan(snapshot, live, targetInfo, profile[, options])}.
 *
 * <p>First the {@linkplain Preflight preflight}; any refusal ends planning. Then the live space is
 * diffed against the snapshot with {@link MatchKey#BADGE}, so a cap that moved or got a new badge
 * is recognised, and every component-area selector is reconciled. Core-controlled slots are never
 * touched (the preflight makes sure they agree); their cap-map entries may get their ref count or
 * semantics fixed.
 *
 * <p>Order of the plan (deterministic, so equal inputs give equal plans):
 * <ol>
 *   <li>{@link Phase#REMOVE_EXTRAS}, ascending selector: unmap caps the snapshot does not have there
 *       (or has as another object), then clear their entries;</li>
 *   <li>{@link Phase#REBIND_MOVED}: for each cap found at another selector, map it to the wanted one,
 *       unmap the old one, clear the old entry, write the new one; ordered by {@link MoveOrderer} so no
 *       move overwrites a cap still to be moved;</li>
 *   <li>{@link Phase#RECREATE_MISSING}, ascending selector: re-create sessions with their recorded
 *       arguments (CreateSession, which also writes the entry; a SetCapMapEntry follows when the
 *       recorded ref count is not 1 &mdash; its raw id is the recorded badge, which the runner
 *       translates to the badge the server handed out) and objects without entry (CreateObject);
 *       entries without a cap (receive windows) are written here too;</li>
 *   <li>{@link Phase#FIX_CAP_MAP}, ascending index: write or clear entries that differ in place.</li>
 * </ol>
 * Removals come first so that moves and creations land on free slots.
 *
 * <p>A {@linkplain RestoreOptions#migration() migration} (snapshot from another target or task) plans
 * the same way, except that a wanted entry and a live one paired only because their badges are equal
 * while their known meanings differ are not taken for the same cap: badges of two targets are
 * unrelated numbers. The wanted session is re-created (its badge translated by the runner) and the
 * live one removed.
 */
public final class RestorePlanner {
    /** Kinds CREATE_OBJECT can make (docs/protocol.md, opcode 0x13). */
    /** How a side effect says a session stays open at its server without this task's cap. */
    public static final String LEFT_OPEN = "stays open at its server, unused";
    static final Set<ObjectKind> CREATABLE = EnumSet.of(ObjectKind.TASK, ObjectKind.THREAD, ObjectKind.IPC_GATE,
            ObjectKind.IRQ_SENDER);

    private final CapSpace want;
    private final CapSpace live;
    private final LayoutProfile profile;
    private final SelectorLayout layout;
    private final List<Refusal> refusals = new ArrayList<>();
    private final List<PlannedStep> removals = new ArrayList<>();
    private final List<Move> moves = new ArrayList<>();
    private final List<PlannedStep> creations = new ArrayList<>();
    private final List<PlannedStep> fixes = new ArrayList<>();
    private final List<PlannedStep> rightsFixes = new ArrayList<>();
    /** Copies of caps the task holds elsewhere too; after creations, so a re-created source is there. */
    private final List<PlannedStep> copies = new ArrayList<>();
    /** Wanted selector -> live selector it is paired with, or -1. */
    private final int[] partner = new int[Selectors.COUNT];
    private final boolean[] liveClaimed = new boolean[Selectors.COUNT];
    /** Live slots paired with a wanted slot (the cap itself is used, not only the entry there). */
    private final boolean[] slotClaimed = new boolean[Selectors.COUNT];
    private final DiffStatus[] slotStatus = new DiffStatus[Selectors.COUNT];
    private final SlotDiff[] slotDiff = new SlotDiff[Selectors.COUNT];
    /** What the plan does beyond this task's space (sessions closed or opened at servers). */
    private final List<String> sideEffects = new ArrayList<>();
    /** Badges of sessions a side effect already names as left open. */
    private final Set<Long> leftOpen = new HashSet<>();

    private RestorePlanner(Snapshot wanted, CapSpace live, LayoutProfile profile) {
        this.want = wanted.space();
        this.live = live;
        this.profile = profile;
        this.layout = SelectorLayout.of(profile);
        Arrays.fill(partner, -1);
    }

    public static RestorePlan plan(Snapshot wanted, CapSpace live, TargetInfo target, LayoutProfile profile) {
        return plan(wanted, live, target, profile, RestoreOptions.DEFAULT);
    }

    public static RestorePlan plan(Snapshot wanted, CapSpace live, TargetInfo target, LayoutProfile profile,
                                   RestoreOptions options) {
        List<Refusal> preflight = Preflight.check(wanted, live, target, profile, options);
        if (!preflight.isEmpty()) {
            return RestorePlan.refused(live.taskName(), preflight);
        }
        RestorePlanner p = new RestorePlanner(wanted, live, profile);
        p.pair(DiffEngine.forProfile(profile).compare(wanted.space(), live, MatchKey.BADGE), options.migration());
        p.reconcile();
        if (!p.refusals.isEmpty()) {
            return RestorePlan.refused(live.taskName(), p.refusals);
        }
        List<PlannedStep> steps = p.steps();
        p.sideEffects.addAll(SessionsLeftOpen.find(wanted.space(), live, steps, p::component, p.leftOpen));
        return new RestorePlan(live.taskName(), List.of(), steps, p.sideEffects);
    }

    private boolean component(int selector) {
        return !Preflight.isCoreArea(layout.areaOf(selector));
    }

    /**
     * Takes the pairing of the identity-insensitive diff, restricted to the component area. In a
     * migration, pairs made by an equal badge alone (meanings known and different) are dropped.
     */
    private void pair(DiffResult diff, boolean migration) {
        Set<Long> rejected = new HashSet<>();
        for (CapMapDiff d : diff.capMap()) {
            if (d.before() != null && d.after() != null && component(d.beforeIndex()) && component(d.afterIndex())) {
                if (migration && meaningsDiffer(d.before(), d.after())) {
                    rejected.add(pairKey(d.beforeIndex(), d.afterIndex()));
                    continue;
                }
                partner[d.beforeIndex()] = d.afterIndex();
                liveClaimed[d.afterIndex()] = true;
            }
        }
        for (SlotDiff d : diff.slots()) {
            if (d.before() != null && d.after() != null && component(d.beforeSelector()) && component(d.afterSelector())
                    && !rejected.contains(pairKey(d.beforeSelector(), d.afterSelector()))) {
                partner[d.beforeSelector()] = d.afterSelector();
                liveClaimed[d.afterSelector()] = true;
                slotClaimed[d.afterSelector()] = true;
                slotStatus[d.beforeSelector()] = d.status();
                slotDiff[d.beforeSelector()] = d;
            }
        }
    }

    private static boolean meaningsDiffer(CapMapEntry wanted, CapMapEntry live) {
        Semantics a = wanted.semantics();
        Semantics b = live.semantics();
        return a.rpcInterface() != null && b.rpcInterface() != null
                && !(a.rpcInterface().equals(b.rpcInterface()) && Objects.equals(a.label(), b.label())
                && Objects.equals(a.args(), b.args()) && Objects.equals(a.server(), b.server()));
    }

    private static long pairKey(int wantedSelector, int liveSelector) {
        return ((long) wantedSelector << 32) | liveSelector;
    }

    /**
     * Live session entries that go but whose cap sits at another selector than their entry (a cap
     * still in the receive window it arrived through): the session is closed through that selector,
     * which also frees the entry. Maps the cap's selector to the entry's index.
     */
    private final java.util.Map<Integer, Integer> closeVia = new java.util.HashMap<>();
    private final java.util.Set<Integer> entryClosedElsewhere = new java.util.HashSet<>();

    private void findSessionsClosedElsewhere() {
        java.util.Map<Long, Integer> gateOfBadge = new java.util.HashMap<>();
        for (Slot sl : live.slots()) {
            KernelObject o = live.object(sl.objectId());
            // a cap the snapshot does not have at that selector (its entry there may be a receive window)
            if (component(sl.selector()) && !want.isValid(sl.selector()) && o != null && o.kind() == ObjectKind.IPC_GATE
                    && o.label() != null && o.label() > 0) {
                gateOfBadge.putIfAbsent(o.label(), sl.selector());
            }
        }
        for (CapMapEntry le : live.capMap()) {
            int i = le.index();
            if (!component(i) || !le.hasBadge() || !le.semantics().reopenable()) {
                continue;
            }
            // The entry may be paired with a wanted one of the same meaning; what counts is whether
            // the plan uses its cap. A gate slot paired with a wanted slot is moved there, not closed.
            Slot own = live.slot(i);
            Integer at = gateOfBadge.get(le.rawId());
            if (at != null && at != i && !slotClaimed[at] && (own == null || !labelMatchesEntry(own, le))
                    && !closeVia.containsKey(at)) {
                closeVia.put(at, i);
                entryClosedElsewhere.add(i);
            }
        }
    }

    /** Drops a live cap: closed at its server when it is a going session's cap, else unmapped. */
    private void dropSlot(int s) {
        Integer entry = closeVia.get(s);
        if (entry == null) {
            removals.add(new PlannedStep(Phase.REMOVE_EXTRAS, new Unmap(s)));
            return;
        }
        CapMapEntry le = live.capMapEntry(entry);
        sideEffects.add("closes the " + le.semantics().describe() + " (badge " + le.rawId() + ", entry at "
                + Selectors.format(entry) + ", its cap at " + Selectors.format(s) + ") at its server" + server(le));
        removals.add(new PlannedStep(Phase.REMOVE_EXTRAS, new CloseSession(s)));
    }

    private void reconcile() {
        findSessionsClosedElsewhere();
        for (int s = Selectors.FIRST; s <= Selectors.LAST; s++) {
            if (!component(s)) {
                fixCoreEntry(s);
                continue;
            }
            boolean wanted = want.isValid(s) || want.capMapEntry(s) != null;
            if (wanted) {
                int p = partner[s];
                if (p < 0) {
                    create(s);
                } else if (p == s) {
                    reconcileInPlace(s);
                } else {
                    rebind(s, p);
                }
            }
            boolean liveUnit = live.isValid(s) || live.capMapEntry(s) != null;
            if (liveUnit && !liveClaimed[s]) {
                removeExtra(s);
            }
        }
    }

    private void removeExtra(int s) {
        if (closesSession(s)) {
            removals.add(new PlannedStep(Phase.REMOVE_EXTRAS, new CloseSession(s)));
            return;
        }
        if (live.isValid(s)) {
            dropSlot(s);
        }
        CapMapEntry le = live.capMapEntry(s);
        if (le != null && !entryClosedElsewhere.contains(s)) {
            removals.add(new PlannedStep(Phase.REMOVE_EXTRAS, new ClearCapMapEntry(s)));
            if (!live.isValid(s) && le.hasBadge() && le.semantics().reopenable()) {
                // No cap of this session is left in the task to close it with.
                leftOpen.add(le.rawId());
                sideEffects.add("the " + le.semantics().describe() + " (badge " + le.rawId() + ", entry at "
                        + Selectors.format(s) + ") has no cap left in the task, so it " + LEFT_OPEN
                        + "; close it at the server or restart the component");
            }
        }
    }

    /**
     * A live session cap that goes is closed at its server, as the component's parent would close
     * it; unmapping it alone would leave the session open at the server, orphaned. Only when this
     * task holds the object at no other selector (closing destroys it for every holder).
     */
    private boolean closesSession(int s) {
        CapMapEntry le = live.capMapEntry(s);
        Slot ls = live.slot(s);
        if (le == null || ls == null || !le.hasBadge() || le.semantics().rpcInterface() == null) {
            return false;
        }
        if (!le.semantics().reopenable()) {
            // A dataspace or signal context is no session: targets close only sessions. Unmapped, it
            // stays with its server until the component frees it.
            sideEffects.add("the " + le.semantics().describe() + " (badge " + le.rawId() + ", at " + Selectors.format(s)
                    + ") is only unmapped: it is no session, so it stays allocated at its server" + server(le)
                    + " until the component frees it");
            return false;
        }
        KernelObject o = live.object(ls.objectId());
        boolean sessionGate = o != null && (o.kind() == ObjectKind.UNKNOWN
                || (o.kind() == ObjectKind.IPC_GATE && (o.label() == null || o.label() == le.rawId())));
        if (!sessionGate) {
            return false;
        }
        long object = ls.objectId();
        // Another holder in this task that stays would lose the cap too; holders that go anyway do not count.
        if (live.slots().stream().anyMatch(x -> x.selector() != s && x.objectId() == object && want.isValid(x.selector()))) {
            return false;
        }
        sideEffects.add("closes the " + le.semantics().describe() + " (badge " + le.rawId() + ", at "
                + Selectors.format(s) + ") at its server" + server(le));
        return true;
    }

    private static String server(CapMapEntry e) {
        String server = e.semantics().server();
        return server == null || server.isEmpty() ? "" : " '" + server + "'";
    }

    /** Replaces a live cap that is not the wanted one: closed if it is a session, else unmapped. */
    private void dropLive(int s) {
        removals.add(new PlannedStep(Phase.REMOVE_EXTRAS, closesSession(s) ? new CloseSession(s) : new Unmap(s)));
    }

    private void reconcileInPlace(int s) {
        Slot ws = want.slot(s);
        Slot ls = live.slot(s);
        CapMapEntry we = want.capMapEntry(s);
        CapMapEntry le = live.capMapEntry(s);
        boolean sameObject = ws != null && ls != null && !quotaDiffers(we, le) && labelMatchesEntry(ls, le)
                && (slotStatus[s] == DiffStatus.UNCHANGED || slotStatus[s] == DiffStatus.REBOUND
                || onlyRightsDiffer(slotDiff[s]));
        if (ws != null && !sameObject) {
            if (ls != null) {
                dropLive(s);
            }
            create(s);
            return;
        }
        if (sameObject && ws.rights().mask() != ls.rights().mask()) {
            reduceRights(s, ls.rights(), ws.rights());
        }
        if (ws == null && ls != null) {
            dropSlot(s);
        }
        fixEntry(s, we, le, ls == null ? null : live.object(ls.objectId()));
    }

    private void rebind(int s, int p) {
        Slot ws = want.slot(s);
        Slot ls = live.slot(p);
        CapMapEntry we = want.capMapEntry(s);
        // The source's entry goes with the cap unless the snapshot wants an entry there too (a receive
        // window the cap happened to sit in keeps its entry).
        boolean liveEntry = live.capMapEntry(p) != null && want.capMapEntry(p) == null
                && !entryClosedElsewhere.contains(p);
        if (ws != null && ls != null && !quotaDiffers(we, live.capMapEntry(p))
                && labelMatchesEntry(ls, live.capMapEntry(p))) {
            if ((ws.rights().mask() & ~ls.rights().mask()) != 0) {
                refusals.add(Refusal.of(RefusalReason.RIGHTS_NOT_PRODUCIBLE, "the cap recorded at "
                        + Selectors.format(s) + " with rights " + ws.rights() + " is live at " + Selectors.format(p)
                        + " with only " + ls.rights() + "; restore can only take rights away", s));
                return;
            }
            CapMapEntry entry = we == null ? null : entryFor(we, live.object(ls.objectId()), live.capMapEntry(p));
            moves.add(new Move(p, s, ws.rights(), entry, liveEntry));
            return;
        }
        // Only one side has a cap: nothing to move. Drop the live one, then build the wanted one.
        if (ls != null && closesSession(p)) {
            removals.add(new PlannedStep(Phase.REMOVE_EXTRAS, new CloseSession(p)));
            create(s);
            return;
        }
        if (ls != null) {
            removals.add(new PlannedStep(Phase.REMOVE_EXTRAS, new Unmap(p)));
        }
        if (liveEntry) {
            removals.add(new PlannedStep(Phase.REMOVE_EXTRAS, new ClearCapMapEntry(p)));
        }
        create(s);
    }

    /** A live gate whose label is not the badge its entry records is another object mapped over it. */
    private boolean labelMatchesEntry(Slot ls, CapMapEntry le) {
        KernelObject o = live.object(ls.objectId());
        return le == null || !le.hasBadge() || o == null || o.kind() != ObjectKind.IPC_GATE || o.label() == null
                || o.label() <= 0 || o.label() == le.rawId();
    }

    /** The same object with other rights (another object id or label is another cap, not fewer rights). */
    private static boolean onlyRightsDiffer(SlotDiff d) {
        return d != null && d.status() == DiffStatus.CHANGED && !d.changes().isEmpty() && d.changes().stream()
                .allMatch(c -> c.field() == DiffField.RIGHTS);
    }

    /**
     * Fewer rights than live: the kernel can take rights away by moving the cap with fewer rights
     * (grant to a scratch slot and back). More rights than live cannot be produced from this cap.
     */
    private void reduceRights(int s, Rights live, Rights wanted) {
        if ((wanted.mask() & ~live.mask()) != 0 || (wanted.mask() & Rights.R) == 0) {
            refusals.add(Refusal.of(RefusalReason.RIGHTS_NOT_PRODUCIBLE, "the cap at " + Selectors.format(s)
                    + " was recorded with rights " + wanted + " but the live task holds it with " + live
                    + "; restore can only take rights away (and a cap without R cannot be mapped)", s));
            return;
        }
        int scratch = scratchSelector();
        if (scratch < 0) {
            refusals.add(Refusal.of(RefusalReason.RIGHTS_NOT_PRODUCIBLE, "reducing the rights at "
                    + Selectors.format(s) + " needs a free selector in the allocator area, and none is free", s));
            return;
        }
        rightsFixes.add(step(Phase.FIX_RIGHTS, new Grant(s, scratch, wanted)));
        rightsFixes.add(step(Phase.FIX_RIGHTS, new Grant(scratch, s, wanted)));
    }

    /**
     * A session or dataspace with another quota is another object (a bigger heap is not the old
     * heap): it is re-created with the recorded arguments rather than relabelled.
     */
    private static boolean quotaDiffers(CapMapEntry we, CapMapEntry le) {
        return we != null && le != null && we.hasBadge() && le.hasBadge()
                && !Objects.equals(we.semantics().quota(), le.semantics().quota());
    }

    /** Re-creates the wanted state at s from nothing. */
    private void create(int s) {
        Slot ws = want.slot(s);
        CapMapEntry we = want.capMapEntry(s);
        if (ws == null) {
            if (we != null) {
                creations.add(step(Phase.RECREATE_MISSING, set(we, we.rawId())));
            }
            return;
        }
        KernelObject wo = want.object(ws.objectId());
        if (we != null && we.hasBadge()) {
            if (we.semantics().rpcInterface() == null) {
                refusals.add(Refusal.of(RefusalReason.UNKNOWN_SEMANTICS, "the cap-map entry at " + Selectors.format(s)
                        + " (badge " + we.rawId() + ") is missing in the live task and its semantics are unknown, so it "
                        + "cannot be re-created", s));
                return;
            }
            if (!we.semantics().reopenable()) {
                refusals.add(Refusal.of(RefusalReason.NOT_A_SESSION, "the " + we.semantics().describe() + " at "
                        + Selectors.format(s) + " (badge " + we.rawId() + ") is missing in the live task; it is an RPC"
                        + " object a session hands out (or core made with the component), not a session, so restore"
                        + " cannot open it again: the component must create it anew, or be restarted", s));
                return;
            }
            creations.add(step(Phase.RECREATE_MISSING, new CreateSession(s, we.semantics(), we.rawId())));
            if (we.refCount() != 1) {
                creations.add(step(Phase.RECREATE_MISSING, set(we, we.rawId())));
            }
            sideEffects.add("opens a new " + we.semantics().describe() + " at its server" + server(we)
                    + " for " + Selectors.format(s) + ", filed with the task's parent; it gets a new badge (was "
                    + we.rawId() + ")");
            CapMapEntry le = live.capMapEntry(s);
            Slot ls = live.slot(s);
            if (le != null && le.hasBadge() && le.rawId() == we.rawId() && (ls == null || !labelMatchesEntry(ls, le))
                    && !entryClosedElsewhere.contains(s)) {
                // The entry still names the session but its cap was unmapped or replaced, not closed:
                // the server still has it open, and this task no longer holds a cap to close it with.
                leftOpen.add(we.rawId());
                sideEffects.add("the session recorded as badge " + we.rawId() + " " + LEFT_OPEN + " (its cap at "
                        + Selectors.format(s) + " was unmapped or replaced, not closed); close it at the server or"
                        + " restart the component");
            }
            if (ws.rights().mask() != Rights.RWS.mask()) {
                reduceRights(s, Rights.RWS, ws.rights());
            }
            return;
        }
        if (!CREATABLE.contains(wo.kind())) {
            refusals.add(Refusal.of(RefusalReason.OBJECT_NOT_CREATABLE, "the " + wo.kind().kernelName() + " at "
                    + Selectors.format(s) + " is missing in the live task and has no cap-map entry; a target can only "
                    + "create Task, Thread, Ipc_gate and Irq_sender objects", s));
            return;
        }
        if (wo.kind() == ObjectKind.IPC_GATE && wo.label() != null && wo.label() > 0) {
            // A labelled gate is someone's capability (a session, an RPC object): a new gate with
            // the same label would be a forgery its server knows nothing of. Copy the real one from
            // where the snapshot also holds it, or refuse.
            int from = copySource(s, ws);
            if (from < 0) {
                refusals.add(Refusal.of(RefusalReason.OBJECT_NOT_CREATABLE, "the Ipc_gate labelled " + wo.label()
                        + " at " + Selectors.format(s) + " is missing and the task holds it nowhere else; only its"
                        + " server can hand it out again, restore will not forge a gate with its label", s));
                return;
            }
            copies.add(step(Phase.RECREATE_MISSING, new MapCopy(from, s, ws.rights())));
            if (we != null) {
                copies.add(step(Phase.RECREATE_MISSING, set(we, we.rawId())));
            }
            return;
        }
        creations.add(step(Phase.RECREATE_MISSING, new CreateObject(s, wo.kind(), wo.label())));
        if (we != null) {
            creations.add(step(Phase.RECREATE_MISSING, set(we, we.rawId())));
        }
        if (ws.rights().mask() != Rights.RWSD.mask()) {
            reduceRights(s, Rights.RWSD, ws.rights());
        }
    }

    /**
     * Where the snapshot holds the same object as at {@code s} under a cap-map entry of its own (the
     * primary holder, which restore keeps or re-creates), the selector to copy it from; else -1.
     */
    private int copySource(int s, Slot ws) {
        for (Slot other : want.slots()) {
            CapMapEntry e = want.capMapEntry(other.selector());
            if (other.selector() != s && other.objectId() == ws.objectId() && e != null && e.hasBadge()) {
                return other.selector();
            }
        }
        return -1;
    }

    /** Entry fixes where the cap itself is right (or absent on both sides). */
    private void fixEntry(int s, CapMapEntry we, CapMapEntry le, KernelObject liveObject) {
        if (we == null && le != null) {
            fixes.add(step(Phase.FIX_CAP_MAP, new ClearCapMapEntry(s)));
        } else if (we != null) {
            CapMapEntry target = entryFor(we, liveObject, le);
            if (!target.equals(le)) {
                fixes.add(step(Phase.FIX_CAP_MAP, set(target, target.rawId())));
            }
        }
    }

    /** Core-area entries: present on both sides (preflight); only ref count and semantics are fixed. */
    private void fixCoreEntry(int s) {
        CapMapEntry we = want.capMapEntry(s);
        CapMapEntry le = live.capMapEntry(s);
        if (we != null && le != null && (we.refCount() != le.refCount() || !we.semantics().equals(le.semantics()))) {
            fixes.add(step(Phase.FIX_CAP_MAP, set(we, le.rawId())));
        }
    }

    /**
     * The entry to write for a wanted entry whose cap is live: the live identity (the gate's label,
     * else the live entry's badge) with the wanted ref count and semantics. Keeping the live badge
     * is what makes a restore identity-insensitive: the server knows the session by that badge.
     */
    private static CapMapEntry entryFor(CapMapEntry we, KernelObject liveObject, CapMapEntry le) {
        long rawId = we.rawId();
        if (we.hasBadge()) {
            if (liveObject != null && liveObject.kind() == ObjectKind.IPC_GATE && liveObject.label() != null
                    && liveObject.label() > 0) {
                rawId = liveObject.label();
            } else if (le != null && le.hasBadge()) {
                rawId = le.rawId();
            }
        }
        return new CapMapEntry(we.index(), rawId, we.refCount(), we.semantics());
    }

    private static SetCapMapEntry set(CapMapEntry e, long rawId) {
        return new SetCapMapEntry(e.index(), rawId, e.refCount(), e.semantics());
    }

    private static PlannedStep step(Phase phase, RestoreOperation op) {
        return new PlannedStep(phase, op);
    }

    private List<PlannedStep> steps() {
        // Removals were found in wanted-selector order; the plan lists them by the selector they touch.
        List<PlannedStep> all = new ArrayList<>(removals);
        all.sort(Comparator.comparingInt((PlannedStep st) -> touched(st.operation()))
                .thenComparing(st -> st.operation() instanceof ClearCapMapEntry));
        for (RestoreOperation op : MoveOrderer.order(moves, scratchSelector())) {
            all.add(step(Phase.REBIND_MOVED, op));
        }
        all.addAll(creations);
        all.addAll(copies);
        all.addAll(rightsFixes);
        all.addAll(fixes);
        return all;
    }

    private static int touched(RestoreOperation op) {
        if (op instanceof Unmap u) {
            return u.selector();
        }
        if (op instanceof ClearCapMapEntry c) {
            return c.index();
        }
        if (op instanceof CloseSession c) {
            return c.selector();
        }
        throw new IllegalArgumentException("not a removal: " + op);
    }

    /** The highest allocator selector empty and entry-free on both sides, or -1. */
    private int scratchSelector() {
        for (int s = profile.lastAllocatorIndex(); s >= profile.userBaseCap(); s--) {
            if (!want.isValid(s) && !live.isValid(s) && want.capMapEntry(s) == null && live.capMapEntry(s) == null) {
                return s;
            }
        }
        return -1;
    }
}
