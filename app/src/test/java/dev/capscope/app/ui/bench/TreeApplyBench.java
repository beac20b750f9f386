package dev.capscope.app.ui.bench;

import dev.capscope.app.ui.main.MainViewModel;
import dev.capscope.app.ui.model.RowTreeBuilder;
import dev.capscope.app.ui.testing.CapscopeHarness;
import dev.capscope.app.ui.testing.DirectTaskRunner;
import dev.capscope.app.ui.testing.TestSpaces;
import dev.capscope.core.lint.Linter;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.profile.ProfileRegistry;
import dev.capscope.core.profile.SelectorLayout;
import javafx.application.Platform;
import javafx.stage.Stage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * How long applying a fresh walk of a ~4,000-row space takes on the FX thread: the frame (rows,
 * live marks, filter, tree, map model) is prepared off the FX thread as the app's worker does
 * after a walk, then the FX thread applies it (keyed tree update + map redraw) and runs one
 * CSS/layout pass of the whole window. Both shares are reported. Not part of {@code mvn verify}; run with
 *
 * <pre>mvn -q -pl app test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.capscope.app.ui.bench.TreeApplyBench</pre>
 *
 * (headless Monocle by default; {@code -Dbench.window=true} under a real display).
 */
public final class TreeApplyBench {
    public static void main(String[] args) throws Exception {
        if (!Boolean.getBoolean("bench.window")) {
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("prism.order", "sw");
        }
        int rows = Integer.getInteger("bench.rows", 4000);
        int iterations = Integer.getInteger("bench.iterations", 240);
        LayoutProfile profile = ProfileRegistry.builtin().get("genode-foc-17");
        RowTreeBuilder builder = new RowTreeBuilder(profile, SelectorLayout.of(profile)::roleOf);
        // Scenario "churn": consecutive walks of one component where 8 sessions were closed and 8
        // opened in between (what live refresh sees). Scenario "all": every cap-map row differs
        // (other badges everywhere), the worst case.
        List<CapSpace> spaces = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            var b = TestSpaces.largeBuilder(rows, i + 1, 11);
            for (int k = 0; k < 8; k++) {
                b.release(0x200 + 97 * k + 13 * i);
            }
            spaces.add(b.build());
        }
        List<CapSpace> allChanged = List.of(TestSpaces.large(rows, 1, 11), TestSpaces.large(rows, 2, 12));
        List<Map<Integer, List<String>>> lint = new ArrayList<>();
        List<CapSpace> every = new ArrayList<>(spaces);
        every.addAll(allChanged);
        for (CapSpace s : every) {
            Map<Integer, List<String>> m = new TreeMap<>();
            Linter.lint(s, profile).forEach(f -> f.selectors().forEach(sel -> m.computeIfAbsent(sel, k -> new ArrayList<>()).add(f.message())));
            lint.add(m);
        }
        int leafRows = builder.leaves(spaces.get(0), dev.capscope.app.ui.model.Grouping.BY_INTERFACE, false, lint.get(0)).size();

        Platform.startup(() -> { });
        CapscopeHarness[] hs = new CapscopeHarness[1];
        Stage[] st = new Stage[1];
        double first = onFx(() -> {
            Stage stage = new Stage();
            CapscopeHarness h = new CapscopeHarness(new DirectTaskRunner(), CapscopeHarness.NO_FILES);
            h.show(stage);
            hs[0] = h;
            st[0] = stage;
            long t0 = System.nanoTime();
            h.vm.tree().show(spaces.get(0), builder, lint.get(0), false, 0);
            stage.getScene().getRoot().applyCss();
            stage.getScene().getRoot().layout();
            double ms = (System.nanoTime() - t0) / 1e6;
            // expand every group so the tree holds every row
            expandAll(h.view.tree().getRoot());
            return ms;
        });
        MainViewModel vm = hs[0].vm;
        Stage stage = st[0];
        // even walks are measured as the app runs them, odd ones with the old forced full pass
        double[] fx = new double[iterations / 2];
        double[] apply = new double[iterations / 2];
        double[] worker = new double[iterations];
        double[] pulse = new double[iterations / 2];
        double[] pulseCpu = new double[iterations / 2];
        boolean worst = Boolean.getBoolean("bench.allChanged");
        javafx.scene.Scene scene = stage.getScene();
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < iterations; i++) {
            int k = worst ? 4 + i % 2 : i % spaces.size();
            long now = i * 1000L;
            // what the background worker does after the walk: rows, live marks, filtered tree, map model
            long w0 = System.nanoTime();
            var frame = vm.tree().prepare(every.get(k), builder, lint.get(k), true, now);
            worker[i] = (System.nanoTime() - w0) / 1e6;
            int at = i;
            if (i % 2 == 0) {
                // what the FX thread does in the app: apply (keyed tree update, map redraw via
                // listeners), then the next pulse's CSS and layout, which touch only what the apply
                // made dirty
                pulse[i / 2] = onPulse(scene, cpu, () -> {
                    long a = System.nanoTime();
                    vm.tree().apply(frame);
                    apply[at / 2] = (System.nanoTime() - a) / 1e6;
                }, pulseCpu, i / 2);
            } else {
                // apply, then a forced CSS pass over the whole window and a layout (what this
                // benchmark measured before: an upper bound, more than a pulse does)
                fx[i / 2] = onFx(() -> {
                    long a = System.nanoTime();
                    vm.tree().apply(frame);
                    scene.getRoot().applyCss();
                    scene.getRoot().layout();
                    return (System.nanoTime() - a) / 1e6;
                });
            }
        }
        onFx(() -> {
            stage.close();
            return 0.0;
        });
        int n = iterations / 2;
        // the first third is warm-up (JIT)
        double[] warm = Arrays.copyOfRange(fx, n / 3, n);
        double[] warmApply = Arrays.copyOfRange(apply, n / 3, n);
        double[] warmWorker = Arrays.copyOfRange(worker, iterations / 3, iterations);
        double[] warmPulse = Arrays.copyOfRange(pulse, n / 3, n);
        double[] warmPulseCpu = Arrays.copyOfRange(pulseCpu, n / 3, n);
        System.out.println(worst ? "scenario: every cap-map row changed between walks"
                : "scenario: 8 sessions closed and 8 opened between walks");
        System.out.printf("rows per walk: %d selector rows (%d cap-map entries)%n", leafRows, spaces.get(0).capMap().size());
        System.out.printf("first load (cold JIT), view model + tree + layout: %.1f ms%n", first);
        System.out.printf("FX thread per walk, as in the app: apply + the next pulse's CSS/layout: median %.2f ms, p90 %.2f ms, max %.2f ms (%d warm runs)%n",
                pct(warmPulse, 50), pct(warmPulse, 90), pct(warmPulse, 100), warmPulse.length);
        System.out.printf("  the same in FX-thread CPU time (what the load does not add): median %.2f ms, p90 %.2f ms%n",
                pct(warmPulseCpu, 50), pct(warmPulseCpu, 90));
        System.out.printf("  of which apply (listeners: tree reconcile, map redraw, details): median %.2f ms, p90 %.2f ms%n",
                pct(warmApply, 50), pct(warmApply, 90));
        System.out.printf("FX thread per walk with a forced CSS pass over the whole window + layout (upper bound; the figure before): median %.2f ms, p90 %.2f ms%n",
                pct(warm, 50), pct(warm, 90));
        System.out.printf("worker per walk (rows, live marks, filter, tree, map model; off the FX thread): median %.2f ms, p90 %.2f ms%n",
                pct(warmWorker, 50), pct(warmWorker, 90));
        try {
            double[] load = new double[1];
            if (java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() >= 0) {
                load[0] = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            }
            System.out.printf("load average (1 min): %.2f on %d cores%n", load[0], Runtime.getRuntime().availableProcessors());
        } catch (RuntimeException ignored) {
            // no load average on this platform
        }
        Platform.exit();
    }

    /**
     * Runs {@code work} on the FX thread, asks for a pulse and waits for it: returns the wall time
     * of the work plus the pulse's CSS and layout passes (pre- to post-layout listener), and stores
     * the FX thread's CPU time for the same two spans in {@code cpuOut[at]}.
     */
    private static double onPulse(javafx.scene.Scene scene, java.lang.management.ThreadMXBean cpu, Runnable work,
                                  double[] cpuOut, int at) throws Exception {
        CompletableFuture<Double> f = new CompletableFuture<>();
        long[] t = new long[4];
        Runnable[] pre = new Runnable[1];
        Runnable[] post = new Runnable[1];
        pre[0] = () -> {
            scene.removePreLayoutPulseListener(pre[0]);
            t[2] = System.nanoTime();
            t[3] = cpu.getCurrentThreadCpuTime();
        };
        post[0] = () -> {
            scene.removePostLayoutPulseListener(post[0]);
            long wall = System.nanoTime() - t[2];
            long c = cpu.getCurrentThreadCpuTime() - t[3];
            cpuOut[at] = (t[1] + c) / 1e6;
            f.complete((t[0] + wall) / 1e6);
        };
        Platform.runLater(() -> {
            long a = System.nanoTime();
            long ca = cpu.getCurrentThreadCpuTime();
            work.run();
            t[0] = System.nanoTime() - a;
            t[1] = cpu.getCurrentThreadCpuTime() - ca;
            scene.addPreLayoutPulseListener(pre[0]);
            scene.addPostLayoutPulseListener(post[0]);
            Platform.requestNextPulse();
        });
        return f.get();
    }

    private static double onFx(java.util.concurrent.Callable<Double> c) throws Exception {
        CompletableFuture<Double> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(c.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f.get();
    }

    private static void expandAll(javafx.scene.control.TreeItem<?> item) {
        item.setExpanded(true);
        item.getChildren().forEach(TreeApplyBench::expandAll);
    }

    private static double pct(double[] v, int p) {
        double[] s = v.clone();
        Arrays.sort(s);
        int i = (int) Math.ceil(p / 100.0 * s.length) - 1;
        return s[Math.max(0, Math.min(s.length - 1, i))];
    }
}
