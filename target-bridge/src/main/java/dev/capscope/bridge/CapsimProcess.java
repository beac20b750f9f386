package dev.capscope.bridge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * capsim, the simulated target, as a child process: started for a scenario, ready once it prints
 * {@code listening <uri>}, driven through its stdin commands ({@code open-session}, {@code
 * churn-step}, {@code dump}, ...), stopped with {@code quit} (killed if it does not go).
 *
 * <p>Where the binary and the scenarios are found: {@link CapsimFiles}; what it prints:
 * {@link CapsimOutput}.
 */
public final class CapsimProcess implements AutoCloseable {
    private static final String READY = "listening ";

    private final Process process;
    private final String uri;
    private final Path socketDir;
    private final Writer stdin;
    private final CapsimOutput output;

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
        this.output = new CapsimOutput(process, this::describeExit);
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
        return output.awaitLine(match, timeout);
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

    /** Where capsim is ({@link CapsimFiles#binary}). */
    public static Path findBinary() {
        return CapsimFiles.binary();
    }

    /** A scenario by file path or by name ({@link CapsimFiles#scenario}). */
    public static Path findScenario(String nameOrFile) {
        return CapsimFiles.scenario(nameOrFile);
    }

    /** The scenario files of a samples directory, sorted by name ({@link CapsimFiles#scenarioFiles}). */
    public static List<Path> scenarioFiles(Path dir) {
        return CapsimFiles.scenarioFiles(dir);
    }
}
