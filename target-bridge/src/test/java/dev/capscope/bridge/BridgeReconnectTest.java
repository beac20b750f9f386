package dev.capscope.bridge;

import dev.capscope.core.model.CapSpace;
import dev.capscope.core.profile.ProfileRegistry;
import dev.capscope.core.target.TargetException;
import dev.capscope.core.target.TargetException.Code;
import dev.capscope.core.walk.GenerationCache;
import dev.capscope.core.walk.Walker;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent closes idle connections (capsim --idle-timeout): a window left alone must not come back
 * to "connection closed". Reads reconnect once; a dead target still fails fast.
 */
class BridgeReconnectTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final String TASK = "init -> log_client";

    @Test
    void aReadAfterTheAgentDroppedAnIdleConnectionReconnectsTransparently() throws Exception {
        CapsimProcess.Options options = CapsimProcess.Options.of(CapsimProcess.findScenario("log-client"))
                .idleTimeout(0.5);
        try (CapsimProcess capsim = CapsimProcess.start(options, TIMEOUT)) {
            int fdsIdle = openFds(capsim.pid());
            try (BridgeTarget target = BridgeTarget.connect(capsim.uri(), TIMEOUT)) {
                Walker walker = new Walker(target, new GenerationCache());
                CapSpace first = walker.walk(TASK, ProfileRegistry.builtin().get("genode-foc-19"));
                Object before = target.session();
                assertTrue(openFds(capsim.pid()) > fdsIdle, "connected");

                awaitTrue(() -> openFds(capsim.pid()) == fdsIdle, "capsim dropped the idle connection");

                CapSpace again = walker.walk(TASK, ProfileRegistry.builtin().get("genode-foc-19"));
                assertEquals(first.slots(), again.slots());
                assertNotSame(before, target.session(), "a new connection");
                Object after = target.session();
                target.generation(TASK);
                assertSame(after, target.session(), "a live connection is kept");
            }
        }
    }

    @Test
    void aDeadTargetStillFailsFastAsUnreachable() throws Exception {
        CapsimProcess capsim = CapsimProcess.start(CapsimProcess.Options.of(CapsimProcess.findScenario("log-client")),
                TIMEOUT);
        try (BridgeTarget target = BridgeTarget.connect(capsim.uri(), TIMEOUT)) {
            capsim.kill();
            long t0 = System.nanoTime();
            TargetException e = assertThrows(TargetException.class, () -> target.generation(TASK));
            assertEquals(Code.UNREACHABLE, e.code(), e.getMessage());
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) < 5000);
        } finally {
            capsim.close();
        }
    }

    private static int openFds(long pid) {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return (int) fds.count();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Polls a condition that only the other process can make true, with a deadline. */
    private static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting: " + what);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }
}
