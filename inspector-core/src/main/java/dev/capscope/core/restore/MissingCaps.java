package dev.capscope.core.restore;

import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.KernelObject;
import dev.capscope.core.model.ObjectKind;
import dev.capscope.core.model.Rights;
import dev.capscope.core.model.Selectors;
import dev.capscope.core.model.Slot;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.target.RestoreOperation.CreateObject;
import dev.capscope.core.target.RestoreOperation.CreateSession;
import dev.capscope.core.target.RestoreOperation.Grant;
import dev.capscope.core.target.RestoreOperation.MapCopy;

import static dev.capscope.core.restore.PlanRules.labelMatchesEntry;
import static dev.capscope.core.restore.PlanRules.server;
import static dev.capscope.core.restore.PlanRules.set;
import static dev.capscope.core.restore.PlanRules.step;

/**
 * Re-creating what the snapshot has and the live task lacks: sessions with their recorded
 * arguments, objects a target can create, labelled gates copied from where the task holds them
 * too; and taking rights away, the one rights change the kernel can make.
 */
final class MissingCaps {
    private final CapSpace want;
    private final CapSpace live;
    private final LayoutProfile profile;
    private final PlanDraft draft;
    private final SessionsToClose sessions;

    MissingCaps(CapSpace want, CapSpace live, LayoutProfile profile, PlanDraft draft, SessionsToClose sessions) {
        this.want = want;
        this.live = live;
        this.profile = profile;
        this.draft = draft;
        this.sessions = sessions;
    }

    /** Re-creates the wanted state at s from nothing. */
    void create(int s) {
        Slot ws = want.slot(s);
        CapMapEntry we = want.capMapEntry(s);
        if (ws == null) {
            if (we != null) {
                draft.creations.add(step(Phase.RECREATE_MISSING, set(we, we.rawId())));
            }
            return;
        }
        if (we != null && we.hasBadge()) {
            createSession(s, ws, we);
            return;
        }
        KernelObject wo = want.object(ws.objectId());
        if (!RestorePlanner.CREATABLE.contains(wo.kind())) {
            draft.refusals.add(Refusal.of(RefusalReason.OBJECT_NOT_CREATABLE, "the " + wo.kind().kernelName() + " at "
                    + Selectors.format(s) + " is missing in the live task and has no cap-map entry; a target can only "
                    + "create Task, Thread, Ipc_gate and Irq_sender objects", s));
            return;
        }
        if (wo.kind() == ObjectKind.IPC_GATE && wo.label() != null && wo.label() > 0) {
            copyLabelledGate(s, ws, we, wo);
            return;
        }
        draft.creations.add(step(Phase.RECREATE_MISSING, new CreateObject(s, wo.kind(), wo.label())));
        if (we != null) {
            draft.creations.add(step(Phase.RECREATE_MISSING, set(we, we.rawId())));
        }
        if (ws.rights().mask() != Rights.RWSD.mask()) {
            reduceRights(s, Rights.RWSD, ws.rights());
        }
    }

    private void createSession(int s, Slot ws, CapMapEntry we) {
        if (we.semantics().rpcInterface() == null) {
            draft.refusals.add(Refusal.of(RefusalReason.UNKNOWN_SEMANTICS, "the cap-map entry at " + Selectors.format(s)
                    + " (badge " + we.rawId() + ") is missing in the live task and its semantics are unknown, so it "
                    + "cannot be re-created", s));
            return;
        }
        if (!we.semantics().reopenable()) {
            draft.refusals.add(Refusal.of(RefusalReason.NOT_A_SESSION, "the " + we.semantics().describe() + " at "
                    + Selectors.format(s) + " (badge " + we.rawId() + ") is missing in the live task; it is an RPC"
                    + " object a session hands out (or core made with the component), not a session, so restore"
                    + " cannot open it again: the component must create it anew, or be restarted", s));
            return;
        }
        draft.creations.add(step(Phase.RECREATE_MISSING, new CreateSession(s, we.semantics(), we.rawId())));
        if (we.refCount() != 1) {
            draft.creations.add(step(Phase.RECREATE_MISSING, set(we, we.rawId())));
        }
        draft.sideEffects.add("opens a new " + we.semantics().describe() + " at its server" + server(we)
                + " for " + Selectors.format(s) + ", filed with the task's parent; it gets a new badge (was "
                + we.rawId() + ")");
        CapMapEntry le = live.capMapEntry(s);
        Slot ls = live.slot(s);
        if (le != null && le.hasBadge() && le.rawId() == we.rawId() && (ls == null || !labelMatchesEntry(live, ls, le))
                && !sessions.entryClosedElsewhere(s)) {
            // The entry still names the session but its cap was unmapped or replaced, not closed:
            // the server still has it open, and this task no longer holds a cap to close it with.
            draft.leftOpen.add(we.rawId());
            draft.sideEffects.add("the session recorded as badge " + we.rawId() + " " + RestorePlanner.LEFT_OPEN
                    + " (its cap at " + Selectors.format(s) + " was unmapped or replaced, not closed); close it at the"
                    + " server or restart the component");
        }
        if (ws.rights().mask() != Rights.RWS.mask()) {
            reduceRights(s, Rights.RWS, ws.rights());
        }
    }

    /**
     * A labelled gate is someone's capability (a session, an RPC object): a new gate with the same
     * label would be a forgery its server knows nothing of. Copy the real one from where the
     * snapshot also holds it, or refuse.
     */
    private void copyLabelledGate(int s, Slot ws, CapMapEntry we, KernelObject wo) {
        int from = copySource(s, ws);
        if (from < 0) {
            draft.refusals.add(Refusal.of(RefusalReason.OBJECT_NOT_CREATABLE, "the Ipc_gate labelled " + wo.label()
                    + " at " + Selectors.format(s) + " is missing and the task holds it nowhere else; only its"
                    + " server can hand it out again, restore will not forge a gate with its label", s));
            return;
        }
        draft.copies.add(step(Phase.RECREATE_MISSING, new MapCopy(from, s, ws.rights())));
        if (we != null) {
            draft.copies.add(step(Phase.RECREATE_MISSING, set(we, we.rawId())));
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

    /**
     * Fewer rights than live: the kernel can take rights away by moving the cap with fewer rights
     * (grant to a scratch slot and back). More rights than live cannot be produced from this cap.
     */
    void reduceRights(int s, Rights liveRights, Rights wanted) {
        if ((wanted.mask() & ~liveRights.mask()) != 0 || (wanted.mask() & Rights.R) == 0) {
            draft.refusals.add(Refusal.of(RefusalReason.RIGHTS_NOT_PRODUCIBLE, "the cap at " + Selectors.format(s)
                    + " was recorded with rights " + wanted + " but the live task holds it with " + liveRights
                    + "; restore can only take rights away (and a cap without R cannot be mapped)", s));
            return;
        }
        int scratch = scratchSelector();
        if (scratch < 0) {
            draft.refusals.add(Refusal.of(RefusalReason.RIGHTS_NOT_PRODUCIBLE, "reducing the rights at "
                    + Selectors.format(s) + " needs a free selector in the allocator area, and none is free", s));
            return;
        }
        draft.rightsFixes.add(step(Phase.FIX_RIGHTS, new Grant(s, scratch, wanted)));
        draft.rightsFixes.add(step(Phase.FIX_RIGHTS, new Grant(scratch, s, wanted)));
    }

    /** The highest allocator selector empty and entry-free on both sides, or -1. */
    int scratchSelector() {
        for (int s = profile.lastAllocatorIndex(); s >= profile.userBaseCap(); s--) {
            if (!want.isValid(s) && !live.isValid(s) && want.capMapEntry(s) == null && live.capMapEntry(s) == null) {
                return s;
            }
        }
        return -1;
    }
}
