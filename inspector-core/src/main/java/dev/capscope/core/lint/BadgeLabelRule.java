package dev.capscope.core.lint;

import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.Selectors;

import java.util.ArrayList;
import java.util.List;

/**
 * A cap-map entry whose badge is not the label of the IPC gate at its selector. Core puts a
 * capability's id into its gate's label, so the two agree unless another object was mapped over
 * the slot behind the cap map's back (the entry then describes a capability the slot no longer holds).
 */
final class BadgeLabelRule implements LintRule {
    public String id() {
        return "badge-label-mismatch";
    }

    public Severity severity() {
        return Severity.ERROR;
    }

    public String description() {
        return "a cap-map entry's badge differs from the label of the IPC gate at its selector";
    }

    public List<Finding> check(LintContext c) {
        List<Finding> out = new ArrayList<>();
        for (CapMapEntry e : c.space().capMap()) {
            Long label = c.space().gateLabelContradicting(e);
            if (label != null) {
                out.add(finding(List.of(e.index()), "the cap-map entry at " + Selectors.format(e.index()) + " says badge "
                        + e.rawId() + (e.semantics().describe().isEmpty() ? "" : " (" + e.semantics().describe() + ")")
                        + " but the IPC gate there has label " + label + "; another capability was mapped over"
                        + " the slot"));
            }
        }
        return out;
    }
}
