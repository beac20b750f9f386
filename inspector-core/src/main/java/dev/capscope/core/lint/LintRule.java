package dev.capscope.core.lint;

import java.util.List;

/** One lint check. Rules are stateless; each reports its own findings in any order. */
public interface LintRule {

    /** Stable id, kebab-case, e.g. "leaked-cap". */
    String id();

    Severity severity();

    /** One line for help output: what the rule looks for and why it matters. */
    String description();

    List<Finding> check(LintContext context);

    /** A finding of this rule. */
    default Finding finding(List<Integer> selectors, String message) {
        return new Finding(id(), severity(), selectors, message);
    }
}
