package dev.capscope.core.profile;

import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.Selectors;
import dev.capscope.core.model.Slot;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Guesses the layout profile of a walked space from the three things that differ between Genode
 * releases (docs/background.md §1): where the parent cap sits (8 or 0xb, with its cap-map entry, and the
 * main thread's entry id 1 at MAIN_THREAD_CAP), the thread stride (3 or 5) and where the
 * component's first cap-map entries are (0x200 or 0x300).
 *
 * <p>Each observation scores every candidate 0..1; a candidate's score is the mean over the
 * observations the space gives information for. Confidence is the winner's score, halved when
 * the runner-up is level with it and scaled up to the full score as the lead grows to 0.3.
 *
 * <p>Profiles that put every selector in the same place (genode-foc-19 and genode-foc-25 differ
 * only in the width of cap-map ids) are no rivals for the layout: the runner-up is the best
 * profile with another layout. Between such twins only an id over 0xFFFF decides (32-bit ids);
 * without one the guess names the first by name and the evidence says which twin fits as well.
 */
public final class ProfileGuesser {
    private static final double CLEAR_LEAD = 0.3;

    private final List<LayoutProfile> candidates;

    public ProfileGuesser(List<LayoutProfile> candidates) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("no candidate profiles to guess from");
        }
        this.candidates = List.copyOf(candidates);
    }

    /** Guesses among the built-in profiles. */
    public static ProfileGuesser builtin() {
        return new ProfileGuesser(ProfileRegistry.builtin().all());
    }

    public ProfileGuess guess(CapSpace space) {
        BitSet valid = new BitSet(Selectors.COUNT);
        for (Slot s : space.slots()) {
            valid.set(s.selector());
        }
        return guess(valid, space.capMap(), space.threads().size());
    }

    /**
     * @param validity    bit i set when selector i is valid
     * @param capMap      the component's cap-map entries
     * @param threadCount number of threads the target reports (0 = unknown)
     */
    public ProfileGuess guess(BitSet validity, List<CapMapEntry> capMap, int threadCount) {
        Map<Integer, CapMapEntry> entries = new HashMap<>();
        capMap.forEach(e -> entries.put(e.index(), e));
        List<Observation> observations = new ArrayList<>();
        observations.add(parentAndMainThread(validity, entries));
        if (threadCount > 0) {
            observations.add(threadStride(validity, threadCount));
        }
        int firstUser = firstComponentSelector(validity, capMap);
        if (firstUser >= 0) {
            observations.add(userBase(firstUser));
        }
        long widest = capMap.stream().filter(CapMapEntry::hasBadge).mapToLong(CapMapEntry::rawId).max().orElse(0);
        boolean idWidthsDiffer = candidates.stream().map(LayoutProfile::capIdBits).distinct().count() > 1;
        if (idWidthsDiffer && widest > 0xFFFF) {
            observations.add(idWidth(widest));
        }

        Map<LayoutProfile, Double> total = new HashMap<>();
        for (LayoutProfile p : candidates) {
            double sum = 0;
            for (Observation o : observations) {
                sum += o.scores.get(p);
            }
            total.put(p, sum / observations.size());
        }
        List<LayoutProfile> ranked = new ArrayList<>(candidates);
        ranked.sort(Comparator.comparingDouble((LayoutProfile p) -> -total.get(p)).thenComparing(LayoutProfile::name));
        LayoutProfile best = ranked.get(0);
        double bestScore = total.get(best);
        LayoutProfile rival = ranked.stream().filter(p -> !p.sameSelectorLayout(best)).findFirst().orElse(null);
        String runnerUp = rival == null ? null : rival.name();
        double lead = rival == null ? CLEAR_LEAD : bestScore - total.get(rival);
        double confidence = bestScore * (0.5 + 0.5 * Math.min(1.0, lead / CLEAR_LEAD));

        List<String> evidence = new ArrayList<>();
        for (Observation o : observations) {
            evidence.add(o.text + " [" + scoreList(o.scores, ranked) + "]");
        }
        for (LayoutProfile twin : ranked) {
            if (twin != best && twin.sameSelectorLayout(best) && total.get(twin).equals(bestScore)) {
                evidence.add(twin.name() + " lays out selectors like " + best.name() + " (" + twin.capIdBits()
                        + "-bit cap-map ids); nothing in the space tells them apart");
            }
        }
        return new ProfileGuess(best, Math.max(0, Math.min(1, confidence)), evidence, runnerUp);
    }

    private Observation parentAndMainThread(BitSet valid, Map<Integer, CapMapEntry> entries) {
        Map<LayoutProfile, Double> scores = new HashMap<>();
        List<String> seen = new ArrayList<>();
        for (LayoutProfile p : candidates) {
            int parent = p.parentCap();
            CapMapEntry pe = entries.get(parent);
            double parentScore = !valid.get(parent) ? 0 : pe != null && pe.hasBadge() ? 1 : 0.5;
            CapMapEntry me = entries.get(p.mainThreadCap());
            double mainScore = me != null && me.rawId() == 1 ? 1 : 0;
            scores.put(p, (parentScore + mainScore) / 2);
            if (parentScore == 1) {
                seen.add("parent cap with cap-map entry at " + Selectors.format(parent));
            }
            if (mainScore == 1) {
                seen.add("main thread (id 1) at " + Selectors.format(p.mainThreadCap()));
            }
        }
        String text = seen.isEmpty() ? "no parent cap entry and no main-thread entry at any profile's place"
                : String.join(", ", seen.stream().distinct().toList());
        return new Observation(text, scores);
    }

    private Observation threadStride(BitSet valid, int threads) {
        Map<LayoutProfile, Double> scores = new HashMap<>();
        for (LayoutProfile p : candidates) {
            int end = Math.min(p.userBaseCap(), Selectors.LAST + 1);
            int inArea = 0;
            int explained = 0;
            for (int s = valid.nextSetBit(p.threadAreaBase()); s >= 0 && s < end; s = valid.nextSetBit(s + 1)) {
                inArea++;
                int offset = s - p.threadAreaBase();
                if (offset / p.threadAreaSlot() < threads) {
                    explained++;
                }
            }
            int expected = 0;
            int filled = 0;
            for (int i = 0; i < Math.min(threads, p.threadMax()); i++) {
                for (int o = 0; o < p.threadAreaSlot(); o++) {
                    if (p.threadSlotRoles().get(o).startsWith("vcpu")) {
                        continue; // only vCPU threads fill these
                    }
                    expected++;
                    if (valid.get(p.threadBase(i) + o)) {
                        filled++;
                    }
                }
            }
            double explainedShare = inArea == 0 ? 0 : (double) explained / inArea;
            double filledShare = expected == 0 ? 0 : (double) filled / expected;
            scores.put(p, explainedShare * filledShare);
        }
        return new Observation(threads + " thread(s): share of thread-area caps that fit each profile's stride", scores);
    }

    private Observation userBase(int firstUser) {
        Map<LayoutProfile, Double> scores = new HashMap<>();
        for (LayoutProfile p : candidates) {
            double s = firstUser == p.userBaseCap() ? 1 : firstUser > p.userBaseCap() ? 0.5 : 0;
            scores.put(p, s);
        }
        return new Observation("first component cap-map entry at " + Selectors.format(firstUser), scores);
    }

    private Observation idWidth(long widest) {
        Map<LayoutProfile, Double> scores = new HashMap<>();
        for (LayoutProfile p : candidates) {
            scores.put(p, widest <= p.maxCapId() ? 1.0 : 0.0);
        }
        return new Observation("a cap-map id over 16 bits (0x" + Long.toHexString(widest) + ")", scores);
    }

    /** Lowest cap-map index or valid selector at or above the lowest candidate USER_BASE_CAP, or -1. */
    private int firstComponentSelector(BitSet valid, List<CapMapEntry> capMap) {
        int lowestBase = candidates.stream().mapToInt(LayoutProfile::userBaseCap).min().orElseThrow();
        int lastIndex = candidates.stream().mapToInt(LayoutProfile::lastAllocatorIndex).max().orElseThrow();
        int first = -1;
        for (CapMapEntry e : capMap) {
            if (e.index() >= lowestBase && e.index() <= lastIndex && (first < 0 || e.index() < first)) {
                first = e.index();
            }
        }
        int v = valid.nextSetBit(lowestBase);
        if (v >= 0 && v <= lastIndex && (first < 0 || v < first)) {
            first = v;
        }
        return first;
    }

    private static String scoreList(Map<LayoutProfile, Double> scores, List<LayoutProfile> order) {
        List<String> parts = new ArrayList<>();
        for (LayoutProfile p : order) {
            parts.add(p.name() + " " + String.format(Locale.ROOT, "%.2f", scores.get(p)));
        }
        return String.join(", ", parts);
    }

    private record Observation(String text, Map<LayoutProfile, Double> scores) {
    }
}
