package dev.capscope.bridge.reliability;

import dev.capscope.bridge.BridgeTarget;
import dev.capscope.bridge.CapsimProcess;
import dev.capscope.core.target.TargetException;
import dev.capscope.core.target.TargetException.Code;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * libcapbridge against a capsim that requires a token: the token in the URI ("?token=") attaches
 * and never shows up in the endpoint (snapshot metadata, messages); no token or a wrong one fails
 * with a message saying what to do.
 */
class TokenAuthTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final String TOKEN = "t0ken-for-tests";

    @TempDir
    Path tmp;

    @Test
    void tokenFromTheUriAttachesAndStaysSecret() throws Exception {
        Path sock = tmp.resolve("capsim.sock");
        Process p = new ProcessBuilder(CapsimProcess.findBinary().toString(), "--scenario",
                Scenarios.scenario("init").toString(), "--listen", "unix:" + sock, "--token", TOKEN)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String ready = out.readLine(); // capsim prints it once listening, or exits
            assertEquals("listening unix:" + sock, ready);
            String uri = "unix:" + sock;
            try (BridgeTarget t = BridgeTarget.connect(uri + "?token=" + TOKEN, TIMEOUT)) {
                assertEquals(uri, t.endpoint());
                assertFalse(t.info().endpoint().contains(TOKEN));
                assertTrue(t.taskRecords().size() > 1);
            }
            for (String bad : List.of(uri, uri + "?token=wrong")) {
                TargetException e = assertThrows(TargetException.class, () -> BridgeTarget.connect(bad, TIMEOUT).close());
                assertEquals(Code.REJECTED, e.code(), e.getMessage());
                assertTrue(e.getMessage().contains("CAPSCOPE_TOKEN"), e.getMessage());
                assertFalse(e.getMessage().contains("wrong") && bad.equals(uri), e.getMessage());
            }
            assertTrue(p.isAlive());
        } finally {
            p.destroy();
            p.waitFor();
        }
    }
}
