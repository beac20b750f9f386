package dev.capscope.core.restore;

import dev.capscope.core.diff.DiffEngine;
import dev.capscope.core.diff.DiffStatus;
import dev.capscope.core.diff.MatchKey;
import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.KernelObject;
import dev.capscope.core.model.ObjectKind;
import dev.capscope.core.model.Selectors;
import dev.capscope.core.model.Slot;
import dev.capscope.core.model.Snapshot;
import dev.capscope.core.model.TargetInfo;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.profile.SelectorLayout;
import dev.capscope.core.target.RestoreOperation.ClearCapMapEntry;
import dev.capscope.core.target.RestoreOperation.CloseSession;
import dev.capscope.core.target.RestoreOperation.Unmap;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static dev.capscope.core.restore.PlanRules.entryFor;
import static dev.capscope.core.restore.PlanRules.labelMatchesEntry;
import static dev.capscope.core.restore.PlanRules.onlyRightsDiffer;
import static dev.capscope.core.restore.PlanRules.quotaDiffers;
import static dev.capscope.core.restore.PlanRules.set;
import static dev.capscope.core.restore.PlanRules.step;

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
    /** How a side effect says a session stays open at its server without this task's cap. */
    public static final String LEFT_OPEN = "stays open at its server, unused";
    /** Kinds CREATE_OBJECT can make (docs/protocol.md, opcode 0x13). */
    static final Set<ObjectKind> CREATABLE = EnumSet.of(ObjectKind.TASK, ObjectKind.THREAD, ObjectKind.IPC_GATE,
            ObjectKind.IRQ_SENDER);

    private final CapSpace want;
    private final CapSpace live;
    private final SelectorLayout layout;
    private final PlanDraft draft = new PlanDraft();
    private PlanPairing pairing;
    private SessionsToClose sessions;
    private MissingCaps missing;

    private RestorePlanner(Snapshot wanted, CapSpace live, LayoutProfile profile) {
        this.want = wanted.space();
        this.live = live;
        this.layout = SelectorLayout.of(profile);
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
        p.pairing = new PlanPairing(DiffEngine.forProfile(profile).compare(wanted.space(), live, MatchKey.BADGE),
                options.migration(), p::component);
        p.sessions = new SessionsToClose(p.want, live, p::component, p.pairing, p.draft);
        p.missing = new MissingCaps(p.want, live, profile, p.draft, p.sessions);
        p.reconcile();
        if (!p.draft.refusals.isEmpty()) {
            return RestorePlan.refused(live.taskName(), p.draft.refusals);
        }
        List<PlannedStep> steps = p.draft.steps(p.missing.scratchSelector());
        p.draft.sideEffects.addAll(SessionsLeftOpen.find(wanted.space(), live, steps, p::component, p.draft.leftOpen));
        return new RestorePlan(live.taskName(), List.of(), steps, p.draft.sideEffects);
    }

    private boolean component(int selector) {
        return !Preflight.isCoreArea(layout.areaOf(selector));
    }

    private void reconcile() {
        for (int s = Selectors.FIRST; s <= Selectors.LAST; s++) {
            if (!component(s)) {
                fixCoreEntry(s);
                continue;
            }
            boolean wanted = want.isValid(s) || want.capMapEntry(s) != null;
            if (wanted) {
                int p = pairing.partner(s);
                if (p < 0) {
                    missing.create(s);
                } else if (p == s) {
                    reconcileInPlace(s);
                } else {
                    rebind(s, p);
                }
            }
            boolean liveUnit = live.isValid(s) || live.capMapEntry(s) != null;
            if (liveUnit && !pairing.liveClaimed(s)) {
                removeExtra(s);
            }
        }
    }

    private void removeExtra(int s) {
        if (sessions.closesSession(s)) {
            draft.remove(new CloseSession(s));
            return;
        }
        if (live.isValid(s)) {
            sessions.dropSlot(s);
        }
        CapMapEntry le = live.capMapEntry(s);
        if (le != null && !sessions.entryClosedElsewhere(s)) {
            draft.remove(new ClearCapMapEntry(s));
            if (!live.isValid(s) && le.hasBadge() && le.semantics().reopenable()) {
                // No cap of this session is left in the task to close it with.
                draft.leftOpen.add(le.rawId());
                draft.sideEffects.add("the " + le.semantics().describe() + " (badge " + le.rawId() + ", entry at "
                        + Selectors.format(s) + ") has no cap left in the task, so it " + LEFT_OPEN
                        + "; close it at the server or restart the component");
            }
        }
    }

    private void reconcileInPlace(int s) {
        Slot ws = want.slot(s);
        Slot ls = live.slot(s);
        CapMapEntry we = want.capMapEntry(s);
        CapMapEntry le = live.capMapEntry(s);
        DiffStatus status = pairing.slotStatus(s);
        boolean sameObject = ws != null && ls != null && !quotaDiffers(we, le) && labelMatchesEntry(live, ls, le)
                && (status == DiffStatus.UNCHANGED || status == DiffStatus.REBOUND
                || onlyRightsDiffer(pairing.slotDiff(s)));
        if (ws != null && !sameObject) {
            if (ls != null) {
                sessions.dropLive(s);
            }
            missing.create(s);
            return;
        }
        if (sameObject && ws.rights().mask() != ls.rights().mask()) {
            missing.reduceRights(s, ls.rights(), ws.rights());
        }
        if (ws == null && ls != null) {
            sessions.dropSlot(s);
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
                && !sessions.entryClosedElsewhere(p);
        if (ws != null && ls != null && !quotaDiffers(we, live.capMapEntry(p))
                && labelMatchesEntry(live, ls, live.capMapEntry(p))) {
            if ((ws.rights().mask() & ~ls.rights().mask()) != 0) {
                draft.refusals.add(Refusal.of(RefusalReason.RIGHTS_NOT_PRODUCIBLE, "the cap recorded at "
                        + Selectors.format(s) + " with rights " + ws.rights() + " is live at " + Selectors.format(p)
                        + " with only " + ls.rights() + "; restore can only take rights away", s));
                return;
            }
            CapMapEntry entry = we == null ? null : entryFor(we, live.object(ls.objectId()), live.capMapEntry(p));
            draft.moves.add(new Move(p, s, ws.rights(), entry, liveEntry));
            return;
        }
        // Only one side has a cap: nothing to move. Drop the live one, then build the wanted one.
        if (ls != null && sessions.closesSession(p)) {
            draft.remove(new CloseSession(p));
            missing.create(s);
            return;
        }
        if (ls != null) {
            draft.remove(new Unmap(p));
        }
        if (liveEntry) {
            draft.remove(new ClearCapMapEntry(p));
        }
        missing.create(s);
    }

    /** Entry fixes where the cap itself is right (or absent on both sides). */
    private void fixEntry(int s, CapMapEntry we, CapMapEntry le, KernelObject liveObject) {
        if (we == null && le != null) {
            draft.fixes.add(step(Phase.FIX_CAP_MAP, new ClearCapMapEntry(s)));
        } else if (we != null) {
            CapMapEntry target = entryFor(we, liveObject, le);
            if (!target.equals(le)) {
                draft.fixes.add(step(Phase.FIX_CAP_MAP, set(target, target.rawId())));
            }
        }
    }

    /** Core-area entries: present on both sides (preflight); only ref count and semantics are fixed. */
    private void fixCoreEntry(int s) {
        CapMapEntry we = want.capMapEntry(s);
        CapMapEntry le = live.capMapEntry(s);
        if (we != null && le != null && (we.refCount() != le.refCount() || !we.semantics().equals(le.semantics()))) {
            draft.fixes.add(step(Phase.FIX_CAP_MAP, set(we, le.rawId())));
        }
    }
}
