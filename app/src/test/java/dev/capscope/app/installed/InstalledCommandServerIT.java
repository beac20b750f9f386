package dev.capscope.app.installed;

import dev.capscope.bridge.CapsimProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The installed app folder (app/target/capscope, built in the package phase) as a user runs it:
 * bin/capscope hands printing commands to the command server through bin/capscope-client, which
 * starts the server on first use. Whatever path a command takes (the first run that records the
 * class archive, the run that starts the server, the served runs), it prints what a run without
 * the server prints, writes relative paths in the user's folder, and lets a reader stop early.
 */
class InstalledCommandServerIT {
    private static final String TASK = "init -> log_client";
    private static final Duration RUN = Duration.ofSeconds(120);
    private static CapsimProcess capsim;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void startTarget() {
        capsim = CapsimProcess.start(CapsimProcess.Options.of(CapsimProcess.findScenario("log-client")),
                Duration.ofSeconds(10));
    }

    @AfterAll
    static void stopTargetAndWaitForServers() throws Exception {
        capsim.close();
        // The servers this test started exit after 3 idle seconds and remove their sockets, and the
        // launcher of one that started without a class archive then dumps one: wait for both, so
        // that no process outlives the build or writes into a deleted folder.
        for (Path base : new Path[]{tmp, tmp.resolve("fresh")}) {
            waitForServersToEnd(base.resolve("run/capscope-server"));
            waitUntilNone(base.resolve("cache/capscope"), n -> n.contains(".tmp"), "a class archive dump did not finish");
        }
    }

    private static void waitForServersToEnd(Path servers) throws Exception {
        waitUntilNone(servers, n -> n.endsWith(".sock"), "a command server did not exit when idle");
    }

    /** Watches {@code folder} until no file whose name {@code matches} is left in it. */
    private static void waitUntilNone(Path folder, Predicate<String> matches, String failure) throws Exception {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (WatchService watch = folder.getFileSystem().newWatchService()) {
            folder.register(watch, StandardWatchEventKinds.ENTRY_DELETE);
            long deadline = System.nanoTime() + RUN.toNanos();
            while (count(folder, matches) > 0) {
                WatchKey key = watch.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                assertTrue(key != null, failure);
                key.pollEvents();
                key.reset();
            }
        }
    }

    private static long sockets(Path servers) throws IOException {
        return count(servers, n -> n.endsWith(".sock"));
    }

    private static long count(Path folder, Predicate<String> matches) throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> matches.test(p.getFileName().toString())).count();
        }
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run capscope(Map<String, String> env, String... args) throws Exception {
        Path home = Path.of(System.getProperty("capscope.home"));
        List<String> cmd = new ArrayList<>();
        cmd.add(home.resolve("bin/capscope").toString());
        cmd.addAll(List.of(args));
        Path work = Files.createDirectories(tmp.resolve("work"));
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile());
        pb.environment().putAll(environment());
        pb.environment().putAll(env);
        Process p = pb.start();
        assertTrue(p.waitFor(RUN.toSeconds(), TimeUnit.SECONDS), String.join(" ", args) + " did not end");
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static Map<String, String> environment() throws IOException {
        return environment(tmp);
    }

    /** Runtime folder and cache under {@code base}: another base is another user's first day. */
    private static Map<String, String> environment(Path base) throws IOException {
        Path run = Files.createDirectories(base.resolve("run"));
        return Map.of("XDG_RUNTIME_DIR", run.toString(), "XDG_CACHE_HOME", base.resolve("cache").toString(),
                "CAPSCOPE_JAVA_OPTS", "-Dcapscope.server.idleSeconds=3");
    }

    private static String withoutTimes(String s) {
        return s.replaceAll("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z", "(time)");
    }

    @Test
    void everyPathPrintsWhatARunWithoutTheServerPrints() throws Exception {
        String[] walk = {"walk", "--target", capsim.uri(), "--task", TASK};
        Run alone = capscope(Map.of("CAPSCOPE_SERVER", "0"), walk);
        assertEquals(0, alone.exit(), alone.err());
        assertTrue(alone.out().contains("task '" + TASK + "'"), alone.out());
        for (int i = 0; i < 4; i++) { // records the archive, starts the server, is served twice
            Run r = capscope(Map.of(), walk);
            assertEquals(alone, r, "run " + i);
        }
        assertTrue(sockets(tmp.resolve("run/capscope-server")) > 0, "a server is up");
        Run missing = capscope(Map.of(), "show", "no-such.json");
        Run missingAlone = capscope(Map.of("CAPSCOPE_SERVER", "0"), "show", "no-such.json");
        assertEquals(missingAlone, missing);
        assertEquals(2, missing.exit());
        Run json = capscope(Map.of(), "walk", "--json", "--target", capsim.uri(), "--task", TASK);
        Run jsonAlone = capscope(Map.of("CAPSCOPE_SERVER", "0"), "walk", "--json", "--target", capsim.uri(), "--task", TASK);
        assertEquals(withoutTimes(jsonAlone.out()), withoutTimes(json.out()));
    }

    @Test
    void aServerStartedWithoutTheClassArchiveRecordsItForTheNext() throws Exception {
        Path fresh = tmp.resolve("fresh");
        Map<String, String> env = environment(fresh);
        Path servers = fresh.resolve("run/capscope-server");
        Path cache = fresh.resolve("cache/capscope");
        String[] walk = {"walk", "--target", capsim.uri(), "--task", TASK};
        Run first = capscope(env, walk);
        assertEquals(0, first.exit(), first.err());
        assertEquals(1, sockets(servers), "the first command started the server");
        String firstServer = commandLineOfProcessNaming(servers.toString());
        assertTrue(!firstServer.contains("SharedArchiveFile"), "no archive to map yet: " + firstServer);

        waitForServersToEnd(servers); // idle for 3 s
        Path archive = waitForOneArchive(cache);

        Run second = capscope(env, walk);
        assertEquals(first, second);
        String server = commandLineOfProcessNaming(servers.toString());
        assertTrue(server.contains("-XX:SharedArchiveFile=" + archive), server);
    }

    /** The command line's archive, once the launcher of an ended server has written it. */
    private static Path waitForOneArchive(Path cache) throws Exception {
        Files.createDirectories(cache);
        try (WatchService watch = cache.getFileSystem().newWatchService()) {
            cache.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
            long deadline = System.nanoTime() + RUN.toNanos();
            while (cliArchives(cache).isEmpty()) {
                WatchKey key = watch.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                assertTrue(key != null, "no class archive was written after the server ended");
                key.pollEvents();
                key.reset();
            }
        }
        List<Path> archives = cliArchives(cache);
        assertEquals(1, archives.size(), archives.toString());
        return archives.get(0);
    }

    private static List<Path> cliArchives(Path cache) throws IOException {
        if (!Files.isDirectory(cache)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(cache)) {
            return s.filter(p -> p.getFileName().toString().matches("capscope-cli-.*\\.jsa")).toList();
        }
    }

    /** The command line (arguments joined by spaces) of the one process whose arguments name {@code part}. */
    private static String commandLineOfProcessNaming(String part) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                String line;
                try {
                    line = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
                } catch (IOException gone) {
                    continue;
                }
                if (line.contains(part) && line.contains("CommandServer")) {
                    found.add(line);
                }
            }
        }
        assertEquals(1, found.size(), "one server process: " + found);
        return found.get(0);
    }

    @Test
    void relativePathsAreTheUsersFolder() throws Exception {
        Run snap = capscope(Map.of(), "snapshot", "--target", capsim.uri(), "--task", TASK, "-o", "mine.json");
        assertEquals(0, snap.exit(), snap.err());
        assertTrue(Files.isRegularFile(tmp.resolve("work/mine.json")));
        Run shown = capscope(Map.of(), "show", "mine.json");
        assertEquals(0, shown.exit(), shown.err());
        assertTrue(shown.out().contains(TASK), shown.out());
    }

    @Test
    void aReaderThatStopsEarlyEndsTheCommand() throws Exception {
        capscope(Map.of(), "show", "--help"); // not served; the first served run below may start the server
        Path home = Path.of(System.getProperty("capscope.home"));
        for (int i = 0; i < 2; i++) {
            ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/capscope").toString(), "walk", "--target",
                    capsim.uri(), "--task", TASK).directory(Files.createDirectories(tmp.resolve("work")).toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            pb.environment().putAll(environment());
            Process p = pb.start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                assertTrue(r.readLine().startsWith("task '"), "first line");
            } // closed after one line, like "| head -1"
            assertTrue(p.waitFor(RUN.toSeconds(), TimeUnit.SECONDS), "the command ended once its reader left");
        }
        Run after = capscope(Map.of(), "targets", "--target", capsim.uri());
        assertEquals(0, after.exit(), after.err());
    }
}
