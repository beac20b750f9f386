package dev.capscope.bridge.bench;

import dev.capscope.bridge.BridgeTarget;
import dev.capscope.bridge.CapsimProcess;
import dev.capscope.bridge.driver.TaskRecord;
import dev.capscope.core.model.Selectors;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.profile.ProfileRegistry;
import dev.capscope.core.walk.Walker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Walk timings through JNA, libcapbridge and capsim's agent on a Unix socket (docs/benchmarks.md):
 * one task's walk (pipelined: one round trip, and one request at a time), all tasks of the
 * 64-component scenario (pipelined: one round trip for all, and one walk at a time), single
 * requests, validity with one round trip per selector, and listing + readlink-ing 4096 fds in /proc
 * as the everyday baseline, with the ratios. With {@code -Dbench.load=true} the whole run happens
 * while two busy processes (one per core) keep the machine loaded. Prints figures, asserts nothing.
 * Run: {@code mvn -B -pl target-bridge -am -Pbridge-bench -DskipTests verify [-Dbench.load=true]}.
 */
public final class BridgeBench {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private BridgeBench() {
    }

    public static void main(String[] args) throws Exception {
        boolean load = Boolean.getBoolean("bench.load");
        try (BusyLoad busy = load ? BusyLoad.start(Runtime.getRuntime().availableProcessors()) : BusyLoad.none()) {
            run(busy);
        }
    }

    private static void run(BusyLoad busy) throws Exception {
        LayoutProfile profile = ProfileRegistry.builtin().get("genode-foc-19");
        List<Timings.Result> results = new ArrayList<>();
        Timings.Result oneWalk;
        Timings.Result allTasks;
        Timings.Result baseline;
        int validCaps;
        String bigTask;

        try (CapsimProcess capsim = CapsimProcess.start(CapsimProcess.Options.of(CapsimProcess.findScenario("gui-stack")), TIMEOUT);
             BridgeTarget target = BridgeTarget.connect(capsim.uri(), TIMEOUT)) {
            TaskRecord big = target.taskRecords().stream().max(Comparator.comparingInt(TaskRecord::validCaps)).orElseThrow();
            bigTask = big.name();
            validCaps = big.validCaps();
            Walker walker = new Walker(target);
            Walker stepwise = new Walker(target, 1100, Walker.DEFAULT_MAX_ATTEMPTS);
            Timings.Result cold = Timings.measureCold("  same, the first 2000 walks of this JVM (JIT still compiling)",
                    2000, () -> walker.walk(big.name(), profile));
            oneWalk = Timings.measure("walk one task, pipelined (1 round trip: gen+bitmap+infos+threads+map+gen)",
                    300, 2000, () -> walker.walk(big.name(), profile));
            results.add(oneWalk);
            results.add(cold);
            results.add(Timings.measure("  same, one request at a time (cap infos in 1100-selector chunks)", 300, 2000,
                    () -> stepwise.walk(big.name(), profile)));
            results.add(Timings.measure("  VALIDITY 0..4296 alone (one request)", 300, 2000,
                    () -> target.validity(big.name(), Selectors.FIRST, Selectors.LAST)));
            results.add(Timings.measure("  CAP_INFOS 0..4296 alone (one request)", 300, 2000,
                    () -> target.capInfos(big.name(), Selectors.FIRST, Selectors.LAST)));
            results.add(Timings.measure("  CAP_MAP alone (" + target.capMap(big.name()).size() + " entries)", 300, 2000,
                    () -> target.capMap(big.name())));
            results.add(Timings.measure("  GENERATION alone (round-trip floor)", 300, 2000,
                    () -> target.generation(big.name())));
            results.add(Timings.measure("validity as 4297 round trips, one per selector", 2, 15, () -> {
                for (int sel = Selectors.FIRST; sel <= Selectors.LAST; sel++) {
                    target.validity(big.name(), sel, sel);
                }
            }));
        }

        int tasks;
        try (CapsimProcess capsim = CapsimProcess.start(CapsimProcess.Options.of(CapsimProcess.findScenario("sixty-four")), TIMEOUT);
             BridgeTarget target = BridgeTarget.connect(capsim.uri(), TIMEOUT)) {
            List<String> names = target.taskRecords().stream().map(TaskRecord::name).toList();
            tasks = names.size();
            Walker walker = new Walker(target);
            Walker stepwise = new Walker(target, 1100, Walker.DEFAULT_MAX_ATTEMPTS);
            allTasks = Timings.measure("walk all " + tasks + " tasks of sixty-four, pipelined (Walker.walkAll)", 20, 200,
                    () -> walker.walkAll(names, profile));
            results.add(allTasks);
            results.add(Timings.measure("  same, one request at a time (Walker each)", 20, 200, () -> {
                for (String n : names) {
                    stepwise.walk(n, profile);
                }
            }));
        }

        try (FdBaseline fds = new FdBaseline(4096)) {
            int seen = FdBaseline.walk();
            baseline = Timings.measure("baseline: list + readlink /proc/self/fd (" + seen + " fds)", 5, 50,
                    FdBaseline::walk);
            results.add(baseline);
        }

        System.out.println("capscope bridge benchmark (JNA -> libcapbridge -> capsim agent, unix socket)");
        System.out.println("single task: '" + bigTask + "' of gui-stack, " + validCaps + " valid caps; all-tasks: "
                + tasks + " tasks");
        System.out.println(busy.describe());
        for (Timings.Result r : results) {
            System.out.println(r.line());
        }
        System.out.println(String.format(Locale.ROOT,
                "ratios (median): one walk %.1fx faster than the baseline; all %d tasks %.2fx faster than the baseline",
                baseline.medianMicros() / oneWalk.medianMicros(), tasks,
                baseline.medianMicros() / allTasks.medianMicros()));
    }
}
