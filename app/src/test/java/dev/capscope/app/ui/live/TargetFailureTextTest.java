package dev.capscope.app.ui.live;

import dev.capscope.app.ui.sources.LiveTarget;
import dev.capscope.bridge.BridgeTarget;
import dev.capscope.core.target.TargetException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The error banner's text for what the real bridge says when nothing listens at an address. */
class TargetFailureTextTest {
    @TempDir
    Path dir;

    @Test
    void theAddressIsNamedOnceWithOneAdvice() {
        String uri = "unix:" + dir.resolve("gone.sock");
        TargetException e = assertThrows(TargetException.class, () -> BridgeTarget.connect(uri, Duration.ofSeconds(2)));
        String text = LiveController.describe(new LiveTarget(uri), e);
        assertEquals("Target " + uri + " is unreachable: no socket there. "
                + "Check that it still runs, then reconnect.", text);
    }
}
