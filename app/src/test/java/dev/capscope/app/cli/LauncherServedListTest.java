package dev.capscope.app.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * bin/capscope decides in the shell which commands go to the command server (it must not start a
 * JVM to ask); the server decides again. The two lists must be the same.
 */
class LauncherServedListTest {
    @Test
    void theLauncherHandsOverExactlyWhatTheServerServes() throws IOException {
        String script = Files.readString(Path.of("src/dist/bin/capscope"));
        Matcher m = Pattern.compile("case \"\\$1\" in ([a-z|]+)\\) exec \"\\$bin_dir/capscope-client\"").matcher(script);
        assertTrue(m.find(), "bin/capscope hands commands to capscope-client in a case line");
        Set<String> launcher = Set.of(m.group(1).split("\\|"));
        assertEquals(CapscopeCli.PRINTING, launcher);
        for (String command : launcher) {
            assertTrue(CapscopeCli.servable(new String[] {command, "--target", "unix:/x"}), command);
            assertFalse(CapscopeCli.servable(new String[] {command, "--help"}), command + " --help");
        }
        assertFalse(CapscopeCli.servable(new String[] {"restore", "x.json"}));
        assertFalse(CapscopeCli.servable(new String[0]));
    }
}
