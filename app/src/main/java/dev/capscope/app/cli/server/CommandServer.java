package dev.capscope.app.cli.server;

import dev.capscope.app.UncaughtErrors;

import java.io.IOException;
import java.net.BindException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The resident command server (docs/cli.md, "Command server"): one JVM that stays up after a
 * command and runs the next ones the launcher's client hands it, so a short command such as
 * {@code capscope walk} does not pay a JVM start, class loading and cold code every time. It serves
 * one user and one working folder (the launcher keys its socket by both, and by the installation,
 * the Java runtime and the locale), only the commands that just print ({@link ServedRun}), and
 * exits after {@code capscope.server.idleSeconds} (default 600) without a command.
 *
 * <p>{@code CommandServer SOCKET [READY]}: binds SOCKET (its folder must be the user's alone), then
 * writes "ready" to READY (the client passes {@code /proc/self/fd/N}, a pipe it waits on). When
 * another server already answers on SOCKET it only says ready and exits.
 */
public final class CommandServer {
    /** How long a client may take to send its request once connected. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofMillis(Long.getLong("capscope.server.requestTimeoutMillis", 10_000));

    private final Path socket;
    private final ServerSocketChannel channel;
    private final Object fileKey;
    private final long idleNanos;
    private final ServedRun runner = new ServedRun(Path.of("").toAbsolutePath().toString());
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> daemon(r, "capscope-served"));
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "capscope-timer"));
    private int active;
    private long lastActivity = System.nanoTime();
    private boolean closing;

    private CommandServer(Path socket, ServerSocketChannel channel, Duration idle) throws IOException {
        this.socket = socket;
        this.channel = channel;
        this.fileKey = Files.readAttributes(socket, BasicFileAttributes.class).fileKey();
        this.idleNanos = idle.toNanos();
    }

    public static void main(String[] args) throws IOException {
        UncaughtErrors.install();
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: CommandServer SOCKET [READY] (started by bin/capscope, not by hand)");
            System.exit(2);
        }
        Path socket = Path.of(args[0]).toAbsolutePath();
        Duration idle = Duration.ofSeconds(Long.getLong("capscope.server.idleSeconds", 600));
        ServerSocketChannel channel;
        try {
            channel = bind(socket);
        } catch (AlreadyServed e) {
            ready(args); // the client connects to the server that answers
            return;
        } catch (IOException e) {
            System.err.println("capscope command server: cannot serve on " + socket + ": " + e.getMessage());
            System.exit(1);
            return;
        }
        CommandServer server = new CommandServer(socket, channel, idle);
        ready(args);
        // The first command, already waiting, runs beside the warm-up.
        daemon(server.runner::warmUp, "capscope-warm-up").start();
        server.serve();
    }

    private static void ready(String[] args) throws IOException {
        if (args.length == 2) {
            Files.write(Path.of(args[1]), "ready\n".getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** Another server answers on the socket already. */
    private static final class AlreadyServed extends IOException {
    }

    static ServerSocketChannel bind(Path socket) throws IOException {
        requirePrivateFolder(socket.getParent());
        UnixDomainSocketAddress address = UnixDomainSocketAddress.of(socket);
        for (int attempt = 0; ; attempt++) {
            ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                ch.bind(address);
                return ch;
            } catch (BindException e) {
                ch.close();
                if (attempt > 0 || answers(address)) {
                    throw new AlreadyServed();
                }
                Files.deleteIfExists(socket); // left by a server that is gone
            }
        }
    }

    private static boolean answers(UnixDomainSocketAddress address) {
        try (SocketChannel probe = SocketChannel.open(address)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Anyone who can open the socket can run commands as this user: its folder must be private. */
    private static void requirePrivateFolder(Path folder) throws IOException {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(folder);
        for (PosixFilePermission p : perms) {
            if (p.name().startsWith("GROUP") || p.name().startsWith("OTHERS")) {
                throw new IOException("its folder " + folder + " is open to other users (" + p
                        + "): make it private with chmod 700");
            }
        }
    }

    private void serve() throws IOException {
        long tick = Math.max(TimeUnit.MILLISECONDS.toNanos(50), idleNanos / 10);
        timers.scheduleWithFixedDelay(this::closeIfIdle, tick, tick, TimeUnit.NANOSECONDS);
        while (true) {
            SocketChannel client;
            try {
                client = channel.accept();
            } catch (ClosedChannelException e) {
                return; // closed when idle
            }
            synchronized (this) {
                if (closing) {
                    client.close();
                    return;
                }
                active++;
            }
            workers.execute(() -> {
                try {
                    runner.serve(client, timers, REQUEST_TIMEOUT);
                } finally {
                    finished();
                }
            });
        }
    }

    private synchronized void finished() {
        active--;
        lastActivity = System.nanoTime();
    }

    private void closeIfIdle() {
        synchronized (this) {
            if (active > 0 || System.nanoTime() - lastActivity < idleNanos) {
                return;
            }
            closing = true;
        }
        try {
            channel.close();
            // Only our own socket file: a newer server may have replaced it.
            if (fileKey != null && fileKey.equals(Files.readAttributes(socket, BasicFileAttributes.class).fileKey())) {
                Files.deleteIfExists(socket);
            }
        } catch (IOException e) {
            // gone already, or replaced: nothing of ours to remove
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
