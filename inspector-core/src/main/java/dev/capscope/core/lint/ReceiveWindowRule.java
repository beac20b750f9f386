package dev.capscope.core.lint;

import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.Selectors;

import java.util.ArrayList;
import java.util.List;

/**
 * Receive windows take 4 consecutive cap-map entries allocated without badge (raw id 0xFFFF); a
 * run of such entries whose length is not a multiple of 4 is a broken or leaked window. Entries
 * without badge that name an interface (an L4Re environment's named caps, "L4Re::Env") are not
 * windows.
 */
final class ReceiveWindowRule implements LintRule {
    static final int WINDOW = 4;

    public String id() {
        return "broken-receive-window";
    }

    public Severity severity() {
        return Severity.WARNING;
    }

    public String description() {
        return "receive window (raw id 0xFFFF entries) that is not 4 consecutive slots";
    }

    public List<Finding> check(LintContext c) {
        List<Finding> out = new ArrayList<>();
        List<Integer> run = new ArrayList<>();
        for (CapMapEntry e : c.space().capMap()) {
            if (e.hasBadge() || e.semantics().rpcInterface() != null) {
                continue;
            }
            if (!run.isEmpty() && run.get(run.size() - 1) != e.index() - 1) {
                report(run, out);
            }
            run.add(e.index());
        }
        report(run, out);
        return out;
    }

    private void report(List<Integer> run, List<Finding> out) {
        if (!run.isEmpty() && run.size() % WINDOW != 0) {
            int first = run.get(0);
            int last = run.get(run.size() - 1);
            out.add(finding(run, run.size() + " consecutive entr" + (run.size() == 1 ? "y" : "ies")
                    + " without badge at " + Selectors.format(first)
                    + (first == last ? "" : ".." + Selectors.format(last))
                    + ": receive windows take " + WINDOW + " consecutive slots"));
        }
        run.clear();
    }
}
