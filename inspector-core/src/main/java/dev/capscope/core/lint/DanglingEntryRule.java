package dev.capscope.core.lint;

import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.Selectors;

import java.util.ArrayList;
import java.util.List;

/**
 * A badged cap-map entry whose selector is empty: the component believes it holds a capability
 * that is gone. Entries allocated without badge (0xFFFF) are receive windows and empty by design.
 */
final class DanglingEntryRule implements LintRule {
    public String id() {
        return "dangling-entry";
    }

    public Severity severity() {
        return Severity.ERROR;
    }

    public String description() {
        return "cap-map entry with a badge whose selector is empty (dangling)";
    }

    public List<Finding> check(LintContext c) {
        List<Finding> out = new ArrayList<>();
        for (CapMapEntry e : c.space().capMap()) {
            if (e.hasBadge() && !c.space().isValid(e.index())) {
                String meaning = e.semantics().describe();
                out.add(finding(List.of(e.index()), "cap-map entry " + Selectors.format(e.index()) + " (badge "
                        + e.rawId() + (meaning.isEmpty() ? "" : ", " + meaning)
                        + ") names an empty selector: dangling entry"));
            }
        }
        return out;
    }
}
