package dev.capscope.bridge.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;

/**
 * Repeats an action and reports median and p90 in microseconds. The warm-up lasts at least two
 * seconds and until the JIT has finished no compilation for a second: a fixed count measured code
 * still being compiled on the other core (a pipelined walk read 300 µs right after 300 warm-up
 * runs, and 130 µs once the JIT had finished, about 10,000 walks in).
 */
final class Timings {
    private static final int WARMUP_BATCH = 200;
    private static final long MIN_WARMUP_NANOS = 2_000_000_000L;
    private static final long MAX_WARMUP_NANOS = 10_000_000_000L;
    /* The counter grows when a compilation ends, so a long one in progress looks quiet for a while. */
    private static final long QUIET_NANOS = 1_000_000_000L;

    interface Action {
        void run() throws Exception;
    }

    record Result(String name, int runs, int warmupRuns, double medianMicros, double p90Micros) {
        String line() {
            return String.format(Locale.ROOT, "%-74s %6d runs   median %10.1f µs   p90 %10.1f µs   (warm-up %d)",
                    name, runs, medianMicros, p90Micros, warmupRuns);
        }
    }

    private Timings() {
    }

    static Result measure(String name, int minWarmup, int runs, Action action) throws Exception {
        return time(name, warmUp(minWarmup, action), runs, action);
    }

    /** The same without any warm-up: what the first runs of a fresh JVM cost. */
    static Result measureCold(String name, int runs, Action action) throws Exception {
        return time(name, 0, runs, action);
    }

    private static Result time(String name, int warmed, int runs, Action action) throws Exception {
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            action.run();
            nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        return new Result(name, runs, warmed, nanos[runs / 2] / 1000.0,
                nanos[(int) Math.ceil(runs * 0.9) - 1] / 1000.0);
    }

    /** Runs at least {@code minWarmup} times, then in batches until the JIT is done (see above). */
    private static int warmUp(int minWarmup, Action action) throws Exception {
        long start = System.nanoTime();
        int done = 0;
        for (; done < minWarmup; done++) {
            action.run();
        }
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return done;
        }
        int batch = Math.max(1, Math.min(WARMUP_BATCH, minWarmup));
        long lastCompiled = jit.getTotalCompilationTime();
        long quietSince = System.nanoTime();
        while (System.nanoTime() - start < MAX_WARMUP_NANOS) {
            for (int i = 0; i < batch; i++, done++) {
                action.run();
            }
            long now = System.nanoTime();
            long compiled = jit.getTotalCompilationTime();
            if (compiled != lastCompiled) {
                lastCompiled = compiled;
                quietSince = now;
            } else if (now - quietSince >= QUIET_NANOS && now - start >= MIN_WARMUP_NANOS) {
                break;
            }
        }
        return done;
    }
}
