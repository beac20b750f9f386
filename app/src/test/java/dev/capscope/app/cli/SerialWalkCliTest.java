package dev.capscope.app.cli;

import dev.capscope.bridge.CapsimProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code capscope walk --target serial:PATH} against capsim behind a pty (armored frames). */
class SerialWalkCliTest {
    private static final Duration START = Duration.ofSeconds(5);
    private static final String TASK = "init -> log_client";

    @TempDir
    Path tmp;

    @Test
    void walkOverASerialLineMatchesTheSocketWalk() {
        CapsimProcess.Options viaPty = CapsimProcess.Options.of(CapsimProcess.findScenario("log-client"))
                .listen("pty:" + tmp.resolve("line.pty"));
        String overSerial;
        try (CapsimProcess capsim = CapsimProcess.start(viaPty, START)) {
            assertTrue(capsim.uri().startsWith("serial:"), capsim.uri());
            CliRun walk = CliRun.of("walk", "--target", capsim.uri(), "--task", TASK);
            assertEquals(0, walk.exit(), walk.err());
            assertTrue(walk.out().contains("component area") && walk.out().contains("0xb (11)"), walk.out());
            overSerial = walk.out();
        }
        try (CapsimProcess capsim = CapsimProcess.start(
                CapsimProcess.Options.of(CapsimProcess.findScenario("log-client")), START)) {
            CliRun walk = CliRun.of("walk", "--target", capsim.uri(), "--task", TASK);
            assertEquals(0, walk.exit(), walk.err());
            assertEquals(walk.out().replace(capsim.uri(), "URI"), overSerial.replaceAll("serial:\\S+", "URI"));
        }
    }
}
