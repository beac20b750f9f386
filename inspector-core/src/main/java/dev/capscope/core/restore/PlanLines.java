package dev.capscope.core.restore;

import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.KernelObject;
import dev.capscope.core.target.RestoreOperation;

/**
 * A plan step as the restore wizard and {@code capscope restore} list it (the one source of this
 * wording): the operation, and for one that removes something what it
 * removes in the live task ("unmap 0x314 (788): removes LOG 'init -> x' @core, badge 120") and
 * whether a removed session stays open at its server (a closed one is listed among the plan's
 * side effects).
 */
public final class PlanLines {
    private PlanLines() {
    }

    /** The step's line: its operation, and what it removes in {@code live} (the space walked before). */
    public static String describe(PlannedStep step, CapSpace live, RestorePlan plan) {
        RestoreOperation op = step.operation();
        String base = op.describe();
        if (op instanceof RestoreOperation.Unmap u) {
            String what = what(live, u.selector());
            if (what.isEmpty()) return base;
            boolean closed = plan.steps().stream().anyMatch(s -> s.operation() instanceof RestoreOperation.CloseSession c
                    && c.selector() == u.selector());
            CapMapEntry e = live.capMapEntry(u.selector());
            boolean session = e != null && e.hasBadge() && e.semantics().rpcInterface() != null;
            return base + ": removes " + what + (session && !closed ? "; the session stays open at its server" : "");
        }
        if (op instanceof RestoreOperation.CloseSession c) {
            String what = what(live, c.selector());
            return what.isEmpty() ? base : base + ": " + what; // the plan's side effects say what the server does
        }
        if (op instanceof RestoreOperation.ClearCapMapEntry c) {
            CapMapEntry e = live.capMapEntry(c.index());
            return e == null ? base : base + ": " + entry(e);
        }
        return base;
    }

    /** What the live task holds at a selector: the entry's meaning and badge, else the object's kind. */
    private static String what(CapSpace live, int sel) {
        CapMapEntry e = live.capMapEntry(sel);
        if (e != null) return entry(e);
        KernelObject o = live.objectAt(sel);
        return o == null ? "" : "a " + o.kind().kernelName() + " (object " + o.id() + ")";
    }

    private static String entry(CapMapEntry e) {
        String m = e.semantics().describe();
        String badge = e.hasBadge() ? "badge " + e.rawId() : "no badge";
        return m.isEmpty() ? "an entry with " + badge : m + ", " + badge;
    }
}
