package dev.capscope.bridge;

import dev.capscope.bridge.testing.WireAgent;
import dev.capscope.core.testing.InMemoryTarget;
import dev.capscope.core.testing.SampleSnapshots;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static dev.capscope.bridge.testing.WireNumbers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The promises of docs/protocol.md that issue 18 found broken, asked of both implementations of
 * the agent side: capsim (C) and {@link WireAgent} (Java, written from the document). Each probe
 * is a short conversation on a fresh connection; the expected statuses and closes are the
 * document's, so a disagreement of either with the text fails here.
 */
class ProtocolPromisesTest {
    private static final String TOKEN = "Promise-t0ken";
    private static final Duration WAIT = Duration.ofSeconds(3);

    @TempDir
    Path tmp;

    /** One request and what the document says comes back: a status, and whether the agent closes. */
    record Step(int opcode, byte[] payload, int status, boolean closes) {
    }

    private static byte[] bytes(Function<ByteBuffer, ByteBuffer> fill) {
        ByteBuffer b = fill.apply(ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN)).flip();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private static ByteBuffer str(ByteBuffer b, byte[] s) {
        return b.putShort((short) s.length).put(s);
    }

    private static byte[] hello(byte[] name) {
        return bytes(b -> str(b.putShort((short) 1), name));
    }

    private static byte[] auth(String token) {
        return bytes(b -> str(b, token.getBytes(StandardCharsets.US_ASCII)));
    }

    private static final byte[] HELLO = hello("promises".getBytes(StandardCharsets.US_ASCII));
    private static final byte[] NONE = new byte[0];
    private static final byte[] MALFORMED_AUTH = bytes(b -> str(b, TOKEN.getBytes(StandardCharsets.US_ASCII)).put((byte) 0));

    /** On a target with a token (§3 0x08). */
    static List<List<Step>> tokenConversations() {
        return List.of(
                List.of(new Step(OP_HELLO, HELLO, ST_OK, false), new Step(OP_TASKS, NONE, ST_UNAUTHORIZED, true)),
                List.of(new Step(OP_AUTH, auth(""), ST_UNAUTHORIZED, true)),
                List.of(new Step(OP_AUTH, auth("wrong"), ST_UNAUTHORIZED, true)),
                List.of(new Step(OP_AUTH, MALFORMED_AUTH, ST_UNAUTHORIZED, true)),
                List.of(new Step(OP_AUTH, auth(TOKEN), ST_OK, false), new Step(OP_TASKS, NONE, ST_OK, false),
                        new Step(OP_AUTH, auth(TOKEN), ST_OK, false),
                        new Step(OP_AUTH, auth("wrong"), ST_UNAUTHORIZED, true)));
    }

    /** On a read-only target without a token ("Order of checks", §3 0x08, §3.1). */
    static List<List<Step>> readOnlyConversations() {
        byte[] longLabel = "x".repeat(300).getBytes(StandardCharsets.US_ASCII);
        byte[] createSession = bytes(b -> {
            b.putInt(2).putShort((short) 0x3a0).putLong(0);
            str(b, "LOG".getBytes(StandardCharsets.US_ASCII));
            str(b, longLabel);
            str(b, NONE);
            return str(b, NONE);
        });
        byte[] unmapPast = bytes(b -> b.putInt(2).putShort((short) 5000).put((byte) 0).put((byte) 0));
        byte[] unmapShort = bytes(b -> b.putInt(2).putShort((short) 5).put((byte) 0));
        byte[] leaseTooLong = bytes(b -> b.putInt(2).putLong(1).putInt(700_000));
        byte[] generationOver = bytes(b -> b.putShort((short) 300));
        byte[] generationShort = bytes(b -> b.putShort((short) 1));
        byte[] notUtf8 = hello(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});
        return List.of(
                List.of(new Step(OP_AUTH, MALFORMED_AUTH, ST_BAD_LENGTH, false), new Step(OP_HELLO, HELLO, ST_OK, false)),
                List.of(new Step(OP_AUTH, auth(""), ST_OK, false), new Step(OP_AUTH, auth("anything"), ST_OK, false)),
                List.of(new Step(OP_CREATE_SESSION, createSession, ST_REFUSED, false),
                        new Step(OP_UNMAP, unmapPast, ST_REFUSED, false),
                        new Step(OP_LEASE_ACQUIRE, leaseTooLong, ST_REFUSED, false),
                        new Step(OP_UNMAP, unmapShort, ST_BAD_LENGTH, false)),
                List.of(new Step(OP_GENERATION, generationOver, ST_COUNT_LIMIT, false),
                        new Step(OP_GENERATION, generationShort, ST_BAD_LENGTH, false)),
                List.of(new Step(OP_HELLO, notUtf8, ST_OK, false)));
    }

    @Test
    void capsimKeepsThePromises() throws Exception {
        Path sock = tmp.resolve("token.sock");
        Process p = new ProcessBuilder(CapsimProcess.findBinary().toString(), "--scenario",
                CapsimProcess.findScenario("log-client").toString(), "--listen", "unix:" + sock, "--token", TOKEN)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("listening unix:" + sock, out.readLine());
            check("capsim --token", sock, tokenConversations());
        } finally {
            p.destroy();
            p.waitFor();
        }
        try (CapsimProcess ro = CapsimProcess.start(CapsimProcess.Options.of(CapsimProcess.findScenario("log-client")), WAIT)) {
            check("capsim read-only", Path.of(ro.uri().substring("unix:".length())), readOnlyConversations());
        }
    }

    @Test
    void theJavaAgentKeepsThePromises() throws Exception {
        InMemoryTarget memory = new InMemoryTarget("memory:promises", "in-memory kernel", "genode-foc-19")
                .addTask(SampleSnapshots.logClient().space()).addTask(SampleSnapshots.init().space())
                .restoreAllowed(false);
        try (WireAgent agent = new WireAgent(memory).token(TOKEN)) {
            check("WireAgent with a token", Path.of(agent.uri().substring("unix:".length())), tokenConversations());
        }
        try (WireAgent agent = new WireAgent(memory)) {
            check("WireAgent read-only", Path.of(agent.uri().substring("unix:".length())), readOnlyConversations());
        }
    }

    private static void check(String who, Path socket, List<List<Step>> conversations) throws IOException {
        List<String> broken = new ArrayList<>();
        for (List<Step> conversation : conversations) {
            try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                ch.connect(UnixDomainSocketAddress.of(socket));
                int id = 1;
                for (Step step : conversation) {
                    int status = call(ch, step.opcode(), id++, step.payload());
                    boolean closed = closedSoon(ch, step.closes());
                    if (status != step.status() || closed != step.closes()) {
                        broken.add(String.format("opcode 0x%02x: status %d%s, the document says %d%s", step.opcode(),
                                status, closed ? " and closed" : "", step.status(), step.closes() ? " and closed" : ""));
                    }
                    if (closed) {
                        break;
                    }
                }
            }
        }
        assertTrue(broken.isEmpty(), who + " disagrees with docs/protocol.md: " + broken);
    }

    /** Sends one request frame and reads its answer; returns the status (-1 when the connection closed first). */
    private static int call(SocketChannel ch, int opcode, int id, byte[] payload) throws IOException {
        ByteBuffer f = ByteBuffer.allocate(PROTO_HEADER_SIZE + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        f.putInt(PROTO_MAGIC).putShort((short) PROTO_VERSION).putShort((short) opcode).putInt(id).putShort((short) 0)
                .putShort((short) 0).putInt(payload.length).put(payload).flip();
        while (f.hasRemaining()) {
            ch.write(f);
        }
        ByteBuffer hdr = read(ch, PROTO_HEADER_SIZE);
        if (hdr == null) {
            return -1;
        }
        assertEquals(opcode, Short.toUnsignedInt(hdr.getShort(PROTO_OFF_OPCODE)), "echoed opcode");
        assertEquals(id, hdr.getInt(PROTO_OFF_ID), "echoed request id");
        if (read(ch, hdr.getInt(PROTO_OFF_LENGTH)) == null) {
            return -1;
        }
        return Short.toUnsignedInt(hdr.getShort(12));
    }

    private static ByteBuffer read(SocketChannel ch, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) {
                return null;
            }
        }
        return b.flip();
    }

    /**
     * Whether the agent closes the connection: waits for end of file up to WAIT when a close is
     * expected, else checks that a HELLO still gets its answer (an open connection answers).
     */
    private static boolean closedSoon(SocketChannel ch, boolean expectClose) throws IOException {
        if (!expectClose) {
            return call(ch, OP_HELLO, 999, HELLO) < 0;
        }
        ch.configureBlocking(false);
        try (Selector sel = Selector.open()) {
            ch.register(sel, SelectionKey.OP_READ);
            long end = System.nanoTime() + WAIT.toNanos();
            ByteBuffer b = ByteBuffer.allocate(256);
            while (System.nanoTime() < end) {
                sel.select(Math.max(1, (end - System.nanoTime()) / 1_000_000));
                sel.selectedKeys().clear();
                b.clear();
                int n;
                try {
                    n = ch.read(b);
                } catch (IOException e) {
                    return true; // reset: closed too
                }
                if (n < 0) {
                    return true;
                }
            }
            return false;
        } finally {
            ch.configureBlocking(true);
        }
    }
}
