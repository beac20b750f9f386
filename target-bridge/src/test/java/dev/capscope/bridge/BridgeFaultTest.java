package dev.capscope.bridge;

import dev.capscope.bridge.testing.WireAgent;
import dev.capscope.bridge.testing.WireAgent.Fault;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.target.TargetException;
import dev.capscope.core.target.TargetException.Code;
import dev.capscope.core.testing.InMemoryTarget;
import dev.capscope.core.testing.Spaces;
import dev.capscope.core.walk.Walker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.capscope.bridge.testing.WireNumbers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Targets that go silent, answer garbage, lie about counts or die mid-frame: each call fails
 * within the timeout (and well under 5 s) with a TargetException whose code says which, and the
 * JVM carries on.
 */
class BridgeFaultTest {
    private static final Duration TIMEOUT = Duration.ofMillis(800);
    private static final LayoutProfile PROFILE = Spaces.profile("genode-foc-19");
    private static final String TASK = "init -> app";

    private static InMemoryTarget memory() {
        return new InMemoryTarget("memory:test", "in-memory", "genode-foc-19")
                .addTask(Spaces.typical("genode-foc-19", TASK, 1).build()); // one thread: "running" (the wire has no "blocked")
    }

    /** Runs the call, expects the code, and checks it took less than the timeout plus slack. */
    private static TargetException failsQuickly(Code expected, Executable call) {
        long t0 = System.nanoTime();
        TargetException e = assertThrows(TargetException.class, call);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(expected, e.code(), e.getMessage());
        // The bound (fail within 5 s), not a tighter one that flakes on a loaded machine.
        assertTrue(ms < 5000, "took " + ms + " ms");
        assertTrue(e.getMessage().length() > 20, e.getMessage());
        return e;
    }

    private static void walkFails(Fault fault, int opcode, Code expected) throws Exception {
        try (WireAgent agent = new WireAgent(memory()).fault(opcode, fault);
             BridgeTarget bridge = BridgeTarget.connect(agent.uri(), TIMEOUT)) {
            Object broken = bridge.session();
            failsQuickly(expected, () -> new Walker(bridge).walk(TASK, PROFILE));
            // the stream can no longer be trusted: the next read runs on a fresh connection
            assertEquals(memory().generation(TASK), bridge.generation(TASK));
            assertNotSame(broken, bridge.session(), "a new connection, so cached generations do not carry over");
        }
    }

    @Test
    void targetThatStopsAnsweringMidWalkTimesOut() throws Exception {
        walkFails(Fault.SILENT, OP_CAP_INFOS, Code.TIMEOUT);
    }

    @Test
    void targetThatAnswersGarbageIsAProtocolError() throws Exception {
        walkFails(Fault.GARBAGE, OP_VALIDITY, Code.PROTOCOL);
    }

    @Test
    void targetThatDiesMidFrameIsUnreachable() throws Exception {
        walkFails(Fault.CUT_MID_FRAME, OP_THREADS, Code.UNREACHABLE);
    }

    @Test
    void countsThatRunPastThePayloadAreProtocolErrors() throws Exception {
        walkFails(Fault.LYING_COUNT, OP_CAP_INFOS, Code.PROTOCOL);
        try (WireAgent agent = new WireAgent(memory()).fault(OP_TASKS, Fault.LYING_COUNT);
             BridgeTarget bridge = BridgeTarget.connect(agent.uri(), TIMEOUT)) {
            failsQuickly(Code.PROTOCOL, bridge::info);
        }
    }

    @Test
    void silentListenerTimesOutOnConnect() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    accepted.add(silent.accept()); // accept, then say nothing
                } catch (IOException ignored) {
                    // closed by the test
                }
            });
            acceptor.start();
            failsQuickly(Code.TIMEOUT, () -> BridgeTarget.connect("tcp:127.0.0.1:" + silent.getLocalPort(), TIMEOUT));
            silent.close();
            acceptor.join(5000);
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    @Test
    void listenerThatIsNoAgentIsAProtocolError() throws Exception {
        try (ServerSocket web = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                try (Socket s = web.accept(); OutputStream out = s.getOutputStream()) {
                    out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    s.getInputStream().read(); // until the client hangs up
                } catch (IOException ignored) {
                    // client gone
                }
            });
            server.start();
            TargetException e = failsQuickly(Code.PROTOCOL,
                    () -> BridgeTarget.connect("tcp:127.0.0.1:" + web.getLocalPort(), TIMEOUT));
            assertTrue(e.getMessage().contains("not a Capscope agent"), e.getMessage());
            server.join(5000);
        }
    }

    @Test
    void nothingListeningIsUnreachable() {
        failsQuickly(Code.UNREACHABLE, () -> BridgeTarget.connect("unix:/nonexistent/capsim.sock", TIMEOUT));
        failsQuickly(Code.UNREACHABLE, () -> BridgeTarget.connect("pigeon:coop", TIMEOUT));
    }

    @Test
    void serialLineBackedByAUnixSocketWorksLikeQemusSerial() throws Exception {
        InMemoryTarget memory = memory();
        try (WireAgent agent = new WireAgent(memory).armored();
             BridgeTarget bridge = BridgeTarget.connect(agent.uri().replace("unix:", "serial:"), TIMEOUT)) {
            CapSpace walked = new Walker(bridge).walk(TASK, PROFILE);
            assertEquals(new Walker(memory).walk(TASK, PROFILE), walked);
        }
    }

    @Test
    void closedTargetSaysSo() throws Exception {
        try (WireAgent agent = new WireAgent(memory())) {
            BridgeTarget bridge = BridgeTarget.connect(agent.uri(), TIMEOUT);
            bridge.close();
            bridge.close(); // twice is fine
            assertEquals(Code.UNREACHABLE, assertThrows(TargetException.class, () -> bridge.generation(TASK)).code());
        }
    }
}
