package dev.capscope.app.cli.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A command server as its own process (the test's classpath, its own working folder), as the
 * launcher starts it, and what it printed (its log).
 */
final class ServerProcess implements AutoCloseable {
    static final Duration START = Duration.ofSeconds(30);

    final Path socket;
    final Path cwd;
    final Process process;
    final Path log;

    private ServerProcess(Path socket, Path cwd, Process process, Path log) {
        this.socket = socket;
        this.cwd = cwd;
        this.process = process;
        this.log = log;
    }

    /** A private folder for sockets under {@code tmp}, as the client makes it. */
    static Path privateFolder(Path tmp) throws IOException {
        Path folder = tmp.resolve("servers");
        Files.createDirectories(folder);
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        return folder;
    }

    /** Starts a server on {@code socket} in {@code cwd} and waits until it says ready (or exits). */
    static ServerProcess start(Path socket, Path cwd, String... jvmOptions) throws IOException, InterruptedException {
        Path ready = Files.createTempFile(cwd, "ready", ".txt");
        Path log = Files.createTempFile(cwd, "server", ".log");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.addAll(List.of(jvmOptions));
        cmd.add(CommandServer.class.getName());
        cmd.add(socket.toString());
        cmd.add(ready.toString());
        Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        ServerProcess server = new ServerProcess(socket, cwd.toRealPath(), p, log);
        long deadline = System.nanoTime() + START.toNanos();
        while (!Files.readString(ready, StandardCharsets.US_ASCII).equals("ready\n")) {
            if (p.waitFor(20, TimeUnit.MILLISECONDS) || System.nanoTime() > deadline) {
                return server; // exited (the caller looks at why) or never ready (the caller's assertions fail)
            }
        }
        return server;
    }

    String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    ServerClient.Answer run(String... args) throws IOException {
        return ServerClient.run(socket, cwd, args);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
