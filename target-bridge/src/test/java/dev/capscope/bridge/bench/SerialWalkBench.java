package dev.capscope.bridge.bench;

import dev.capscope.bridge.BridgeTarget;
import dev.capscope.bridge.driver.TaskRecord;
import dev.capscope.bridge.driver.WireStats;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.profile.ProfileRegistry;
import dev.capscope.core.walk.GenerationCache;
import dev.capscope.core.walk.TornWalkException;
import dev.capscope.core.walk.Walker;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What walks cost on a live serial line (a real target in QEMU, docs/real-targets.md): connect +
 * HELLO, TASKS, then per task a first walk and an unchanged walk (the walker's GenerationCache on
 * the same connection: one GENERATION request), each timed with the wall clock. The pauses
 * between phases let a recording proxy (target-bridge/real-targets/serial-record.py) attribute
 * bytes to each phase. Run:
 * {@code mvn -B -pl target-bridge -am -Pserial-bench -Dcapscope.serial=serial:PATH -DskipTests verify}.
 * With {@code -Dcapscope.walks=N} it then walks every task N times pipelined and N times one
 * request at a time, each walk from scratch (no cache), and counts the walks that failed torn.
 */
public final class SerialWalkBench {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /**
     * A benchmark pause, not a wait for a condition: on a real kernel console the agent's task and
     * its neighbours print now and then, and a second between measurements keeps one walk's
     * console traffic out of the next one's figure.
     */
    private static final long PAUSE_MS = 1000;

    private SerialWalkBench() {
    }

    public static void main(String[] args) throws Exception {
        String uri = args.length > 0 ? args[0] : System.getProperty("capscope.serial");
        if (uri == null || uri.isBlank()) {
            System.err.println("usage: SerialWalkBench serial:PATH (or -Dcapscope.serial=serial:PATH)");
            System.exit(2);
        }
        long t0 = System.nanoTime();
        try (BridgeTarget target = BridgeTarget.connect(uri, TIMEOUT)) {
            String profileName = target.hello().profile();
            long hello = System.nanoTime();
            List<TaskRecord> tasks = target.taskRecords();
            long listed = System.nanoTime();
            LayoutProfile profile = ProfileRegistry.builtin().find(profileName)
                    .orElse(ProfileRegistry.builtin().get("genode-foc-19"));
            System.out.printf(Locale.ROOT, "%s: %s, %d tasks; connect + HELLO %.0f ms, TASKS %.0f ms%n", uri,
                    profileName, tasks.size(), ms(hello - t0), ms(listed - hello));
            Walker walker = new Walker(target, new GenerationCache());
            Walker stepwise = new Walker(target, 1100, Walker.DEFAULT_MAX_ATTEMPTS); // not pipelined
            for (TaskRecord task : tasks) {
                Thread.sleep(PAUSE_MS);
                WireStats w0 = target.wireStats();
                long a = System.nanoTime();
                CapSpace first = walker.walk(task.name(), profile);
                long b = System.nanoTime();
                WireStats firstWire = target.wireStats().since(w0);
                Thread.sleep(PAUSE_MS);
                long c = System.nanoTime();
                CapSpace again = walker.walk(task.name(), profile);
                long d = System.nanoTime();
                Thread.sleep(PAUSE_MS);
                WireStats w1 = target.wireStats();
                long e = System.nanoTime();
                stepwise.walk(task.name(), profile);
                long f = System.nanoTime();
                WireStats stepWire = target.wireStats().since(w1);
                System.out.printf(Locale.ROOT, "%-14s %3d valid, %3d cap-map entries, %d threads: first walk %6.0f ms "
                                + "(%d write, %d requests), unchanged walk %5.0f ms%s; one request at a time %6.0f ms "
                                + "(%d writes)%n", task.name(), first.slots().size(),
                        first.capMap().size(), first.threads().size(), ms(b - a), firstWire.writes(), firstWire.frames(),
                        ms(d - c), again.generation() == first.generation() ? "" : " (it changed in between: walked again)",
                        ms(f - e), stepWire.writes());
            }
            int repeats = args.length > 1 ? Integer.parseInt(args[1]) : Integer.getInteger("capscope.walks", 0);
            for (TaskRecord task : repeats > 0 ? tasks : List.<TaskRecord>of()) {
                int tornPipelined = torn(new Walker(target, null), task.name(), profile, repeats);
                int tornStepwise = torn(stepwise, task.name(), profile, repeats);
                System.out.printf(Locale.ROOT, "%-14s %d walks pipelined: %d torn; %d one request at a time: %d torn%n",
                        task.name(), repeats, tornPipelined, repeats, tornStepwise);
            }
        }
    }

    /** How many of n walks of the task failed because it kept changing while it was read. */
    private static int torn(Walker walker, String task, LayoutProfile profile, int n) {
        int torn = 0;
        for (int i = 0; i < n; i++) {
            try {
                walker.walk(task, profile);
            } catch (TornWalkException e) {
                torn++;
            }
        }
        return torn;
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
