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

/**
 * Walk timings through JNA, libcapbridge and capsim's agent on a Unix socket (docs/benchmarks.md):
 * one task's full walk, all tasks of the 64-component scenario, the same walk with one VALIDITY
 * round trip per selector, and listing + readlink-ing 4096 fds in /proc as the everyday baseline.
 * Run: {@code mvn -B -pl target-bridge -am -Pbridge-bench -DskipTests verify}.
 */
public final class BridgeBench {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private BridgeBench() {
    }

    public static void main(String[] args) throws Exception {
        LayoutProfile profile = ProfileRegistry.builtin().get("genode-foc-19");
        List<Timings.Result> results = new ArrayList<>();
        int validCaps;
        String bigTask;

        try (CapsimProcess capsim = CapsimProcess.start(CapsimProcess.Options.of(CapsimProcess.findScenario("gui-stack")), TIMEOUT);
             BridgeTarget target = BridgeTarget.connect(capsim.uri(), TIMEOUT)) {
            TaskRecord big = target.taskRecords().stream().max(Comparator.comparingInt(TaskRecord::validCaps)).orElseThrow();
            bigTask = big.name();
            validCaps = big.validCaps();
            Walker walker = new Walker(target);
            results.add(Timings.measure("walk one task (Walker: gen+bitmap+infos+threads+map+gen)", 300, 2000,
                    () -> walker.walk(big.name(), profile)));
            results.add(Timings.measure("  same, 4 batched requests (bitmap, infos, threads, map)", 300, 2000, () -> {
                target.validity(big.name(), Selectors.FIRST, Selectors.LAST);
                target.capInfos(big.name(), Selectors.FIRST, Selectors.LAST);
                target.threads(big.name());
                target.capMap(big.name());
            }));
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
            results.add(Timings.measure("walk all " + tasks + " tasks of sixty-four (Walker each)", 20, 200, () -> {
                for (String n : names) {
                    walker.walk(n, profile);
                }
            }));
        }

        try (FdBaseline fds = new FdBaseline(4096)) {
            int seen = FdBaseline.walk();
            results.add(Timings.measure("baseline: list + readlink /proc/self/fd (" + seen + " fds)", 5, 50,
                    FdBaseline::walk));
        }

        System.out.println("capscope bridge benchmark (JNA -> libcapbridge -> capsim agent, unix socket)");
        System.out.println("single task: '" + bigTask + "' of gui-stack, " + validCaps + " valid caps; all-tasks: "
                + tasks + " tasks");
        for (Timings.Result r : results) {
            System.out.println(r.line());
        }
    }
}
