package dev.capscope.app.ui.bench;

import dev.capscope.app.ui.recording.ChurnRecordings;
import dev.capscope.app.ui.recording.RecordingViewModel;
import dev.capscope.app.ui.testing.CapscopeHarness;
import dev.capscope.core.timeline.Recording;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The timeline scrubber dragged through 1,000 moments, beside an idle-window baseline in the same
 * run: how late a UI-thread ping runs with the recording open and nobody scrubbing, then while
 * scrubbing (the ratio says what scrubbing adds over what the machine's load and the window's own
 * pulses cost anyway); how long each position change, each moment put on screen and each layout
 * pass holds the FX thread; GC time in each phase; how many moments reached the screen. Prints;
 * not part of {@code mvn verify}; run with
 *
 * <pre>mvn -q -pl app test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.capscope.app.ui.bench.ScrubberBench</pre>
 */
public final class ScrubberBench {
    private ScrubberBench() {
    }

    /** Layout-pass durations of a scene, measured by its own pulse listeners (FX thread only). */
    private static final class LayoutTimer {
        long start;
        long total;
        long max;
        long passes;

        void install(Scene scene) {
            scene.addPreLayoutPulseListener(() -> start = System.nanoTime());
            scene.addPostLayoutPulseListener(() -> {
                long d = System.nanoTime() - start;
                total += d;
                max = Math.max(max, d);
                passes++;
            });
        }

        String reset() {
            String s = String.format("%d layout passes, mean %.2f ms, max %.2f ms", passes,
                    passes == 0 ? 0 : total / 1e6 / passes, max / 1e6);
            total = max = passes = 0;
            return s;
        }
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        int moments = Integer.getInteger("bench.moments", 1000);
        Path dir = Files.createTempDirectory("capscope-scrub");
        Path file = dir.resolve("scrub.caprec");
        ChurnRecordings.write(file, moments);
        Recording recording = Recording.read(file);
        Platform.startup(() -> { });
        LayoutTimer layout = new LayoutTimer();
        CapscopeHarness h = onFx(() -> {
            CapscopeHarness x = CapscopeHarness.withWorker();
            Stage stage = new Stage();
            x.show(stage);
            layout.install(stage.getScene());
            return x;
        });
        RecordingViewModel rec = h.vm.recordings();
        onFx(() -> {
            rec.show(recording);
            return null;
        });
        while (onFx(rec::shownMoment) != 0) {
            Thread.onSpinWait();
        }
        for (int i = 0; i < 200; i++) { // warm-up: both paths compiled before anything is measured
            int pos = i % 50;
            onFx(() -> {
                rec.positionProperty().set(pos);
                return null;
            });
        }
        onFx(() -> {
            rec.positionProperty().set(0);
            return null;
        });
        while (onFx(rec::shownMoment) != 0) {
            Thread.onSpinWait();
        }

        // idle baseline: the same pings, the recording open, nothing scrubbed
        double[] idle = new double[moments];
        onFx(layout::reset);
        long gc0 = gcMillis();
        for (int i = 0; i < moments; i++) {
            int pos = i;
            long posted = System.nanoTime();
            onFx(() -> {
                idle[pos] = (System.nanoTime() - posted) / 1e6;
                return null;
            });
        }
        long idleGc = gcMillis() - gc0;
        String idleLayout = onFx(layout::reset);

        long before = onFx(rec::displayedCount);
        long displayBefore = onFx(rec::displayNanos);
        double[] set = new double[moments];
        double[] ping = new double[moments];
        gc0 = gcMillis();
        long t0 = System.nanoTime();
        for (int i = 0; i < moments; i++) {
            int pos = i;
            long posted = System.nanoTime();
            set[i] = onFx(() -> { // one drag step: the slider's value changes on the FX thread
                ping[pos] = (System.nanoTime() - posted) / 1e6; // how long the FX thread took to get to it
                long s = System.nanoTime();
                rec.positionProperty().set(pos);
                return (System.nanoTime() - s) / 1e6;
            });
        }
        double dragMs = (System.nanoTime() - t0) / 1e6;
        while (onFx(rec::shownMoment) != moments - 1) {
            Thread.onSpinWait();
        }
        double lastMs = (System.nanoTime() - t0) / 1e6;
        long scrubGc = gcMillis() - gc0;
        String scrubLayout = onFx(layout::reset);
        long shown = onFx(rec::displayedCount) - before;
        double displayMs = (onFx(rec::displayNanos) - displayBefore) / 1e6;
        Arrays.sort(set);
        Arrays.sort(ping);
        Arrays.sort(idle);
        System.out.printf("%d moments: drag through all took %.0f ms; last moment on screen after %.0f ms; "
                + "%d moments reached the screen, %d skipped as stale%n", moments, dragMs, lastMs, shown, moments - shown);
        System.out.printf("FX thread per position change: median %.3f ms, p99 %.3f ms, max %.3f ms%n",
                set[moments / 2], set[moments * 99 / 100], set[moments - 1]);
        System.out.printf("FX thread per moment put on screen: mean %.2f ms (%.0f ms in all)%n",
                shown == 0 ? 0 : displayMs / shown, displayMs);
        System.out.printf("UI-thread ping, idle window:   median %.2f ms, p99 %.2f ms, max %.2f ms; GC %d ms; %s%n",
                idle[moments / 2], idle[moments * 99 / 100], idle[moments - 1], idleGc, idleLayout);
        System.out.printf("UI-thread ping, scrubbing:     median %.2f ms, p99 %.2f ms, max %.2f ms; GC %d ms; %s%n",
                ping[moments / 2], ping[moments * 99 / 100], ping[moments - 1], scrubGc, scrubLayout);
        System.out.printf("scrubbing / idle: median %.1fx, p99 %.1fx (load on this machine: %.2f)%n",
                ping[moments / 2] / Math.max(1e-3, idle[moments / 2]),
                ping[moments * 99 / 100] / Math.max(1e-3, idle[moments * 99 / 100]),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        h.close();
        Files.delete(file);
        Files.delete(dir);
        Platform.exit();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> c) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(c.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(60, TimeUnit.SECONDS);
    }
}
