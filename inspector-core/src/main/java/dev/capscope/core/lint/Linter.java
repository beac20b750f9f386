package dev.capscope.core.lint;

import dev.capscope.core.model.CapSpace;
import dev.capscope.core.profile.LayoutProfile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Runs lint rules over a cap space: {@code Linter.lint(space, profile)} with the standard rules of
 * docs/background.md §5. Findings come sorted by first selector, then rule id, then message, so output is
 * stable for scripts and golden files.
 */
public final class Linter {
    private static final Comparator<Finding> ORDER = Comparator.comparingInt(Finding::firstSelector)
            .thenComparing(Finding::ruleId).thenComparing(Finding::message);
    private static final Linter STANDARD = new Linter(List.of(
            new SelectorZeroRule(), new LeakedCapRule(), new DanglingEntryRule(), new HalfFilledThreadRule(),
            new BeyondAllocatorRule(), new ReceiveWindowRule(), new DuplicateBadgeRule(), new BadgeLabelRule()));

    private final List<LintRule> rules;

    public Linter(List<LintRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The standard rule set. */
    public static Linter standard() {
        return STANDARD;
    }

    /** Lints with the standard rules. */
    public static List<Finding> lint(CapSpace space, LayoutProfile profile) {
        return STANDARD.check(space, profile);
    }

    public List<LintRule> rules() {
        return rules;
    }

    public List<Finding> check(CapSpace space, LayoutProfile profile) {
        Objects.requireNonNull(space, "space");
        LintContext context = LintContext.of(space, profile);
        List<Finding> out = new ArrayList<>();
        for (LintRule rule : rules) {
            out.addAll(rule.check(context));
        }
        out.sort(ORDER);
        return List.copyOf(out);
    }
}
