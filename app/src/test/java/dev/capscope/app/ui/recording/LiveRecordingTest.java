package dev.capscope.app.ui.recording;

import dev.capscope.app.cli.CapscopeCli;
import dev.capscope.app.ui.testing.CapscopeHarness;
import dev.capscope.app.ui.testing.CapscopePage;
import dev.capscope.bridge.BridgeTarget;
import dev.capscope.bridge.CapsimProcess;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.timeline.Moment;
import dev.capscope.core.timeline.Recording;
import dev.capscope.core.walk.Walker;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Recording live from the window: capsim's gui-stack churns step by step while the window records
 * it; after each step the test waits until the recorder has written the new generations, then walks
 * every task itself over a connection of its own. Stopped from the window, the file is read with the
 * core reader (and 'capscope timeline'), and each of the test's walks equals the moment in the file.
 */
@ExtendWith(ApplicationExtension.class)
class LiveRecordingTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int STEPS = 20;
    private CapscopeHarness h;
    private CapsimProcess capsim;

    @TempDir
    Path tmp;

    @Start
    void start(Stage stage) {
        h = CapscopeHarness.withWorker();
        h.show(stage);
    }

    @AfterEach
    void close() {
        h.close();
        if (capsim != null) capsim.close();
    }

    @Test
    void recordingAllTasksFromTheWindowMatchesWalksTakenDuringTheRecording(FxRobot robot) throws Exception {
        capsim = CapsimProcess.start(CapsimProcess.Options.of(CapsimProcess.findScenario("gui-stack")), WAIT);
        CapscopePage page = new CapscopePage(robot);
        h.attach(capsim.uri());
        page.waitForTree();
        LiveRecordingViewModel rec = h.vm.liveRecording();
        Path file = tmp.resolve("window.caprec");
        h.dialogs.saveFiles.add(file);
        page.menu("menuRecordAll");
        assertTrue(page.fx(() -> rec.recordingProperty().get()), "recording started");

        Map<String, CapSpace> references = new LinkedHashMap<>();
        try (BridgeTarget check = BridgeTarget.connect(capsim.uri(), WAIT)) {
            List<String> tasks = check.info().tasks().stream().map(t -> t.name()).toList();
            LayoutProfile profile = page.fx(() -> h.vm.profile().effectiveProperty().get());
            Walker walker = new Walker(check);
            for (int step = 0; step <= STEPS; step++) {
                if (step > 0) {
                    capsim.send("churn-step");
                    String ok = capsim.awaitLine(l -> l.startsWith("ok") || l.startsWith("error"), WAIT);
                    assertTrue(ok.startsWith("ok"), ok);
                }
                Map<String, Long> now = new HashMap<>();
                for (String t : tasks) {
                    now.put(t, check.generation(t));
                }
                page.waitUntil("the recorder wrote " + now, () -> now.entrySet().stream()
                        .allMatch(e -> e.getValue().equals(rec.recordedGeneration(e.getKey()))));
                for (String t : tasks) {
                    CapSpace space = walker.walk(t, profile);
                    references.putIfAbsent(t + "@" + space.generation(), space);
                }
            }
        }
        page.waitUntil("the status counts moments and bytes",
                () -> page.text("#liveRecordingStatus").matches("Recording all tasks to window\\.caprec: \\d+ moments, \\d+ bytes"));

        page.click("#liveRecordingStop");
        page.waitUntil("the recording stopped", () -> !rec.recordingProperty().get());
        assertTrue(h.dialogs.errors().isEmpty(), h.dialogs.errors().toString());

        Recording r = Recording.read(file);
        assertTrue(r.complete(), r.damage());
        assertTrue(references.size() > STEPS, "every step changed a task: " + references.size());
        for (Map.Entry<String, CapSpace> e : references.entrySet()) {
            CapSpace want = e.getValue();
            Moment m = r.atGeneration(want.taskName(), want.generation());
            assertEquals(want, r.spaceAt(m.index()), e.getKey());
        }
        String status = page.text("#liveRecordingStatus");
        assertTrue(status.startsWith("Recorded all tasks: " + r.moments().size() + " moments, "
                + java.nio.file.Files.size(file) + " bytes"), status);

        StringWriter out = new StringWriter();
        int exit = CapscopeCli.run(new String[]{"timeline", file.toString()}, new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true));
        assertEquals(0, exit, out.toString());
        assertTrue(out.toString().contains(r.moments().size() + " moments, complete"), out.toString());

        page.click("#liveRecordingOpen");
        int first = r.moments().get(0).index();
        page.waitUntil("the recording's first moment under the scrubber",
                () -> r.spaceAt(first).equals(h.vm.tree().spaceProperty().get()));
        assertTrue(page.fx(() -> robot.lookup("#recordingScrubber").query().isVisible()));
    }

    @Test
    void recordingTheShownTaskRecordsOnlyThatTask(FxRobot robot) throws Exception {
        capsim = CapsimProcess.start(CapsimProcess.Options.of(CapsimProcess.findScenario("log-client")).churn(50, 3), WAIT);
        CapscopePage page = new CapscopePage(robot);
        h.attach(capsim.uri());
        page.waitForTree();
        String task = page.fx(() -> ((dev.capscope.app.ui.sources.SourceRef.TaskRef) h.vm.shown()).task());
        LiveRecordingViewModel rec = h.vm.liveRecording();
        Path file = tmp.resolve("task.caprec");
        h.dialogs.saveFiles.add(file);
        page.menu("menuRecordTask");
        page.waitUntil("a first walk and a change recorded", () -> {
            Long g = rec.recordedGeneration(task);
            return g != null && page.text("#liveRecordingStatus").matches(".*: ([2-9]|\\d\\d+) moments, .*");
        });
        page.menu("menuStopRecording");
        page.waitUntil("the recording stopped", () -> !rec.recordingProperty().get());
        Recording r = Recording.read(file);
        assertTrue(r.complete(), r.damage());
        assertEquals(java.util.Set.of(task), r.tasks());
        assertTrue(r.moments().size() >= 2, "moments: " + r.moments().size());
    }
}
