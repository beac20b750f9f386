package dev.capscope.bridge.bench;

import java.util.Arrays;
import java.util.Locale;

/** Repeats an action and reports median and p90 in microseconds. */
final class Timings {
    interface Action {
        void run() throws Exception;
    }

    record Result(String name, int runs, double medianMicros, double p90Micros) {
        String line() {
            return String.format(Locale.ROOT, "%-74s %6d runs   median %10.1f µs   p90 %10.1f µs",
                    name, runs, medianMicros, p90Micros);
        }
    }

    private Timings() {
    }

    static Result measure(String name, int warmup, int runs, Action action) throws Exception {
        for (int i = 0; i < warmup; i++) {
            action.run();
        }
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            action.run();
            nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        return new Result(name, runs, nanos[runs / 2] / 1000.0, nanos[(int) Math.ceil(runs * 0.9) - 1] / 1000.0);
    }
}
