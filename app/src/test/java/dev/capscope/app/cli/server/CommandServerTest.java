package dev.capscope.app.cli.server;

import dev.capscope.app.cli.CapscopeCli;
import dev.capscope.bridge.CapsimProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command server as a process of its own, spoken to through the test's own client of the
 * wire: it answers exactly what the command line answers in-process, in the client's folder,
 * declines what it must not run, and survives clients that break the wire.
 */
class CommandServerTest {
    private static final String TASK = "init -> log_client";
    private static CapsimProcess capsim;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startTarget() {
        capsim = CapsimProcess.start(CapsimProcess.Options.of(CapsimProcess.findScenario("log-client")),
                Duration.ofSeconds(10));
    }

    @AfterAll
    static void stopTarget() {
        capsim.close();
    }

    private static String sample(String name) {
        return Path.of(System.getProperty("capscope.samples.dir", "../samples"), "snapshots", name)
                .toAbsolutePath().toString();
    }

    private ServerProcess server(String... jvmOptions) throws Exception {
        Path work = Files.createDirectories(tmp.resolve("work"));
        return ServerProcess.start(ServerProcess.privateFolder(tmp).resolve("s.sock"), work, jvmOptions);
    }

    /** The same arguments run in this JVM, as bin/capscope without a server would run them. */
    private static ServerClient.Answer inProcess(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = CapscopeCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new ServerClient.Answer(out.toString(), err.toString(), exit, false);
    }

    @Test
    void answersExactlyAsTheCommandLineDoes() throws Exception {
        Path malformed = Files.writeString(tmp.resolve("bad.json"), "{\"schemaVersion\": \"1.0\", \"space\": [");
        List<String[]> commands = List.of(
                new String[] {"walk", "--target", capsim.uri(), "--task", TASK},
                new String[] {"walk", "--json", "--target", capsim.uri(), "--task", TASK},
                new String[] {"targets", "--target", capsim.uri()},
                new String[] {"walk", "--target", capsim.uri(), "--task", "no such task"},
                new String[] {"show", sample("log-client.json")},
                new String[] {"diff", sample("log-client.json"), sample("log-client-after.json")},
                new String[] {"lint", malformed.toString()},
                new String[] {"walk", "--no-such-option"});
        try (ServerProcess server = server()) {
            for (String[] args : commands) {
                ServerClient.Answer served = server.run(args);
                ServerClient.Answer direct = inProcess(args);
                String what = String.join(" ", args);
                assertEquals(withoutTimes(direct), withoutTimes(served), what);
                assertFalse(served.out().isEmpty() && served.err().isEmpty(), what + " printed nothing");
            }
            assertTrue(server.process.isAlive(), server.log());
        }
    }

    /** A walk's snapshot names the moment it was taken; two walks differ in that alone. */
    private static ServerClient.Answer withoutTimes(ServerClient.Answer a) {
        String instant = "\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z";
        return new ServerClient.Answer(a.out().replaceAll(instant, "(time)"), a.err().replaceAll(instant, "(time)"),
                a.exit(), a.fallback());
    }

    @Test
    void pathsAreTheClientsFolder() throws Exception {
        try (ServerProcess server = server()) {
            ServerClient.Answer snap = server.run("snapshot", "--target", capsim.uri(), "--task", TASK, "-o", "snap.json");
            assertEquals(0, snap.exit(), snap.err());
            assertTrue(Files.isRegularFile(server.cwd.resolve("snap.json")), "written in the client's folder");
            ServerClient.Answer shown = server.run("show", "snap.json");
            assertEquals(inProcess("show", server.cwd.resolve("snap.json").toString()).out(), shown.out());
        }
    }

    @Test
    void declinesWhatItMustNotRun() throws Exception {
        try (ServerProcess server = server()) {
            for (String[] args : List.of(new String[] {"restore", sample("log-client.json")},
                    new String[] {"record", "--target", capsim.uri(), "-o", "r.rec"}, new String[] {"demo"},
                    new String[] {"walk", "--help"}, new String[] {"--version"}, new String[] {},
                    new String[] {"gui"}, new String[] {sample("log-client.json")})) {
                assertTrue(server.run(args).fallback(), String.join(" ", args));
            }
            // Another folder: relative paths would resolve against the wrong one.
            ServerClient.Answer elsewhere = ServerClient.run(server.socket, tmp, "show", sample("log-client.json"));
            assertTrue(elsewhere.fallback());
            assertFalse(Files.exists(server.cwd.resolve("r.rec")));
        }
    }

    @Test
    void brokenRequestsGetASentenceAndTheServerGoesOn() throws Exception {
        try (ServerProcess server = server("-Dcapscope.server.requestTimeoutMillis=300")) {
            assertRefused(server, "HTTP/1.1 GET /\r\n\r\n".getBytes(StandardCharsets.US_ASCII), "does not start with CSR1");
            assertRefused(server, bytes("CSR1", 0x7fffffff), "length 2147483647 is outside");
            assertRefused(server, bytes("CSR1", 3, 1, 'a', 0), "flags byte is 0x1");
            assertRefused(server, bytes("CSR1", 3, 0, 'a', 'b'), "not NUL-terminated");
            assertRefused(server, bytes("CSR1", 3, 0, 0, 0), "names no working folder");
            // Cut short: the client stops sending and says so.
            try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(server.socket))) {
                ch.write(ByteBuffer.wrap(bytes("CSR1", 100, 0, '/')));
                ch.shutdownOutput();
                assertTrue(readAll(ch).contains("ended early"));
            }
            // Silent: closed after the request timeout, without an answer.
            try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(server.socket))) {
                assertEquals("", readAll(ch));
            }
            assertEquals(0, server.run("show", sample("log-client.json")).exit());
            assertTrue(server.process.isAlive());
        }
    }

    private static void assertRefused(ServerProcess server, byte[] request, String why) throws IOException {
        ServerClient.Answer a = ServerClient.exchange(server.socket, request);
        assertEquals(2, a.exit());
        assertTrue(a.err().startsWith("capscope: the command server refused the request: "), a.err());
        assertTrue(a.err().contains(why), a.err());
    }

    private static byte[] bytes(String magic, int length, int... rest) {
        ByteBuffer b = ByteBuffer.allocate(8 + rest.length);
        b.put(magic.getBytes(StandardCharsets.US_ASCII)).putInt(length);
        for (int r : rest) {
            b.put((byte) r);
        }
        return b.array();
    }

    private static String readAll(SocketChannel ch) throws IOException {
        return new String(java.nio.channels.Channels.newInputStream(ch).readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void concurrentCommandsDoNotMix() throws Exception {
        String[] walk = {"walk", "--target", capsim.uri(), "--task", TASK};
        String[] show = {"show", sample("log-client.json")};
        ServerClient.Answer walked = inProcess(walk);
        ServerClient.Answer shown = inProcess(show);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (ServerProcess server = server()) {
            List<Future<ServerClient.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String[] args = i % 2 == 0 ? walk : show;
                answers.add(pool.submit(() -> server.run(args)));
            }
            for (int i = 0; i < answers.size(); i++) {
                assertEquals(i % 2 == 0 ? walked : shown, answers.get(i).get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void exitsWhenIdleAndTakesItsSocketAlong() throws Exception {
        try (ServerProcess server = server("-Dcapscope.server.idleSeconds=1")) {
            assertEquals(0, server.run("show", sample("log-client.json")).exit());
            assertTrue(server.process.waitFor(60, TimeUnit.SECONDS), "still running after a minute idle");
            assertEquals(0, server.process.exitValue(), server.log());
            assertFalse(Files.exists(server.socket));
        }
    }

    @Test
    void aSecondServerDefersToTheFirst() throws Exception {
        try (ServerProcess first = server()) {
            try (ServerProcess second = ServerProcess.start(first.socket, first.cwd)) {
                assertTrue(second.process.waitFor(60, TimeUnit.SECONDS));
                assertEquals(0, second.process.exitValue(), second.log());
            }
            assertEquals(0, first.run("show", sample("log-client.json")).exit());
        }
    }

    @Test
    void aSocketLeftByAServerThatIsGoneIsReplaced() throws Exception {
        Path socket = ServerProcess.privateFolder(tmp).resolve("s.sock");
        try (ServerSocketChannel gone = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            gone.bind(UnixDomainSocketAddress.of(socket));
        }
        assertTrue(Files.exists(socket), "closing a socket leaves its file");
        try (ServerProcess server = ServerProcess.start(socket, Files.createDirectories(tmp.resolve("work")))) {
            assertEquals(0, server.run("show", sample("log-client.json")).exit(), server.log());
        }
    }

    @Test
    void refusesAFolderOthersCanOpen() throws Exception {
        Path open = Files.createDirectories(tmp.resolve("open"));
        Files.setPosixFilePermissions(open, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        try (ServerProcess server = ServerProcess.start(open.resolve("s.sock"), Files.createDirectories(tmp.resolve("work")))) {
            assertTrue(server.process.waitFor(60, TimeUnit.SECONDS));
            assertEquals(1, server.process.exitValue());
            assertTrue(server.log().contains("its folder " + open + " is open to other users"), server.log());
            assertTrue(server.log().contains("chmod 700"), server.log());
            assertFalse(Files.exists(open.resolve("s.sock")));
        }
    }
}
