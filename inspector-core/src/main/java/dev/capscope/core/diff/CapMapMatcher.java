package dev.capscope.core.diff;

import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.Selectors;
import dev.capscope.core.model.Semantics;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Pairs baseline cap-map entries with after entries. Result: for each baseline position the after
 * position it is paired with, or -1.
 *
 * <p>{@link MatchKey#BADGE} pairs in rounds, each round only among entries still unpaired and,
 * within a round, preferring the candidate at the same index, else the lowest index:
 * <ol>
 *   <li>same badge and same meaning (the same session, maybe moved);</li>
 *   <li>same known meaning (interface, label, args, server): re-created with a new badge;</li>
 *   <li>same badge (the meaning changed);</li>
 *   <li>same index (receive windows and entries whose meaning is unknown).</li>
 * </ol>
 */
final class CapMapMatcher {
    private final List<CapMapEntry> before;
    private final List<CapMapEntry> after;
    private final int[] partnerOfBefore;
    private final boolean[] afterTaken;
    private final int[] afterPosByIndex;

    private CapMapMatcher(List<CapMapEntry> before, List<CapMapEntry> after) {
        this.before = before;
        this.after = after;
        this.partnerOfBefore = new int[before.size()];
        Arrays.fill(partnerOfBefore, -1);
        this.afterTaken = new boolean[after.size()];
        this.afterPosByIndex = new int[Selectors.COUNT];
        Arrays.fill(afterPosByIndex, -1);
        for (int i = 0; i < after.size(); i++) {
            afterPosByIndex[after.get(i).index()] = i;
        }
    }

    /** Pairs and returns, per baseline position, the after position or -1. */
    static int[] match(List<CapMapEntry> before, List<CapMapEntry> after, MatchKey key) {
        CapMapMatcher m = new CapMapMatcher(before, after);
        if (key == MatchKey.BADGE) {
            m.pairByBadge(true);
            m.pairByMeaning();
            m.pairByBadge(false);
        }
        m.pairByIndex();
        return m.partnerOfBefore;
    }

    /** The parts of the semantics that say which session or object an entry is (quota excluded). */
    record Meaning(String rpcInterface, String label, String args, String server) {
        static Meaning of(Semantics s) {
            return s.rpcInterface() == null ? null : new Meaning(s.rpcInterface(), s.label(), s.args(), s.server());
        }
    }

    static boolean sameMeaning(Semantics a, Semantics b) {
        return a.rpcInterface() != null && Objects.equals(a.rpcInterface(), b.rpcInterface())
                && Objects.equals(a.label(), b.label()) && Objects.equals(a.args(), b.args())
                && Objects.equals(a.server(), b.server());
    }

    private void pairByIndex() {
        for (int b = 0; b < before.size(); b++) {
            if (partnerOfBefore[b] < 0) {
                int a = afterPosByIndex[before.get(b).index()];
                if (a >= 0 && !afterTaken[a]) {
                    take(b, a);
                }
            }
        }
    }

    private void pairByBadge(boolean requireSameMeaning) {
        Map<Long, ArrayDeque<Integer>> byBadge = new HashMap<>();
        for (int a = 0; a < after.size(); a++) {
            CapMapEntry e = after.get(a);
            if (!afterTaken[a] && e.hasBadge()) {
                byBadge.computeIfAbsent(e.rawId(), k -> new ArrayDeque<>()).add(a);
            }
        }
        for (int b = 0; b < before.size(); b++) {
            CapMapEntry e = before.get(b);
            ArrayDeque<Integer> candidates = partnerOfBefore[b] >= 0 || !e.hasBadge() ? null : byBadge.get(e.rawId());
            if (candidates == null) {
                continue;
            }
            int same = afterPosByIndex[e.index()];
            if (same >= 0 && !afterTaken[same] && after.get(same).rawId() == e.rawId()
                    && (!requireSameMeaning || sameMeaningOrBothUnknown(e, after.get(same)))) {
                take(b, same);
                continue;
            }
            // Badge groups hold one entry unless the map has duplicate badges: a scan is fine.
            for (int a : candidates) {
                if (!afterTaken[a] && (!requireSameMeaning || sameMeaningOrBothUnknown(e, after.get(a)))) {
                    take(b, a);
                    break;
                }
            }
        }
    }

    private void pairByMeaning() {
        Map<Meaning, ArrayDeque<Integer>> byMeaning = new HashMap<>();
        for (int a = 0; a < after.size(); a++) {
            Meaning m = afterTaken[a] ? null : Meaning.of(after.get(a).semantics());
            if (m != null) {
                byMeaning.computeIfAbsent(m, k -> new ArrayDeque<>()).add(a);
            }
        }
        for (int b = 0; b < before.size(); b++) {
            Meaning m = partnerOfBefore[b] >= 0 ? null : Meaning.of(before.get(b).semantics());
            ArrayDeque<Integer> candidates = m == null ? null : byMeaning.get(m);
            if (candidates == null) {
                continue;
            }
            int same = afterPosByIndex[before.get(b).index()];
            if (same >= 0 && !afterTaken[same] && m.equals(Meaning.of(after.get(same).semantics()))) {
                take(b, same);
                continue;
            }
            // Meaning groups can be large (hundreds of alike dataspaces): drop taken heads lazily.
            while (!candidates.isEmpty() && afterTaken[candidates.peekFirst()]) {
                candidates.pollFirst();
            }
            if (!candidates.isEmpty()) {
                take(b, candidates.pollFirst());
            }
        }
    }

    private static boolean sameMeaningOrBothUnknown(CapMapEntry x, CapMapEntry y) {
        Semantics a = x.semantics();
        Semantics b = y.semantics();
        return a.rpcInterface() == null && b.rpcInterface() == null || sameMeaning(a, b);
    }

    private void take(int b, int a) {
        partnerOfBefore[b] = a;
        afterTaken[a] = true;
    }
}
