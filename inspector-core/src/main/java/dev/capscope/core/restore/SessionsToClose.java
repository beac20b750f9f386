package dev.capscope.core.restore;

import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.KernelObject;
import dev.capscope.core.model.ObjectKind;
import dev.capscope.core.model.Selectors;
import dev.capscope.core.model.Slot;
import dev.capscope.core.target.RestoreOperation.CloseSession;
import dev.capscope.core.target.RestoreOperation.Unmap;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;

import static dev.capscope.core.restore.PlanRules.labelMatchesEntry;
import static dev.capscope.core.restore.PlanRules.server;

/**
 * Live caps that go: a session's cap is closed at its server, as the component's parent would
 * close it (unmapping it alone would leave the session open there, orphaned); anything else is
 * unmapped. Each closing is a side effect of the plan.
 */
final class SessionsToClose {
    private final CapSpace want;
    private final CapSpace live;
    private final PlanDraft draft;
    /**
     * Live session entries that go but whose cap sits at another selector than their entry (a cap
     * still in the receive window it arrived through): the session is closed through that selector,
     * which also frees the entry. Maps the cap's selector to the entry's index.
     */
    private final Map<Integer, Integer> closeVia = new HashMap<>();
    private final Set<Integer> entryClosedElsewhere = new HashSet<>();

    SessionsToClose(CapSpace want, CapSpace live, IntPredicate component, PlanPairing pairing, PlanDraft draft) {
        this.want = want;
        this.live = live;
        this.draft = draft;
        Map<Long, Integer> gateOfBadge = new HashMap<>();
        for (Slot sl : live.slots()) {
            KernelObject o = live.object(sl.objectId());
            // a cap the snapshot does not have at that selector (its entry there may be a receive window)
            if (component.test(sl.selector()) && !want.isValid(sl.selector()) && o != null
                    && o.kind() == ObjectKind.IPC_GATE && o.label() != null && o.label() > 0) {
                gateOfBadge.putIfAbsent(o.label(), sl.selector());
            }
        }
        for (CapMapEntry le : live.capMap()) {
            int i = le.index();
            if (!component.test(i) || !le.hasBadge() || !le.semantics().reopenable()) {
                continue;
            }
            // The entry may be paired with a wanted one of the same meaning; what counts is whether
            // the plan uses its cap. A gate slot paired with a wanted slot is moved there, not closed.
            Slot own = live.slot(i);
            Integer at = gateOfBadge.get(le.rawId());
            if (at != null && at != i && !pairing.slotClaimed(at) && (own == null || !labelMatchesEntry(live, own, le))
                    && !closeVia.containsKey(at)) {
                closeVia.put(at, i);
                entryClosedElsewhere.add(i);
            }
        }
    }

    /** Whether the live entry at {@code index} goes with a session closed through another selector. */
    boolean entryClosedElsewhere(int index) {
        return entryClosedElsewhere.contains(index);
    }

    /** Drops a live cap: closed at its server when it is a going session's cap, else unmapped. */
    void dropSlot(int s) {
        Integer entry = closeVia.get(s);
        if (entry == null) {
            draft.remove(new Unmap(s));
            return;
        }
        CapMapEntry le = live.capMapEntry(entry);
        draft.sideEffects.add("closes the " + le.semantics().describe() + " (badge " + le.rawId() + ", entry at "
                + Selectors.format(entry) + ", its cap at " + Selectors.format(s) + ") at its server" + server(le));
        draft.remove(new CloseSession(s));
    }

    /** Replaces a live cap that is not the wanted one: closed if it is a session, else unmapped. */
    void dropLive(int s) {
        draft.remove(closesSession(s) ? new CloseSession(s) : new Unmap(s));
    }

    /**
     * Whether the live cap at {@code s} is a session cap to close at its server. Only when this
     * task holds the object at no other selector that stays (closing destroys it for every holder).
     */
    boolean closesSession(int s) {
        CapMapEntry le = live.capMapEntry(s);
        Slot ls = live.slot(s);
        if (le == null || ls == null || !le.hasBadge() || le.semantics().rpcInterface() == null) {
            return false;
        }
        if (!le.semantics().reopenable()) {
            // A dataspace or signal context is no session: targets close only sessions. Unmapped, it
            // stays with its server until the component frees it.
            draft.sideEffects.add("the " + le.semantics().describe() + " (badge " + le.rawId() + ", at "
                    + Selectors.format(s) + ") is only unmapped: it is no session, so it stays allocated at its server"
                    + server(le) + " until the component frees it");
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
        draft.sideEffects.add("closes the " + le.semantics().describe() + " (badge " + le.rawId() + ", at "
                + Selectors.format(s) + ") at its server" + server(le));
        return true;
    }
}
