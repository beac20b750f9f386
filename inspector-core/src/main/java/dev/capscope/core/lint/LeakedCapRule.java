package dev.capscope.core.lint;

import dev.capscope.core.model.Selectors;
import dev.capscope.core.model.Slot;
import dev.capscope.core.profile.Area;

import java.util.ArrayList;
import java.util.List;

/**
 * A valid cap in the component area without a cap-map entry: the component's allocator does not
 * know the slot, so nothing will ever free it (and a later allocation may map over it).
 */
final class LeakedCapRule implements LintRule {
    public String id() {
        return "leaked-cap";
    }

    public Severity severity() {
        return Severity.WARNING;
    }

    public String description() {
        return "valid cap in the component area with no cap-map entry (leak)";
    }

    public List<Finding> check(LintContext c) {
        List<Finding> out = new ArrayList<>();
        if (!c.profile().allocatorTracked()) {
            return out; // the allocator's bookkeeping is not visible (L4Re): no cap map to hold against
        }
        for (Slot s : c.space().slots()) {
            int sel = s.selector();
            if (c.layout().areaOf(sel) == Area.COMPONENT && c.space().capMapEntry(sel) == null) {
                out.add(finding(List.of(sel), "selector " + Selectors.format(sel) + " (kcap " + Selectors.formatKcap(sel)
                        + ") holds a valid " + c.kindAt(sel) + " but has no cap-map entry: leaked capability"));
            }
        }
        return out;
    }
}
