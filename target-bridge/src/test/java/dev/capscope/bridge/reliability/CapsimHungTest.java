package dev.capscope.bridge.reliability;

import dev.capscope.bridge.BridgeTarget;
import dev.capscope.bridge.CapsimProcess;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.target.TargetException;
import dev.capscope.core.target.TargetException.Code;
import dev.capscope.core.walk.Walker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * capsim hung (SIGSTOP: the process exists, its sockets accept, nothing answers): with the
 * default timeout a walk on an open connection and a fresh attach both fail with TIMEOUT within
 * 5 s; once it runs again (SIGCONT) a new connection works.
 */
class CapsimHungTest {
    private static final String TASK = "init -> launcher";

    private static long failsWithin5s(Code expected, Executable call) {
        long t0 = System.nanoTime();
        TargetException e = assertThrows(TargetException.class, call);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(expected, e.code(), e.getMessage());
        assertTrue(ms < 5000, "took " + ms + " ms");
        assertTrue(e.getMessage().contains("hung"), "advice in: " + e.getMessage());
        return ms;
    }

    @Test
    void timeoutsFireWhileCapsimIsStopped() throws Exception {
        Duration timeout = BridgeTarget.DEFAULT_TIMEOUT;
        try (CapsimProcess capsim = CapsimProcess.start(Scenarios.options("init"), timeout)) {
            long pid = capsim.pid();
            try (BridgeTarget target = BridgeTarget.connect(capsim.uri(), timeout)) {
                LayoutProfile profile = Scenarios.profile(target);
                new Walker(target).walk(TASK, profile);
                ProcProbe.signal(pid, "STOP");
                assertTrue(ProcProbe.await(() -> stopped(pid), Duration.ofSeconds(5)), "capsim did not stop");
                failsWithin5s(Code.TIMEOUT, () -> new Walker(target).walk(TASK, profile));
                failsWithin5s(Code.TIMEOUT, () -> BridgeTarget.connect(capsim.uri(), timeout).close());
            } finally {
                ProcProbe.signal(pid, "CONT");
            }
            try (BridgeTarget again = BridgeTarget.connect(capsim.uri(), timeout)) {
                assertTrue(new Walker(again).walk(TASK, Scenarios.profile(again)).slots().size() > 3);
            }
        }
    }

    private static boolean stopped(long pid) {
        try {
            return ProcProbe.state(pid) == 'T';
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
