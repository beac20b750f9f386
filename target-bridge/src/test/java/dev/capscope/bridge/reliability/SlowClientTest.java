package dev.capscope.bridge.reliability;

import dev.capscope.bridge.BridgeTarget;
import dev.capscope.bridge.CapsimProcess;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.walk.Walker;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.time.Duration;

import static dev.capscope.bridge.testing.WireNumbers.*;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client that pipelines hundreds of requests for the biggest answers and never reads holds its
 * connection (and fills its socket buffers) while other clients walk: they are served, each walk
 * in well under the timeout, and capsim stays alive and keeps its in-flight limit for that client.
 */
class SlowClientTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final String TASK = "init -> desktop";

    @Test
    void othersAreServedWhileOneClientDoesNotRead() throws Exception {
        try (CapsimProcess capsim = CapsimProcess.start(Scenarios.options("gui-stack"), TIMEOUT);
             SocketChannel slow = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            slow.connect(UnixDomainSocketAddress.of(capsim.uri().substring("unix:".length())));
            slow.configureBlocking(false);
            int task;
            try (BridgeTarget probe = BridgeTarget.connect(capsim.uri(), TIMEOUT)) {
                task = (int) probe.taskRecords().stream().filter(t -> t.name().equals(TASK)).findFirst()
                        .orElseThrow().id();
            }
            // CAP_INFOS 0..4296 of the biggest task (13 KiB each), as many as the socket takes.
            // More than the agent's input buffer (64 KiB) plus both socket buffers can hold.
            int count = 100_000;
            ByteBuffer requests = ByteBuffer.allocate(28 * count).order(ByteOrder.LITTLE_ENDIAN);
            for (int id = 1; id <= count; id++) {
                requests.putInt(PROTO_MAGIC).putShort((short) PROTO_VERSION).putShort((short) OP_CAP_INFOS).putInt(id)
                        .putShort((short) 0).putShort((short) 0).putInt(8)
                        .putInt(task).putShort((short) 0).putShort((short) PROTO_LAST_SELECTOR);
            }
            requests.flip();
            int sent = 0;
            while (requests.hasRemaining()) {
                int n = slow.write(requests);
                if (n == 0) {
                    break; // the agent stopped reading (in-flight limit) and the buffers are full
                }
                sent += n;
            }
            assertTrue(sent >= 28 * 17, "the slow client got " + sent + " bytes out");
            assertTrue(requests.hasRemaining(), "the agent read every request of a client that does not read");

            try (BridgeTarget other = BridgeTarget.connect(capsim.uri(), TIMEOUT)) {
                LayoutProfile profile = Scenarios.profile(other);
                for (int i = 0; i < 20; i++) {
                    long t0 = System.nanoTime();
                    int slots = new Walker(other).walk(TASK, profile).slots().size();
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    assertTrue(slots > 500, "walk " + i + ": " + slots + " slots");
                    assertTrue(ms < 2000, "walk " + i + " took " + ms + " ms beside the slow client");
                }
            }
            assertTrue(capsim.isAlive());
            assertTrue(slow.isConnected(), "the slow client is not thrown out either");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
