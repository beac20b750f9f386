package dev.capscope.bridge;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * capsim, the simulated target, as a child process: started for a scenario, ready once it prints
 * {@code listening <uri>}, driven through its stdin commands ({@code open-session}, {@code
 * churn-step}, {@code dump}, ...), stopped with {@code quit} (killed if it does not go).
 *
 * <p>The binary is {@code <capscope.native.dir>/bin/capsim} (set by the build for tests), else
 * {@code <capscope.home>/bin/capsim} (the installed app), else the build output
 * {@code target-bridge/target/native/bin/capsim} below the working directory or its parent.
 */
public final class CapsimProcess implements AutoCloseable {
    private static final String READY = "listening ";
    private static final int STDERR_LINES_KEPT = 40;
    private static final Object EOF = new Object();

    private final Process process;
    private final String uri;
    private final Path socketDir;
    private final Writer stdin;
    private final BlockingQueue<Object> stdout = new LinkedBlockingQueue<>();
    private final Deque<String> stderrTail = new ArrayDeque<>();

    /**
     * How to start capsim. {@code listen} null = a fresh Unix socket in a private temp directory;
     * {@code churnRate} null = no churn; {@code seed} null = capsim's default.
     */
    public record Options(Path scenario, String listen, String profile, Double churnRate, Long seed,
                          boolean allowRestore, String injectFault, Double idleTimeout) {
        public Options {
            Objects.requireNonNull(scenario, "scenario");
        }

        /** Without an idle timeout of its own: capsim's default applies. */
        public Options(Path scenario, String listen, String profile, Double churnRate, Long seed,
                       boolean allowRestore, String injectFault) {
            this(scenario, listen, profile, churnRate, seed, allowRestore, injectFault, null);
        }

        public static Options of(Path scenario) {
            return new Options(scenario, null, null, null, null, false, null, null);
        }

        public Options allowRestore(boolean allow) {
            return new Options(scenario, listen, profile, churnRate, seed, allow, injectFault, idleTimeout);
        }

        public Options listen(String uri) {
            return new Options(scenario, uri, profile, churnRate, seed, allowRestore, injectFault, idleTimeout);
        }

        public Options churn(double rate, long withSeed) {
            return new Options(scenario, listen, profile, rate, withSeed, allowRestore, injectFault, idleTimeout);
        }

        public Options profile(String name) {
            return new Options(scenario, listen, name, churnRate, seed, allowRestore, injectFault, idleTimeout);
        }

        public Options injectFault(String name) {
            return new Options(scenario, listen, profile, churnRate, seed, allowRestore, name, idleTimeout);
        }

        /** capsim closes connections idle this long (seconds; 0 = never). */
        public Options idleTimeout(double seconds) {
            return new Options(scenario, listen, profile, churnRate, seed, allowRestore, injectFault, seconds);
        }
    }

    private CapsimProcess(Process process, Path socketDir, Duration timeout) {
        this.process = process;
        this.socketDir = socketDir;
        this.stdin = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        pump(process.getInputStream(), "stdout", line -> stdout.add(line), () -> stdout.add(EOF));
        pump(process.getErrorStream(), "stderr", this::keepStderr, () -> { });
        String ready = awaitLine(l -> l.startsWith(READY), timeout);
        this.uri = ready.substring(READY.length()).trim();
    }

    /** Starts capsim and waits up to {@code timeout} for it to listen. */
    public static CapsimProcess start(Options options, Duration timeout) {
        Path binary = findBinary();
        Path socketDir = null;
        List<String> cmd = new ArrayList<>();
        cmd.add(binary.toString());
        cmd.add("--scenario");
        cmd.add(options.scenario().toString());
        cmd.add("--listen");
        try {
            if (options.listen() == null) {
                socketDir = Files.createTempDirectory("capsim-");
                cmd.add("unix:" + socketDir.resolve("capsim.sock"));
            } else {
                cmd.add(options.listen());
            }
            addOption(cmd, "--profile", options.profile());
            addOption(cmd, "--churn", options.churnRate() == null ? null : Double.toString(options.churnRate()));
            addOption(cmd, "--seed", options.seed() == null ? null : Long.toString(options.seed()));
            addOption(cmd, "--inject-fault", options.injectFault());
            addOption(cmd, "--idle-timeout", options.idleTimeout() == null ? null : Double.toString(options.idleTimeout()));
            if (options.allowRestore()) {
                cmd.add("--allow-restore");
            }
            // We hold capsim's stdin: when this JVM goes, however it goes, capsim sees EOF and exits.
            cmd.add("--exit-on-stdin-eof");
            Process p = new ProcessBuilder(cmd).start();
            try {
                return new CapsimProcess(p, socketDir, timeout);
            } catch (RuntimeException e) {
                p.destroyForcibly();
                throw e;
            }
        } catch (IOException e) {
            deleteQuietly(socketDir);
            throw new UncheckedIOException("cannot start " + binary + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(socketDir);
            throw e;
        }
    }

    private static void addOption(List<String> cmd, String name, String value) {
        if (value != null) {
            cmd.add(name);
            cmd.add(value);
        }
    }

    /** The address to attach to, as capsim printed it (e.g. {@code unix:/tmp/capsim-1/capsim.sock}). */
    public String uri() {
        return uri;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Sends one stdin command line (e.g. {@code churn-step}). */
    public synchronized void send(String command) {
        try {
            stdin.write(command);
            stdin.write('\n');
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("capsim no longer takes commands (" + describeExit() + ")", e);
        }
    }

    /**
     * Waits for the next stdout line that matches; lines before it are dropped. Fails when capsim
     * exits or nothing matches within the timeout.
     */
    public String awaitLine(Predicate<String> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                Object line = left <= 0 ? null : stdout.poll(left, TimeUnit.NANOSECONDS);
                if (line == null) {
                    throw new IllegalStateException("capsim printed nothing expected within " + timeout.toMillis()
                            + " ms" + stderrSuffix());
                }
                if (line == EOF) {
                    stdout.add(EOF); // later waits fail too
                    throw new IllegalStateException("capsim exited (" + describeExit() + ")" + stderrSuffix());
                }
                if (match.test((String) line)) {
                    return (String) line;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for capsim", e);
        }
    }

    /**
     * Sends a command whose answer is a block of lines ending with a line equal to {@code end}
     * (e.g. {@code dump TASK} ... {@code end}); returns the lines before it.
     */
    public List<String> query(String command, String end, Duration timeout) {
        send(command);
        List<String> lines = new ArrayList<>();
        awaitLine(l -> {
            if (l.equals(end)) {
                return true;
            }
            lines.add(l);
            return false;
        }, timeout);
        return lines;
    }

    /** Kills capsim at once (SIGKILL), as a crashing target would go. */
    public void kill() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(5));
    }

    /** Asks capsim to quit, then terminates and kills it if it lingers; removes its socket directory. */
    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                send("quit");
            } catch (UncheckedIOException ignored) {
                // already going
            }
            if (!waitFor(Duration.ofSeconds(2))) {
                process.destroy();
                if (!waitFor(Duration.ofSeconds(2))) {
                    kill();
                }
            }
        }
        deleteQuietly(socketDir);
    }

    private boolean waitFor(Duration d) {
        try {
            return process.waitFor(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String describeExit() {
        return process.isAlive() ? "still running" : "exit status " + process.exitValue();
    }

    private synchronized void keepStderr(String line) {
        if (stderrTail.size() == STDERR_LINES_KEPT) {
            stderrTail.removeFirst();
        }
        stderrTail.addLast(line);
    }

    private synchronized String stderrSuffix() {
        return stderrTail.isEmpty() ? "" : "; its stderr ends with:\n  " + String.join("\n  ", stderrTail);
    }

    private static void pump(InputStream in, String name, java.util.function.Consumer<String> sink, Runnable atEnd) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    sink.accept(line);
                }
            } catch (IOException ignored) {
                // the process went away; atEnd reports it
            } finally {
                atEnd.run();
            }
        }, "capsim-" + name);
        t.setDaemon(true);
        t.start();
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }

    /** Where capsim is, by the order in the class comment; fails with the places it looked. */
    public static Path findBinary() {
        List<Path> candidates = new ArrayList<>();
        String nativeDir = System.getProperty("capscope.native.dir");
        if (nativeDir != null) {
            candidates.add(Path.of(nativeDir, "bin", "capsim"));
        }
        String home = System.getProperty("capscope.home");
        if (home != null) {
            candidates.add(Path.of(home, "bin", "capsim"));
        }
        Path cwd = Path.of("").toAbsolutePath();
        candidates.add(cwd.resolve("target-bridge/target/native/bin/capsim"));
        candidates.add(cwd.resolve("target/native/bin/capsim"));
        if (cwd.getParent() != null) {
            candidates.add(cwd.getParent().resolve("target-bridge/target/native/bin/capsim"));
        }
        for (Path p : candidates) {
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new IllegalStateException("capsim not found; looked at " + candidates
                + " (build it with 'mvn -pl target-bridge -am package' or set -Dcapscope.home)");
    }

    /**
     * A scenario by file path, or by name in the samples' scenario directory ({@code
     * capscope.samples.dir}, {@code <capscope.home>/samples}, or {@code samples} near the working
     * directory); the name may omit the file extension.
     */
    public static Path findScenario(String nameOrFile) {
        Path direct = Path.of(nameOrFile);
        if (Files.isRegularFile(direct)) {
            return direct.toAbsolutePath();
        }
        List<Path> dirs = new ArrayList<>();
        String samples = System.getProperty("capscope.samples.dir");
        if (samples != null) {
            dirs.add(Path.of(samples, "scenarios"));
        }
        String home = System.getProperty("capscope.home");
        if (home != null) {
            dirs.add(Path.of(home, "samples", "scenarios"));
        }
        Path cwd = Path.of("").toAbsolutePath();
        dirs.add(cwd.resolve("samples/scenarios"));
        if (cwd.getParent() != null) {
            dirs.add(cwd.getParent().resolve("samples/scenarios"));
        }
        for (Path dir : dirs) {
            for (Path f : scenarioFiles(dir)) {
                String file = f.getFileName().toString();
                int dot = file.lastIndexOf('.');
                if (file.equals(nameOrFile) || (dot > 0 && file.substring(0, dot).equals(nameOrFile))) {
                    return f.toAbsolutePath();
                }
            }
        }
        throw new IllegalArgumentException("no scenario '" + nameOrFile + "' (looked in " + dirs
                + "; give a file path or one of the names there)");
    }

    /** The scenario files of the first samples directory that exists, sorted by name. */
    public static List<Path> scenarioFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var s = Files.list(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> !p.getFileName().toString().endsWith(".md"))
                    .sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
