package dev.capscope.core.holders;

import dev.capscope.core.lint.Severity;
import dev.capscope.core.model.Selectors;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Lint that needs more than one task: a session whose server no longer holds the session's gate
 * (its clients call into nothing the server still answers for), and an object held only by tasks
 * that are gone (nobody alive can use or free it).
 */
public final class CrossTaskLint {
    public static final String SERVER_DROPPED_GATE = "server-dropped-gate";
    public static final String ONLY_GONE_HOLDERS = "held-only-by-gone-tasks";

    private CrossTaskLint() {
    }

    public static List<CrossTaskFinding> check(Holdings holdings) {
        List<CrossTaskFinding> out = new ArrayList<>();
        for (HeldObject o : holdings.objects()) {
            if (o.session() && Boolean.FALSE.equals(o.serverHolds()) && serverPresent(holdings, o.server())) {
                out.add(new CrossTaskFinding(SERVER_DROPPED_GATE, Severity.ERROR, o.key(), o.holders(),
                        describe(o) + " is held by " + where(o.holders()) + ", but its server '" + o.server()
                                + "' no longer holds the gate"));
            }
            if (o.onlyGoneHolders()) {
                out.add(new CrossTaskFinding(ONLY_GONE_HOLDERS, Severity.WARNING, o.key(), o.holders(),
                        describe(o) + " is held only by tasks that are gone: " + where(o.holders())));
            }
        }
        return out;
    }

    private static boolean serverPresent(Holdings h, String server) {
        return h.tasks().stream().anyMatch(t -> t.task().equals(server) && t.present());
    }

    /** "LOG session 'init -> x' (object 112, badge 208)". */
    public static String describe(HeldObject o) {
        StringBuilder b = new StringBuilder();
        if (o.rpcInterface() != null) {
            b.append(o.rpcInterface()).append(o.session() ? " session" : "");
            if (o.sessionLabel() != null) {
                b.append(" '").append(o.sessionLabel()).append('\'');
            }
        } else {
            b.append(o.kind().kernelName());
        }
        b.append(" (object ").append(o.objectId() == null ? "unknown" : o.objectId().toString());
        if (o.badge() != null) {
            b.append(", badge ").append(o.badge());
        }
        return b.append(')').toString();
    }

    private static String where(List<Holder> holders) {
        return holders.stream().map(h -> "'" + h.task() + "' at " + Selectors.format(h.selector()))
                .collect(Collectors.joining(", "));
    }
}
