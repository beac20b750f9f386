package dev.capscope.bridge;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A demo capsim must not outlive the app, even when the app dies without running its shutdown
 * hooks (killed, or GTK exiting on a lost X connection): capsim started with
 * --exit-on-stdin-eof exits when its stdin pipe closes, and CapsimProcess always asks for that.
 */
class CapsimLifetimeTest {
    @Test
    void capsimExitsWhenTheProcessHoldingItsStdinGoes() throws Exception {
        Path dir = Files.createTempDirectory("capsim-eof-");
        Process capsim = new ProcessBuilder(CapsimProcess.findBinary().toString(),
                "--scenario", CapsimProcess.findScenario("log-client").toString(),
                "--listen", "unix:" + dir.resolve("s.sock"), "--exit-on-stdin-eof")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String ready = new java.io.BufferedReader(new java.io.InputStreamReader(capsim.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8)).readLine();
            assertTrue(ready != null && ready.startsWith("listening"), String.valueOf(ready));
            assertFalse(capsim.waitFor(300, TimeUnit.MILLISECONDS), "serves while its parent is there");
            capsim.getOutputStream().close(); // what the kernel does when the parent dies
            assertTrue(capsim.waitFor(5, TimeUnit.SECONDS), "capsim exits on EOF");
        } finally {
            capsim.destroyForcibly();
            Files.deleteIfExists(dir.resolve("s.sock"));
            Files.deleteIfExists(dir);
        }
    }
}
