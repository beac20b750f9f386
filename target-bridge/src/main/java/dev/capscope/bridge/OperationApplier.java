package dev.capscope.bridge;

import dev.capscope.bridge.driver.BridgeConnection;
import dev.capscope.bridge.driver.MutationResult;
import dev.capscope.bridge.driver.WireProtocol;
import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.ObjectKind;
import dev.capscope.core.model.Semantics;
import dev.capscope.core.target.OperationResult;
import dev.capscope.core.target.RestoreOperation;
import dev.capscope.core.target.TargetException;
import dev.capscope.core.target.TargetException.Code;

/** Translates one {@link RestoreOperation} into the protocol's mutation (docs/protocol.md 0x10-0x15, 0x18). */
final class OperationApplier {
    private OperationApplier() {
    }

    /** What one operation answered: the port's result and the task's generation after it. */
    record Applied(OperationResult result, long generation) {
    }

    static Applied apply(BridgeConnection c, long task, RestoreOperation operation) {
        MutationResult r;
        if (operation instanceof RestoreOperation.Unmap u) {
            r = c.unmap(task, u.selector());
        } else if (operation instanceof RestoreOperation.MapCopy m) {
            r = c.mapCopy(task, m.from(), m.to(), m.rights().mask(), false);
        } else if (operation instanceof RestoreOperation.Grant g) {
            r = c.mapCopy(task, g.from(), g.to(), g.rights().mask(), true);
        } else if (operation instanceof RestoreOperation.CreateSession s) {
            r = c.createSession(task, s.selector(), s.semantics());
            return new Applied(new OperationResult(r.badge()), r.generation());
        } else if (operation instanceof RestoreOperation.CloseSession s) {
            r = c.closeSession(task, s.selector());
        } else if (operation instanceof RestoreOperation.CreateObject o) {
            r = c.createObject(task, o.selector(), wireKind(o.kind()), o.label() == null ? 0 : o.label());
        } else if (operation instanceof RestoreOperation.SetCapMapEntry e) {
            r = c.setCapMapEntry(task, e.index(), e.rawId(), e.refCount(), flags(e), e.semantics());
        } else if (operation instanceof RestoreOperation.ClearCapMapEntry e) {
            r = c.clearCapMapEntry(task, e.index());
        } else {
            throw new TargetException(Code.INTERNAL, "unknown restore operation " + operation);
        }
        return new Applied(OperationResult.DONE, r.generation());
    }

    private static int wireKind(ObjectKind kind) {
        // CREATE_OBJECT makes these four kinds only.
        int wire = switch (kind) {
            case TASK -> WireProtocol.KIND_TASK;
            case THREAD -> WireProtocol.KIND_THREAD;
            case IPC_GATE -> WireProtocol.KIND_IPC_GATE;
            case IRQ_SENDER -> WireProtocol.KIND_IRQ_SENDER;
            default -> -1;
        };
        if (wire < 0) {
            throw new TargetException(Code.REJECTED, "the agent cannot create a " + kind.kernelName()
                    + " object (only Task, Thread, Ipc_gate and Irq_sender)");
        }
        return wire;
    }

    private static int flags(RestoreOperation.SetCapMapEntry e) {
        Semantics s = e.semantics() == null ? Semantics.NONE : e.semantics();
        int flags = 0;
        if (e.rawId() == CapMapEntry.NO_BADGE) {
            flags |= WireProtocol.CAPMAP_FLAG_RCV_WINDOW;
        }
        if (s.reopenable()) {
            flags |= WireProtocol.CAPMAP_FLAG_SESSION; // a session, not an RPC object a session handed out (those carry labels too)
        }
        if (!s.equals(Semantics.NONE)) {
            flags |= WireProtocol.CAPMAP_FLAG_SEMANTICS;
        }
        return flags;
    }
}
