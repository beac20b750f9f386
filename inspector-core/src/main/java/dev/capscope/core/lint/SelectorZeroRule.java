package dev.capscope.core.lint;

import dev.capscope.core.model.Selectors;

import java.util.ArrayList;
import java.util.List;

/** Genode treats selector 0 as invalid ({@code Capability::valid}); a cap or entry there is a bug. */
final class SelectorZeroRule implements LintRule {
    public String id() {
        return "valid-selector-zero";
    }

    public Severity severity() {
        return Severity.ERROR;
    }

    public String description() {
        return "a valid cap or a cap-map entry at selector 0, which Genode treats as the invalid capability";
    }

    public List<Finding> check(LintContext c) {
        List<Finding> out = new ArrayList<>(1);
        if (c.space().isValid(0)) {
            out.add(finding(List.of(0), "selector " + Selectors.format(0) + " holds a valid " + c.kindAt(0)
                    + ", but Genode treats selector 0 as the invalid capability"));
        }
        if (c.space().capMapEntry(0) != null) {
            out.add(finding(List.of(0), "cap-map entry " + Selectors.format(0)
                    + " is in use, but index 0 is never handed out"));
        }
        return out;
    }
}
