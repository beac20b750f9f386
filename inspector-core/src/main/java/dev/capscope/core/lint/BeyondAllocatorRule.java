package dev.capscope.core.lint;

import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.Selectors;
import dev.capscope.core.model.Slot;

import java.util.ArrayList;
import java.util.List;

/**
 * A valid cap or an entry past the cap-map allocator's last index (0xFFF with 4096 entries):
 * Genode never hands such selectors out, so something mapped there behind the allocator's back.
 */
final class BeyondAllocatorRule implements LintRule {
    public String id() {
        return "beyond-allocator";
    }

    public Severity severity() {
        return Severity.WARNING;
    }

    public String description() {
        return "valid cap or cap-map entry beyond the allocator range (past 0xFFF)";
    }

    public List<Finding> check(LintContext c) {
        int last = c.profile().lastAllocatorIndex();
        List<Finding> out = new ArrayList<>();
        for (Slot s : c.space().slots()) {
            if (s.selector() > last) {
                out.add(finding(List.of(s.selector()), "selector " + Selectors.format(s.selector()) + " holds a valid "
                        + c.kindAt(s.selector()) + " beyond the allocator's last index " + Selectors.format(last)));
            }
        }
        for (CapMapEntry e : c.space().capMap()) {
            if (e.index() > last) {
                out.add(finding(List.of(e.index()), "cap-map entry " + Selectors.format(e.index())
                        + " lies beyond the allocator's last index " + Selectors.format(last)));
            }
        }
        return out;
    }
}
