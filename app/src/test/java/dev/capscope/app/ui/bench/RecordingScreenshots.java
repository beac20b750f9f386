package dev.capscope.app.ui.bench;

import dev.capscope.app.ui.recording.ChurnRecordings;
import dev.capscope.app.ui.recording.RecordingViewModel;
import dev.capscope.app.ui.testing.CapscopeHarness;
import dev.capscope.app.ui.testing.TestSpaces;
import dev.capscope.core.model.CapSpace;
import javafx.application.Platform;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Screenshots for the docs, taken on a real display (Xvfb): the holders graph of capsim's gui-stack
 * and the timeline scrubber with the marks of a selected cap. Each shot is the whole screen, taken
 * with ImageMagick's {@code import} once the window has laid out. Not a test; run under Xvfb with
 *
 * <pre>xvfb-run -s "-screen 0 1600x1000x24" java -cp ... -Dcapscope.home=app/target/capscope \
 *     dev.capscope.app.ui.bench.RecordingScreenshots OUT_DIR 1600 1000</pre>
 */
public final class RecordingScreenshots {
    private RecordingScreenshots() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int w = Integer.parseInt(args[1]);
        int hgt = Integer.parseInt(args[2]);
        Files.createDirectories(out);
        Platform.startup(() -> { });
        Stage[] stage = new Stage[1];
        CapscopeHarness h = onFx(() -> {
            CapscopeHarness x = CapscopeHarness.withWorker();
            stage[0] = new Stage();
            stage[0].setX(0);
            stage[0].setY(0);
            x.show(stage[0], w, hgt);
            return x;
        });
        try {
            h.startCapsim("gui-stack");
            await(() -> fx(() -> h.vm.tree().spaceProperty().get() != null));
            onFx(() -> {
                h.vm.showHolders(-1);
                return null;
            });
            await(() -> fx(() -> h.vm.holders().graphProperty().get() != null && !h.vm.holders().busyProperty().get()));
            Window holders = fx(() -> Window.getWindows().stream()
                    .filter(x -> "holders".equals(x.getProperties().get("capscope.window"))).findFirst().orElseThrow());
            onFx(() -> {
                ((TabPane) holders.getScene().lookup("#holdersTabs")).getSelectionModel().select(1);
                holders.setX(Math.max(0, (w - holders.getWidth()) / 2));
                holders.setY(Math.max(0, (hgt - holders.getHeight()) / 2));
                return null;
            });
            shoot(out.resolve("holders-graph-" + w + ".png"));
            onFx(() -> {
                holders.hide();
                return null;
            });

            Path file = Files.createTempFile("capscope-shot", ".caprec");
            Files.delete(file);
            List<CapSpace> written = ChurnRecordings.write(file, 60);
            RecordingViewModel rec = h.vm.recordings();
            onFx(() -> {
                h.vm.openRecordingFile(file);
                return null;
            });
            await(() -> fx(() -> written.get(0).equals(h.vm.tree().spaceProperty().get())));
            // a ROM session opened at step 1 and closed at step 3, its selector used again later
            int selector = written.get(1).capMap().stream().filter(e -> "ROM".equals(e.semantics().rpcInterface())
                    && e.semantics().label().endsWith("file 1")).findFirst().orElseThrow().index();
            onFx(() -> {
                rec.positionProperty().set(2);
                return null;
            });
            await(() -> fx(() -> written.get(2).equals(h.vm.tree().spaceProperty().get())));
            onFx(() -> {
                h.vm.tree().selectSelector(selector);
                return null;
            });
            await(() -> fx(() -> !rec.marks().isEmpty()));
            onFx(() -> {
                rec.positionProperty().set(rec.marks().get(Math.min(2, rec.marks().size() - 1)).position());
                return null;
            });
            await(() -> fx(() -> rec.shownMoment() >= 0 && rec.textProperty().get().startsWith("moment")));
            shoot(out.resolve("scrubber-marks-" + w + ".png"));
            Files.deleteIfExists(file);
        } finally {
            h.close();
            Platform.exit();
        }
        System.out.println("screenshots in " + out + " (" + TestSpaces.TASK + ")");
    }

    /** Lets two pulses pass (layout and paint), then takes the whole screen. */
    private static void shoot(Path png) throws Exception {
        for (int i = 0; i < 3; i++) {
            CompletableFuture<Void> pulse = new CompletableFuture<>();
            Platform.runLater(() -> {
                Platform.requestNextPulse();
                javafx.animation.AnimationTimer t = new javafx.animation.AnimationTimer() {
                    @Override
                    public void handle(long now) {
                        stop();
                        pulse.complete(null);
                    }
                };
                t.start();
            });
            pulse.get(10, TimeUnit.SECONDS);
        }
        Process p = new ProcessBuilder("import", "-window", "root", png.toString()).inheritIO().start();
        if (p.waitFor() != 0) throw new IllegalStateException("import failed for " + png);
    }

    private static void await(BooleanSupplier ok) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!ok.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("timed out");
            fx(() -> null); // one round trip through the FX queue between looks
            Thread.onSpinWait();
        }
    }

    private static <T> T fx(Callable<T> c) {
        try {
            return onFx(c);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T onFx(Callable<T> c) throws Exception {
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
