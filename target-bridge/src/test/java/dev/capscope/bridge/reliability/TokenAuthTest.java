package dev.capscope.bridge.reliability;

import dev.capscope.bridge.BridgeTarget;
import dev.capscope.bridge.CapsimProcess;
import dev.capscope.core.target.TargetException;
import dev.capscope.core.target.TargetException.Code;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
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
            for (String spelled : List.of("?Token=", "?TOKEN=", "?profile=x&token=", "?a=1&ToKeN=")) {
                try (BridgeTarget t = BridgeTarget.connect(uri + spelled + TOKEN, TIMEOUT)) {
                    assertEquals(uri, t.endpoint(), spelled);
                    assertTrue(t.taskRecords().size() > 1);
                }
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

    /**
     * A peer that is not an agent (a mistyped address: a web server, another program) answers the
     * HELLO with garbage: the connection fails, and neither the bytes it received nor the message
     * contain the token, however the query spells it.
     */
    @Test
    void theTokenGoesOnlyToAPeerThatAnsweredHello() throws Exception {
        Path sock = tmp.resolve("not-an-agent.sock");
        for (String spelled : List.of("?token=", "?Token=", "?x=1&token=")) {
            Files.deleteIfExists(sock);
            try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                server.bind(UnixDomainSocketAddress.of(sock));
                ByteArrayOutputStream received = new ByteArrayOutputStream();
                Thread peer = new Thread(() -> {
                    try (SocketChannel ch = server.accept()) {
                        ByteBuffer buf = ByteBuffer.allocate(4096);
                        int n = ch.read(buf); // the HELLO
                        received.write(buf.array(), 0, Math.max(0, n));
                        ch.write(ByteBuffer.wrap("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
                        buf.clear();
                        while ((n = ch.read(buf)) > 0) { // anything more the client sends, until it hangs up
                            received.write(buf.array(), 0, n);
                            buf.clear();
                        }
                    } catch (IOException e) {
                        // the client hung up
                    }
                });
                peer.start();
                TargetException e = assertThrows(TargetException.class,
                        () -> BridgeTarget.connect("unix:" + sock + spelled + TOKEN, TIMEOUT).close());
                peer.join(5000);
                assertFalse(peer.isAlive(), "the client hung up");
                String bytes = received.toString(StandardCharsets.ISO_8859_1);
                assertTrue(bytes.startsWith("CSCP"), "it sent a HELLO: " + bytes);
                assertFalse(bytes.contains(TOKEN), spelled + ": the token went to a peer that is no agent");
                assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
            }
        }
    }
}
