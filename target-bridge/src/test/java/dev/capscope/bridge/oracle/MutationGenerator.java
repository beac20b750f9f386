package dev.capscope.bridge.oracle;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

/**
 * Seeded random sequences of {@link Mutation}s, and a shrinker: the property-based testing the
 * restore oracle needs, small enough to own. The same seed gives the same sequence.
 */
final class MutationGenerator {
    private static final int MAX_LENGTH = 6;
    private static final int[] CORE_TARGETS = {0x1, 0xb, 0xc, 0xd, 0x11};
    private static final Mutation[] OPENS = {
            new Mutation.OpenSession("LOG", "extra", "terminal_log"),
            new Mutation.OpenSession("Timer", "t2", "timer"),
            new Mutation.OpenSession("Report", "r2", "report_rom"),
            new Mutation.OpenSession("ROM", "config2", null)};
    private static final String[] THREAD_NAMES = {"intruder", "worker", "helper"};

    private MutationGenerator() {
    }

    static List<Mutation> sequence(long seed) {
        Random r = new Random(seed);
        int n = r.nextInt(MAX_LENGTH + 1);
        List<Mutation> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(one(r));
        }
        return out;
    }

    /** Weighted like a component's life: sessions and maps often, threads and churn now and then. */
    private static Mutation one(Random r) {
        int roll = r.nextInt(28);
        int pick = r.nextInt(1000);
        if (roll < 8) {
            return OPENS[r.nextInt(OPENS.length)];
        } else if (roll < 14) {
            return new Mutation.CloseSession(pick);
        } else if (roll < 15) {
            return new Mutation.AllocDataspace(r.nextBoolean() ? "4K" : "64K");
        } else if (roll < 16) {
            return new Mutation.StartThread(THREAD_NAMES[r.nextInt(THREAD_NAMES.length)]);
        } else if (roll < 17) {
            return new Mutation.ExitThread(pick);
        } else if (roll < 18) {
            return new Mutation.ChurnStep();
        } else if (roll < 20) {
            return new Mutation.Unmap(pick);
        } else if (roll < 21) {
            return new Mutation.RenameThread(pick, THREAD_NAMES[r.nextInt(THREAD_NAMES.length)]);
        } else if (roll < 22) {
            return new Mutation.FreeDataspace(pick);
        }
        int to = r.nextInt(3) == 0 ? CORE_TARGETS[r.nextInt(CORE_TARGETS.length)] : 0x300 + r.nextInt(0x41);
        return new Mutation.Map(pick, to, 1 + r.nextInt(15), r.nextBoolean());
    }

    /**
     * The shortest sub-sequence found that still fails: drops one mutation at a time while the
     * failure persists (each try runs against the target as it is then, so this is best effort).
     */
    static List<Mutation> shrink(List<Mutation> failing, Predicate<List<Mutation>> stillFails) {
        List<Mutation> current = new ArrayList<>(failing);
        boolean progress = true;
        while (progress) {
            progress = false;
            for (int i = 0; i < current.size(); i++) {
                List<Mutation> shorter = new ArrayList<>(current);
                shorter.remove(i);
                if (stillFails.test(shorter)) {
                    current = shorter;
                    progress = true;
                    break;
                }
            }
        }
        return current;
    }
}
