package dev.capscope.core.restore;

import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.KernelObject;
import dev.capscope.core.model.ObjectKind;
import dev.capscope.core.model.Selectors;
import dev.capscope.core.model.Slot;
import dev.capscope.core.target.RestoreOperation.CloseSession;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * Sessions a plan leaves open at their servers without saying so elsewhere: a live entry names a
 * session whose cap is nowhere in the task (a later delivery overwrote it in the receive window,
 * or it was unmapped), the snapshot does not want that session, and no step closes it. The plan
 * overwrites or clears the entry, so the task forgets the session while its server and the
 * task's parent keep it. Restore cannot close it (closing needs a cap), so it must say so.
 */
final class SessionsLeftOpen {
    private SessionsLeftOpen() {
    }

    /**
     * @param component  which selectors belong to the component's area
     * @param reported   badges the planner already named as left open
     */
    static List<String> find(CapSpace want, CapSpace live, List<PlannedStep> steps, IntPredicate component,
                             Set<Long> reported) {
        Set<Long> wanted = new HashSet<>();
        want.capMap().forEach(e -> wanted.add(e.rawId()));
        Set<Long> held = new HashSet<>();
        for (Slot sl : live.slots()) {
            Long label = gateLabel(live, sl);
            if (label != null) {
                held.add(label);
            }
        }
        Set<Long> closed = new HashSet<>();
        for (PlannedStep st : steps) {
            if (st.operation() instanceof CloseSession c) {
                Slot sl = live.slot(c.selector());
                Long label = sl == null ? null : gateLabel(live, sl);
                if (label != null) {
                    closed.add(label);
                }
            }
        }
        List<String> effects = new ArrayList<>();
        for (CapMapEntry le : live.capMap()) {
            long badge = le.rawId();
            if (!component.test(le.index()) || !le.hasBadge() || le.semantics().rpcInterface() == null
                    || !le.semantics().reopenable() || wanted.contains(badge) || held.contains(badge)
                    || closed.contains(badge) || reported.contains(badge)) {
                continue;
            }
            reported.add(badge);
            effects.add("the " + le.semantics().describe() + " (badge " + badge + ", entry at "
                    + Selectors.format(le.index()) + ") has no cap in the task, so restore cannot close it and it "
                    + RestorePlanner.LEFT_OPEN + "; close it at the server or restart the component");
        }
        return effects;
    }

    private static Long gateLabel(CapSpace space, Slot sl) {
        KernelObject o = space.object(sl.objectId());
        return o != null && o.kind() == ObjectKind.IPC_GATE && o.label() != null && o.label() > 0 ? o.label() : null;
    }
}
