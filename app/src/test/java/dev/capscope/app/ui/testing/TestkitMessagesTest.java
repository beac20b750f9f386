package dev.capscope.app.ui.testing;

import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The testkit's helpers fail with a message naming what they did not find. */
@CapscopeUiTest
class TestkitMessagesTest {
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
    void eachHelperNamesWhatIsMissing(FxRobot robot) {
        CapscopePage page = new CapscopePage(robot);
        capscope.openSnapshot(SnapshotFiles.sample("log-client.json"));
        page.waitForTree();
        AssertionError row = assertThrows(AssertionError.class, () -> page.selectSelector(0x999));
        assertTrue(row.getMessage().startsWith("no row for selector 0x999 (2457) in the tree"), row.getMessage());
        page.selectSelector(0x302);
        page.waitUntil(() -> page.detail("interface").isPresent());
        AssertionError detail = assertThrows(AssertionError.class, () -> page.detailValue("colour"));
        assertTrue(detail.getMessage().startsWith("no detail 'colour' for 0x302 (770)")
                && detail.getMessage().contains("interface"), detail.getMessage());
        AssertionError control = assertThrows(AssertionError.class, () -> page.control("nothingHere"));
        assertTrue(control.getMessage().startsWith("no control #nothingHere on screen"), control.getMessage());
        AssertionError file = assertThrows(AssertionError.class, () -> SnapshotFiles.sample("nope.json"));
        assertTrue(file.getMessage().startsWith("no sample snapshot "), file.getMessage());
    }
}
