package example;

import dev.capscope.app.ui.testing.CapscopeHarness;
import dev.capscope.app.ui.testing.CapscopePage;
import dev.capscope.app.ui.testing.CapscopeUiTest;
import dev.capscope.app.ui.testing.SnapshotFiles;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Scripts the Capscope window the way a user of capscope-testkit would. */
@CapscopeUiTest
class CapscopeWindowTest {
    private CapscopeHarness capscope;

    @Start
    void start(Stage stage) {
        capscope = CapscopeHarness.forFiles().show(stage);
    }

    @AfterEach
    void stop() {
        capscope.close();
    }

    @Test
    void aSnapshotShowsWhatItsLogSessionIs(FxRobot robot) {
        CapscopePage page = new CapscopePage(robot);
        capscope.openSnapshot(SnapshotFiles.sample("log-client.json"));
        page.waitForTree();
        page.selectSelector(0x302);
        page.waitUntil("the details of 0x302", () -> page.detail("interface").isPresent());
        assertEquals("LOG", page.detailValue("interface"));
        assertEquals("init -> log_client", page.detailValue("label"));
        assertEquals("0x30 (48)", page.detailValue("badge"));
    }

    @Test
    void aLiveCapsimTargetIsWalked(FxRobot robot) {
        CapscopePage page = new CapscopePage(robot);
        capscope.startCapsim("log-client");
        page.waitForTree();
        assertTrue(page.areaTitles().stream().anyMatch(t -> t.startsWith("component area")), page.areaTitles().toString());
        page.selectSelector(0xb);
        page.waitUntil("the parent cap's details", () -> page.detail("role").isPresent());
        assertEquals("parent", page.detailValue("role"));
    }
}
