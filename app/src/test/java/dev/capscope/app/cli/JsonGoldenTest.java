package dev.capscope.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.capscope.bridge.CapsimProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One representative {@code --json} output per command, pinned in src/test/resources/golden: a
 * change to what a command prints fails here (and, through {@link CliRun}, against the schema).
 * Only what cannot repeat is replaced (times, socket and temporary paths, the build's version).
 * After an intended change, rerun with -Dcapscope.golden.update=true and review the diff in git.
 */
class JsonGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Path GENODE = CliRun.samples().resolve("recorded").resolve("genode-25.02-foc");
    private static final String TASK = "init -> log_client";

    @TempDir
    Path tmp;

    @Test
    void show() throws IOException {
        assertGolden("show", run(0, "show", "--json", CliRun.sample("log-client.json")), d -> { });
    }

    @Test
    void diff() throws IOException {
        assertGolden("diff", run(1, "diff", "--json", CliRun.sample("log-client.json"),
                CliRun.sample("log-client-after.json")), d -> { });
    }

    @Test
    void lint() throws IOException {
        assertGolden("lint", run(1, "lint", "--json", CliRun.sample("leaky.json")), d -> { });
    }

    @Test
    void targets() throws IOException {
        try (RecordedSerialTarget target = RecordedSerialTarget.start(GENODE.resolve("transcript.txt"), "targets", tmp)) {
            assertGolden("targets", run(0, "targets", "--target", target.uri(), "--json"),
                    d -> ((ObjectNode) d.get("target")).put("endpoint", "serial:PTY"));
        }
    }

    @Test
    void walk() throws IOException {
        try (RecordedSerialTarget target = RecordedSerialTarget.start(GENODE.resolve("transcript.txt"),
                "walk log_client", tmp)) {
            assertGolden("walk", run(0, "walk", "--target", target.uri(), "--task", "log_client", "--json"),
                    JsonGoldenTest::withoutWhenAndWhere);
        }
    }

    @Test
    void migrate() throws IOException {
        Path file = tmp.resolve("hello.json");
        Files.copy(MigrateCommandTest.OLD, file);
        assertGolden("migrate", run(0, "migrate", "--json", file.toString()), d -> { });
    }

    @Test
    void restoreDryRunAndRestore() throws IOException {
        CapsimProcess.Options o = CapsimProcess.Options.of(CapsimProcess.findScenario("log-client")).allowRestore(true);
        try (CapsimProcess capsim = CapsimProcess.start(o, Duration.ofSeconds(5))) {
            Path wanted = tmp.resolve("wanted.json");
            assertEquals(0, CliRun.of("snapshot", "--target", capsim.uri(), "--task", TASK, "-o", wanted.toString()).exit());
            command(capsim, "open-session 2 LOG extra-log");
            command(capsim, "close-session 2 0x306");
            Consumer<JsonNode> normalize = d -> ((ObjectNode) d).put("target", "unix:SOCKET");
            assertGolden("restore-dry-run", run(0, "restore", wanted.toString(), "--target", capsim.uri(),
                    "--task", TASK, "--dry-run", "--json"), normalize);
            assertGolden("restore", run(0, "restore", wanted.toString(), "--target", capsim.uri(),
                    "--task", TASK, "--yes", "--json"), normalize);
        }
    }

    private static void command(CapsimProcess capsim, String line) {
        capsim.send(line);
        String answer = capsim.awaitLine(l -> l.startsWith("ok") || l.startsWith("error"), Duration.ofSeconds(5));
        assertTrue(answer.startsWith("ok"), line + " -> " + answer);
    }

    private static String run(int exit, String... args) {
        CliRun r = CliRun.of(args); // validates against the schema
        assertEquals(exit, r.exit(), r.out() + r.err());
        return r.out();
    }

    private static void withoutWhenAndWhere(JsonNode snapshot) {
        ObjectNode meta = (ObjectNode) snapshot.get("meta");
        meta.put("name", "NAME");
        meta.put("takenAt", "2026-01-01T00:00:00Z");
        meta.put("endpoint", "serial:PTY");
        meta.put("toolVersion", "capscope VERSION");
    }

    /** Paths that differ per checkout and run: the samples folder and the test's temporary folder. */
    private String withoutLocalPaths(String output) {
        return output.replace(CliRun.samples().toString(), "SAMPLES").replace(tmp.toString(), "TMP");
    }

    private void assertGolden(String name, String output, Consumer<JsonNode> normalize) throws IOException {
        JsonNode doc = JSON.readTree(withoutLocalPaths(output));
        normalize.accept(doc);
        String actual = JSON.writeValueAsString(doc) + "\n";
        Path file = GOLDEN.resolve(name + ".json");
        if (Boolean.getBoolean("capscope.golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(file), "no golden file " + file + "; run once with -Dcapscope.golden.update=true");
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual,
                "--json of " + name + " differs from " + file + " (an intended change: update it and, if the change"
                        + " breaks the schema, move the schema version)");
    }
}
