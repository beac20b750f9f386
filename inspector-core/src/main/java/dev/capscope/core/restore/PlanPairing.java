package dev.capscope.core.restore;

import dev.capscope.core.diff.CapMapDiff;
import dev.capscope.core.diff.DiffResult;
import dev.capscope.core.diff.DiffStatus;
import dev.capscope.core.diff.SlotDiff;
import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.Selectors;
import dev.capscope.core.model.Semantics;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * Which live selector each wanted one is paired with: the identity-insensitive diff's pairing,
 * restricted to the component area. In a migration, pairs made by an equal badge alone (meanings
 * known and different) are dropped: badges of two targets are unrelated numbers.
 */
final class PlanPairing {
    /** Wanted selector -> live selector it is paired with, or -1. */
    private final int[] partner = new int[Selectors.COUNT];
    private final boolean[] liveClaimed = new boolean[Selectors.COUNT];
    /** Live slots paired with a wanted slot (the cap itself is used, not only the entry there). */
    private final boolean[] slotClaimed = new boolean[Selectors.COUNT];
    private final DiffStatus[] slotStatus = new DiffStatus[Selectors.COUNT];
    private final SlotDiff[] slotDiff = new SlotDiff[Selectors.COUNT];

    PlanPairing(DiffResult diff, boolean migration, IntPredicate component) {
        Arrays.fill(partner, -1);
        Set<Long> rejected = new HashSet<>();
        for (CapMapDiff d : diff.capMap()) {
            if (d.before() != null && d.after() != null && component.test(d.beforeIndex())
                    && component.test(d.afterIndex())) {
                if (migration && meaningsDiffer(d.before(), d.after())) {
                    rejected.add(pairKey(d.beforeIndex(), d.afterIndex()));
                    continue;
                }
                partner[d.beforeIndex()] = d.afterIndex();
                liveClaimed[d.afterIndex()] = true;
            }
        }
        for (SlotDiff d : diff.slots()) {
            if (d.before() != null && d.after() != null && component.test(d.beforeSelector())
                    && component.test(d.afterSelector())
                    && !rejected.contains(pairKey(d.beforeSelector(), d.afterSelector()))) {
                partner[d.beforeSelector()] = d.afterSelector();
                liveClaimed[d.afterSelector()] = true;
                slotClaimed[d.afterSelector()] = true;
                slotStatus[d.beforeSelector()] = d.status();
                slotDiff[d.beforeSelector()] = d;
            }
        }
    }

    /** The live selector paired with wanted selector {@code s}, or -1. */
    int partner(int s) {
        return partner[s];
    }

    /** Whether live selector {@code s} (its cap or its entry) is paired with a wanted one. */
    boolean liveClaimed(int s) {
        return liveClaimed[s];
    }

    /** Whether the cap at live selector {@code s} is paired with a wanted cap. */
    boolean slotClaimed(int s) {
        return slotClaimed[s];
    }

    DiffStatus slotStatus(int wanted) {
        return slotStatus[wanted];
    }

    SlotDiff slotDiff(int wanted) {
        return slotDiff[wanted];
    }

    private static boolean meaningsDiffer(CapMapEntry wanted, CapMapEntry live) {
        Semantics a = wanted.semantics();
        Semantics b = live.semantics();
        return a.rpcInterface() != null && b.rpcInterface() != null
                && !(a.rpcInterface().equals(b.rpcInterface()) && Objects.equals(a.label(), b.label())
                && Objects.equals(a.args(), b.args()) && Objects.equals(a.server(), b.server()));
    }

    private static long pairKey(int wantedSelector, int liveSelector) {
        return ((long) wantedSelector << 32) | liveSelector;
    }
}
