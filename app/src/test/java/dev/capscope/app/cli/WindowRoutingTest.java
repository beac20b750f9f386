package dev.capscope.app.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which arguments open the window and which run the command line. */
class WindowRoutingTest {
    @Test
    void noArgumentsGuiAndSnapshotFilesOpenTheWindow() {
        assertTrue(CapscopeCli.wantsWindow(new String[0]));
        assertTrue(CapscopeCli.wantsWindow(new String[]{"gui", "--target", "unix:/tmp/x.sock"}));
        assertTrue(CapscopeCli.wantsWindow(new String[]{CliRun.sample("log-client.json")}));
        assertTrue(CapscopeCli.wantsWindow(new String[]{"--target", "unix:/tmp/x.sock"}));
    }

    @Test
    void helpAndVersionNeverOpenTheWindow() {
        assertFalse(CapscopeCli.wantsWindow(new String[]{"gui", "--help"}));
        assertFalse(CapscopeCli.wantsWindow(new String[]{"-h"}));
        assertFalse(CapscopeCli.wantsWindow(new String[]{"--version"}));
        CliRun r = CliRun.of("gui", "--help");
        assertTrue(r.out().contains("Usage: capscope gui"), r.out() + r.err());
    }

    @Test
    void commandsAndMissingFilesRunTheCommandLine() {
        assertFalse(CapscopeCli.wantsWindow(new String[]{"diff", "a.json", "b.json"}));
        assertFalse(CapscopeCli.wantsWindow(new String[]{"/nonexistent/snapshot.json"}));
    }

    @Test
    void aMissingDisplaySaysWhatToDo() {
        String s = CapscopeCli.windowProblem(new RuntimeException("boom",
                new UnsupportedOperationException("Unable to open DISPLAY")));
        assertTrue(s.startsWith("Unable to open DISPLAY"), s);
        assertTrue(s.contains("xvfb-run"), s);
    }
}
