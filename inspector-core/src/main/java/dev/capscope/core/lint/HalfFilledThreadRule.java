package dev.capscope.core.lint;

import dev.capscope.core.model.Selectors;
import dev.capscope.core.profile.LayoutProfile;

import java.util.ArrayList;
import java.util.List;

/**
 * A thread's slot group partly filled. Core sets up gate, pager and irq (offsets 0-2, present in
 * every profile of docs/background.md §1) together; the vcpu and vcpu-irq slots of genode-foc-19 (offsets 3
 * and up) exist only for vCPU threads, and then together, on top of the first three.
 */
final class HalfFilledThreadRule implements LintRule {
    /** gate, pager, irq: the per-thread slots every Genode-on-Fiasco.OC layout has. */
    static final int BASE_SLOTS = 3;

    public String id() {
        return "half-filled-thread";
    }

    public Severity severity() {
        return Severity.WARNING;
    }

    public String description() {
        return "thread slot group half filled (gate/pager/irq not all present, or vcpu slots without their partner)";
    }

    public List<Finding> check(LintContext c) {
        LayoutProfile p = c.profile();
        int base = Math.min(BASE_SLOTS, p.threadAreaSlot());
        List<Finding> out = new ArrayList<>();
        for (int t = 0; t < p.threadMax() && p.threadBase(t) + p.threadAreaSlot() - 1 <= Selectors.LAST; t++) {
            int first = p.threadBase(t);
            int baseValid = countValid(c, first, base);
            int extra = p.threadAreaSlot() - base;
            int extraValid = countValid(c, first + base, extra);
            boolean baseHalf = baseValid > 0 && baseValid < base;
            boolean extraHalf = extraValid > 0 && (extraValid < extra || baseValid == 0);
            if (baseHalf || extraHalf) {
                out.add(finding(selectors(first, p.threadAreaSlot()), describe(c, t, first)));
            }
        }
        return out;
    }

    private static int countValid(LintContext c, int first, int count) {
        int n = 0;
        for (int s = first; s < first + count; s++) {
            if (c.space().isValid(s)) {
                n++;
            }
        }
        return n;
    }

    private static List<Integer> selectors(int first, int count) {
        List<Integer> l = new ArrayList<>(count);
        for (int s = first; s < first + count; s++) {
            l.add(s);
        }
        return l;
    }

    private static String describe(LintContext c, int thread, int first) {
        List<String> present = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> roles = c.profile().threadSlotRoles();
        for (int i = 0; i < roles.size(); i++) {
            (c.space().isValid(first + i) ? present : missing).add(roles.get(i) + " " + Selectors.format(first + i));
        }
        return "thread " + thread + " slots " + Selectors.format(first) + ".." + Selectors.format(first + roles.size() - 1)
                + " are half filled: present " + String.join(", ", present) + "; empty " + String.join(", ", missing);
    }
}
