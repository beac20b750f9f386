package dev.capscope.core.restore;

import dev.capscope.core.diff.DiffField;
import dev.capscope.core.diff.DiffStatus;
import dev.capscope.core.diff.SlotDiff;
import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.KernelObject;
import dev.capscope.core.model.ObjectKind;
import dev.capscope.core.model.Slot;
import dev.capscope.core.target.RestoreOperation;
import dev.capscope.core.target.RestoreOperation.SetCapMapEntry;

import java.util.Objects;

/** The planner's small judgements about one cap or entry, and the steps it writes for entries. */
final class PlanRules {
    private PlanRules() {
    }

    /** A live gate whose label is not the badge its entry records is another object mapped over it. */
    static boolean labelMatchesEntry(CapSpace live, Slot ls, CapMapEntry le) {
        KernelObject o = live.object(ls.objectId());
        return le == null || !le.hasBadge() || o == null || o.kind() != ObjectKind.IPC_GATE || o.label() == null
                || o.label() <= 0 || o.label() == le.rawId();
    }

    /** The same object with other rights (another object id or label is another cap, not fewer rights). */
    static boolean onlyRightsDiffer(SlotDiff d) {
        return d != null && d.status() == DiffStatus.CHANGED && !d.changes().isEmpty() && d.changes().stream()
                .allMatch(c -> c.field() == DiffField.RIGHTS);
    }

    /**
     * A session or dataspace with another quota is another object (a bigger heap is not the old
     * heap): it is re-created with the recorded arguments rather than relabelled.
     */
    static boolean quotaDiffers(CapMapEntry we, CapMapEntry le) {
        return we != null && le != null && we.hasBadge() && le.hasBadge()
                && !Objects.equals(we.semantics().quota(), le.semantics().quota());
    }

    /**
     * The entry to write for a wanted entry whose cap is live: the live identity (the gate's label,
     * else the live entry's badge) with the wanted ref count and semantics. Keeping the live badge
     * is what makes a restore identity-insensitive: the server knows the session by that badge.
     */
    static CapMapEntry entryFor(CapMapEntry we, KernelObject liveObject, CapMapEntry le) {
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

    static SetCapMapEntry set(CapMapEntry e, long rawId) {
        return new SetCapMapEntry(e.index(), rawId, e.refCount(), e.semantics());
    }

    static PlannedStep step(Phase phase, RestoreOperation op) {
        return new PlannedStep(phase, op);
    }

    /** " 'server'" for side-effect sentences, or nothing when the entry names no server. */
    static String server(CapMapEntry e) {
        String server = e.semantics().server();
        return server == null || server.isEmpty() ? "" : " '" + server + "'";
    }
}
