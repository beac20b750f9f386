package dev.capscope.app.cli.server;

import dev.capscope.app.cli.CapscopeCli;
import dev.capscope.bridge.BridgeTarget;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One connection to the command server: reads the request, runs the command as the launcher's
 * JVM would ({@link CapscopeCli#run(String[], PrintWriter, PrintWriter)}) with its output and error
 * sent back as frames, then the exit code. A command the server does not serve (one that asks,
 * runs until stopped or opens the window), or a client in another folder, gets "run it yourself".
 */
final class ServedRun {
    private final String cwd;
    private final String user = System.getProperty("user.name");

    ServedRun(String cwd) {
        this.cwd = cwd;
    }

    /**
     * Loads the bridge library beside the first command's picocli set-up (as the command line's own
     * start does): most served commands talk to a target.
     */
    void warmUp() {
        BridgeTarget.loadLibrary();
    }

    void serve(SocketChannel client, ScheduledExecutorService timers, Duration requestTimeout) {
        try (client) {
            if (!sameUser(client)) {
                return;
            }
            Frames frames = new Frames(Channels.newOutputStream(client));
            ServerRequest request;
            // A client that connects and never sends its request must not hold a thread forever.
            ScheduledFuture<?> guard = timers.schedule(() -> closeQuietly(client), requestTimeout.toMillis(),
                    TimeUnit.MILLISECONDS);
            try {
                request = ServerRequest.read(Channels.newInputStream(client));
            } catch (ServerRequest.Malformed e) {
                refuse(frames, e.getMessage());
                return;
            } finally {
                guard.cancel(false);
            }
            if (!request.cwd().equals(cwd) || !CapscopeCli.servable(request.argv())) {
                frames.fallback();
                return;
            }
            frames.exit(run(request.argv(), frames));
        } catch (IOException e) {
            // the client went away (Ctrl-C, a closed pipe): there is no one to tell
        }
    }

    private static int run(String[] args, Frames frames) {
        PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(frames.stream(Frames.OUT)), 1 << 16), false);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(frames.stream(Frames.ERR)), true);
        try {
            return CapscopeCli.run(args, out, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static void refuse(Frames frames, String why) throws IOException {
        byte[] sentence = ("capscope: the command server refused the request: " + why + "\n").getBytes(StandardCharsets.UTF_8);
        frames.send(Frames.ERR, sentence, 0, sentence.length);
        frames.exit(2);
    }

    /** The socket's folder is private already; this also holds if someone opened it up. */
    private boolean sameUser(SocketChannel client) throws IOException {
        UnixDomainPrincipal peer = client.getOption(ExtendedSocketOptions.SO_PEERCRED);
        return peer != null && peer.user().getName().equals(user);
    }

    private static void closeQuietly(SocketChannel client) {
        try {
            client.close();
        } catch (IOException e) {
            // closing is all that was asked
        }
    }
}
