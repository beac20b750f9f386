package dev.capscope.app.ui.recording;

import dev.capscope.app.ui.testing.CapscopeHarness;
import dev.capscope.app.ui.testing.CapscopePage;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.timeline.Moment;
import dev.capscope.core.timeline.Recording;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The marks under the scrubber: for the selected selector they sit exactly where replaying the
 * recording moment by moment (computed here from the core reader alone) shows its cap appearing and
 * vanishing, under the slider's thumb at that moment, with a tooltip; ▶ / Alt+Right and ◀ / Alt+Left
 * move from one change to the next.
 */
@ExtendWith(ApplicationExtension.class)
class ScrubberMarksTest {
    private CapscopeHarness h;

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
    }

    /** Appear (+p) and vanish (-p-1) positions of a selector, from replaying every moment of the task. */
    private static List<Integer> changes(Recording r, List<Integer> taskMoments, int selector) {
        List<Integer> out = new ArrayList<>();
        boolean present = false;
        for (int p = 0; p < taskMoments.size(); p++) {
            boolean now = r.spaceAt(taskMoments.get(p)).isValid(selector);
            if (now != present) {
                out.add(now ? p : -p - 1);
                present = now;
            }
        }
        return out;
    }

    @Test
    void marksSitWhereTheSelectedCapAppearsAndVanishesAndKeysJumpBetweenThem(FxRobot robot) throws Exception {
        Path file = tmp.resolve("churn.caprec");
        List<CapSpace> written = ChurnRecordings.write(file, 60);
        Recording r = Recording.read(file);
        List<Integer> taskMoments = r.moments().stream().filter(m -> m.delta() != null).map(Moment::index).toList();
        TreeSet<Integer> selectors = new TreeSet<>();
        written.forEach(s -> s.slots().forEach(x -> selectors.add(x.selector())));
        int selector = -1;
        List<Integer> expected = List.of();
        for (int s : selectors) { // the selector that changes most often: reused after a session closed
            List<Integer> c = changes(r, taskMoments, s);
            if (c.size() > expected.size() && written.get(0).isValid(s) == false) {
                selector = s;
                expected = c;
            }
        }
        assertTrue(expected.size() >= 3, "a selector that comes, goes and comes back: " + expected);

        CapscopePage page = new CapscopePage(robot);
        RecordingViewModel rec = h.vm.recordings();
        page.interact(() -> h.vm.openRecordingFile(file));
        page.waitUntil("first moment shown", () -> written.get(0).equals(h.vm.tree().spaceProperty().get()));
        int first = expected.get(0);
        page.interact(() -> rec.positionProperty().set(first));
        page.waitUntil(() -> written.get(first).equals(h.vm.tree().spaceProperty().get()));
        page.selectSelector(selector);
        List<Integer> want = expected;
        page.waitUntil("marks of the selected cap", () -> rec.marks().size() == want.size());
        List<Integer> got = page.fx(() -> rec.marks().stream().map(m -> m.appeared() ? m.position() : -m.position() - 1).toList());
        assertEquals(expected, got, "marks equal the changes replayed from the recording");

        // each mark is drawn under the thumb's position for its moment, with its sentence as tooltip
        for (ScrubberMark m : page.fx(() -> List.copyOf(rec.marks()))) {
            String id = "#recordingMark_" + m.position() + (m.appeared() ? "_appeared" : "_vanished");
            page.interact(() -> rec.positionProperty().set(m.position()));
            double[][] x = new double[1][];
            // the thumb and the marks move at the next layout pass: fails unless the mark ends under the thumb
            page.waitUntil(id + " under the slider's thumb at its moment", () -> {
                Slider slider = robot.lookup("#recordingSlider").queryAs(Slider.class);
                Node mark = robot.lookup(id).query();
                Node thumb = slider.lookup(".thumb");
                Bounds a = mark.localToScene(mark.getBoundsInLocal());
                Bounds b = thumb.localToScene(thumb.getBoundsInLocal());
                x[0] = new double[]{a.getCenterX(), b.getCenterX()};
                return slider.getValue() == m.position() && Math.abs(x[0][0] - x[0][1]) <= 1.0;
            });
            String tip = page.fx(() -> ((Tooltip) robot.lookup(id).query().getProperties().get("javafx.scene.control.Tooltip")).getText());
            assertTrue(tip.contains((m.appeared() ? "appeared" : "vanished") + " at moment " + (m.position() + 1)), tip);
        }

        // keyboard: from before the first change, Alt+Right visits every change in order, Alt+Left goes back
        page.interact(() -> rec.positionProperty().set(0));
        page.interact(() -> robot.lookup("#recordingSlider").query().requestFocus());
        for (int c : expected) {
            page.press(KeyCode.ALT, KeyCode.RIGHT);
            assertEquals(c >= 0 ? c : -c - 1, page.fx(() -> rec.positionProperty().get()));
        }
        int last = page.fx(() -> rec.positionProperty().get());
        page.press(KeyCode.ALT, KeyCode.RIGHT);
        assertEquals(last, page.fx(() -> rec.positionProperty().get()), "no change after the last: stays");
        page.press(KeyCode.ALT, KeyCode.LEFT);
        int before = expected.get(expected.size() - 2);
        assertEquals(before >= 0 ? before : -before - 1, page.fx(() -> rec.positionProperty().get()));
        page.click("#recordingPreviousChange");
        int twoBefore = expected.get(expected.size() - 3);
        assertEquals(twoBefore >= 0 ? twoBefore : -twoBefore - 1, page.fx(() -> rec.positionProperty().get()));
    }
}
