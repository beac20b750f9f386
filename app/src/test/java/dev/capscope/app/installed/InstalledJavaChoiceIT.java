package dev.capscope.app.installed;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which Java the installed launcher runs, and how it keeps the window's ahead-of-time cache on
 * Java 24 and later. The Javas are stand-ins (a release file and a bin/java that logs how it was
 * called), so the launcher's choices are seen without starting a window.
 */
class InstalledJavaChoiceIT {
    @TempDir
    Path tmp;
    private Path log;
    private Path jvmDir;
    private Path pathJava;

    @BeforeEach
    void javas() throws IOException {
        log = tmp.resolve("calls.log");
        jvmDir = Files.createDirectories(tmp.resolve("jvm"));
        standIn(jvmDir.resolve("jdk-17"), "17.0.15");
        standIn(jvmDir.resolve("jdk-25"), "25.0.3");
        pathJava = standIn(tmp.resolve("path-jdk-21"), "21.0.2");
    }

    /** A Java of that version at home: bin/java logs "VERSION ARGS", records and creates AOT files as asked. */
    private Path standIn(Path home, String version) throws IOException {
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"stand-in\"\nJAVA_VERSION=\"" + version + "\"\n");
        Path java = home.resolve("bin/java");
        Files.writeString(java, """
                #!/bin/sh
                echo "%s $*" >> '%s'
                for a in "$@"; do
                  case $a in
                    -XX:AOTMode=*) mode=${a#*=} ;;
                    -XX:AOTConfiguration=*) conf=${a#*=} ;;
                    -XX:AOTCache=*) cache=${a#*=} ;;
                  esac
                done
                [ "$mode" != record ] || echo recorded > "$conf"
                [ "$mode" != create ] || echo created > "$cache"
                exit 0
                """.formatted(version, log));
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }

    /** Runs the installed bin/capscope with the stand-ins; returns the calls of any Java, one per line. */
    private List<String> capscope(Map<String, String> env, String... args) throws Exception {
        Path home = Path.of(System.getProperty("capscope.home"));
        List<String> cmd = new java.util.ArrayList<>(List.of(home.resolve("bin/capscope").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> e = pb.environment();
        e.remove("JAVA_HOME");
        e.put("PATH", pathJava.resolve("bin") + ":/usr/bin:/bin");
        e.put("CAPSCOPE_JVM_DIR", jvmDir.toString());
        e.put("XDG_CACHE_HOME", tmp.resolve("cache").toString());
        e.put("CAPSCOPE_SERVER", "0");
        e.putAll(env);
        Files.deleteIfExists(log);
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "bin/capscope did not end");
        assertEquals(0, p.exitValue(), "the stand-in's exit status is the launcher's");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    @Test
    void theWindowTakesTheNewestJavaAndAllowsItsNativeAccess() throws Exception {
        List<String> calls = capscope(Map.of("CAPSCOPE_CDS", "0"));
        assertEquals(1, calls.size(), calls.toString());
        String call = calls.get(0);
        assertTrue(call.startsWith("25.0.3 "), "the newest Java, over PATH's 21: " + call);
        assertTrue(call.contains("--enable-native-access=javafx.graphics,ALL-UNNAMED")
                && call.contains("--sun-misc-unsafe-memory-access=allow"), call);
        assertTrue(call.endsWith("dev.capscope.app.Launcher"), call);
    }

    @Test
    void javaHomeIsTakenAsItIs() throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("CAPSCOPE_CDS", "0"));
        env.put("JAVA_HOME", jvmDir.resolve("jdk-17").toString());
        String call = capscope(env).get(0);
        assertTrue(call.startsWith("17.0.15 "), call);
        assertTrue(!call.contains("--enable-native-access") && !call.contains("-Xlog:aot"),
                "Java 17 gets no option it does not know: " + call);
    }

    @Test
    void theCommandLineKeepsPathsJava() throws Exception {
        String call = capscope(Map.of("CAPSCOPE_CDS", "0"), "--version").get(0);
        assertTrue(call.startsWith("21.0.2 "), call);
        assertTrue(call.contains("dev.capscope.app.Launcher --version"), call);
    }

    @Test
    void theCommandServerKeepsPathsJavaToo() throws Exception {
        // as capscope-client starts it: no arguments, the socket in the environment
        String call = capscope(Map.of("CAPSCOPE_CDS", "0", "CAPSCOPE_SERVE_ON", tmp.resolve("s.sock").toString())).get(0);
        assertTrue(call.startsWith("21.0.2 "), call);
        assertTrue(call.contains("dev.capscope.app.cli.server.CommandServer") && !call.contains("javafx"), call);
    }

    @Test
    void theFirstWindowRecordsAnAheadOfTimeCacheThatTheNextUses() throws Exception {
        List<String> first = capscope(Map.of());
        assertEquals(2, first.size(), "the window's run, then the cache's creation: " + first);
        assertTrue(first.get(0).contains("-XX:AOTMode=record -XX:AOTConfiguration="), first.get(0));
        String create = first.get(1);
        assertTrue(create.startsWith("25.0.3 -XX:AOTMode=create -XX:AOTConfiguration="), create);
        assertTrue(create.contains("--module-path") && create.contains("--add-modules javafx.controls,javafx.swing")
                && create.contains("-cp "), "created with the window's class path and modules: " + create);
        Path cache = tmp.resolve("cache/capscope");
        List<Path> files;
        try (Stream<Path> s = Files.list(cache)) {
            files = s.toList();
        }
        assertEquals(1, files.size(), "one cache and nothing left of its making: " + files);
        Path aot = files.get(0);
        assertTrue(aot.getFileName().toString().startsWith("capscope-gui-") && aot.toString().endsWith(".aot"), aot.toString());
        assertEquals("created\n", Files.readString(aot));

        List<String> second = capscope(Map.of());
        assertEquals(1, second.size(), second.toString());
        assertTrue(second.get(0).startsWith("25.0.3 -XX:AOTCache=" + aot + " "), second.get(0));
    }
}
