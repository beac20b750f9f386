package dev.capscope.app.ui.recording;

import dev.capscope.app.ui.testing.CapscopeHarness;
import dev.capscope.app.ui.testing.CapscopePage;
import dev.capscope.core.model.CapSpace;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The timeline scrubber: a recording opened in the window shows its moments in the tree (each equal
 * to the space recorded), marks where the selected cap appeared and vanished, and diffs a marked
 * moment against the shown one in the diff view.
 */
@ExtendWith(ApplicationExtension.class)
class RecordingScrubberTest {
    private CapscopeHarness h;
    private CapscopePage page;

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

    private CapSpace shownSpace() {
        return h.vm.tree().spaceProperty().get();
    }

    @Test
    void scrubbingShowsEachRecordedMomentMarksTheSelectedCapAndDiffsTwoMoments(FxRobot robot) throws Exception {
        Path file = tmp.resolve("churn.caprec");
        List<CapSpace> written = ChurnRecordings.write(file, 30);
        page = new CapscopePage(robot);
        RecordingViewModel rec = h.vm.recordings();
        page.interact(() -> h.vm.openRecordingFile(file));
        page.waitUntil("first moment shown", () -> written.get(0).equals(shownSpace()));
        assertTrue(page.fx(() -> robot.lookup("#recordingScrubber").query().isVisible()));

        for (int pos : new int[]{10, 3, 29, 17}) {
            page.interact(() -> rec.positionProperty().set(pos));
            page.waitUntil("moment " + pos + " shown", () -> written.get(pos).equals(shownSpace()));
        }
        assertTrue(page.fx(() -> rec.textProperty().get()).startsWith("moment 18 of 30"), page.fx(() -> rec.textProperty().get()));

        // the ROM session opened at step 1 is closed at step 3: its selector appears at 2 and vanishes at 4
        int selector = written.get(1).capMap().stream().filter(e -> "ROM".equals(e.semantics().rpcInterface())
                && e.semantics().label().endsWith("file 1")).findFirst().orElseThrow().index();
        page.interact(() -> rec.positionProperty().set(1));
        page.waitUntil(() -> written.get(1).equals(shownSpace()));
        page.selectSelector(selector);
        page.waitUntil("marks of the selected cap", () -> rec.marksTextProperty().get().startsWith("appeared at 2, vanished at 4"));

        page.interact(rec::mark);
        page.interact(() -> rec.positionProperty().set(5));
        page.waitUntil(() -> written.get(5).equals(shownSpace()));
        page.interact(rec::diffWithMarked);
        page.waitUntil("a diff opened", () -> h.vm.workflow().openDiffs().size() == 1);
        assertEquals(1, page.fx(() -> h.vm.workflow().openDiffs().size()));
    }
}
