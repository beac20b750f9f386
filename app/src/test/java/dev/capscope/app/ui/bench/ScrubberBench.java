package dev.capscope.app.ui.bench;

import dev.capscope.app.ui.recording.ChurnRecordings;
import dev.capscope.app.ui.recording.RecordingViewModel;
import dev.capscope.app.ui.testing.CapscopeHarness;
import dev.capscope.core.timeline.Recording;
import javafx.application.Platform;
import javafx.stage.Stage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The timeline scrubber dragged through 1,000 moments: how long each position change holds the FX
 * thread, how late a UI-thread ping runs while moments are replayed on the worker, how many moments
 * reached the screen (the rest were skipped as stale), and when the last one was shown. Prints;
 * not part of {@code mvn verify}; run with
 *
 * <pre>mvn -q -pl app test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.capscope.app.ui.bench.ScrubberBench</pre>
 */
public final class ScrubberBench {
    private ScrubberBench() {
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
        CapscopeHarness h = onFx(() -> {
            CapscopeHarness x = CapscopeHarness.withWorker();
            x.show(new Stage());
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
        long before = onFx(rec::displayedCount);
        double[] set = new double[moments];
        double[] ping = new double[moments];
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
        long shown = onFx(rec::displayedCount) - before;
        Arrays.sort(set);
        Arrays.sort(ping);
        System.out.printf("%d moments: drag through all took %.0f ms; last moment on screen after %.0f ms; "
                + "%d moments reached the screen, %d skipped as stale%n", moments, dragMs, lastMs, shown, moments - shown);
        System.out.printf("FX thread per position change: median %.3f ms, p99 %.3f ms, max %.3f ms%n",
                set[moments / 2], set[moments * 99 / 100], set[moments - 1]);
        System.out.printf("UI-thread ping latency while scrubbing: median %.2f ms, p99 %.2f ms, max %.2f ms%n",
                ping[moments / 2], ping[moments * 99 / 100], ping[moments - 1]);
        h.close();
        Files.delete(file);
        Files.delete(dir);
        Platform.exit();
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
