package dev.capscope.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.capscope.bridge.testing.WireAgent;
import dev.capscope.core.model.Snapshot;
import dev.capscope.core.snapshot.SnapshotWriter;
import dev.capscope.core.testing.GenodeSpaceBuilder;
import dev.capscope.core.testing.InMemoryTarget;
import dev.capscope.core.testing.Spaces;
import dev.capscope.core.text.TerminalText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Names from a snapshot or a target that try to drive the terminal (retitle the window, clear the
 * screen, overwrite a line with "FAKE OK", forge a row, reverse text) are printed escaped, byte for
 * byte the same as a snapshot whose names are the escaped text itself; --json stays valid JSON.
 */
class TerminalEscapeTest {
    /** OSC title, BEL, CSI clear screen, CR, LF, a right-to-left override and a zero-width space. */
    static final String HOSTILE = "\u001b]0;pwned\u0007\u001b[2J\rFAKE OK\nforged\u202egnp.exe\u200b";
    static final String SHOWN = "\\x1b]0;pwned\\x07\\x1b[2J\\x0dFAKE OK\\x0aforged\\u202egnp.exe\\u200b";

    @TempDir
    Path dir;

    static Snapshot snapshot(String name, String badLabel) {
        GenodeSpaceBuilder b = new GenodeSpaceBuilder(Spaces.profile("genode-foc-19"), "init -> " + name, 7, 0x100);
        b.thread(name, "running");
        b.session("LOG", badLabel, "label=\"" + name + "\"", "core", 8192L);
        b.dataspace(name, 4096, name);
        return b.snapshot(name, Instant.parse("2026-11-29T22:00:00Z"), "unix:/tmp/" + name, "l4sim " + name, "test");
    }

    private Path write(String file, Snapshot s) throws Exception {
        Path p = dir.resolve(file);
        SnapshotWriter.write(s, p);
        return p;
    }

    private static void assertNothingUnsafe(String text) {
        text.codePoints().forEach(cp -> assertTrue(cp == '\n' || !TerminalText.unsafe(cp),
                () -> String.format("raw U+%04X reached the terminal: %s", cp, text)));
    }

    @Test
    void escapingIsVisibleAndOnOneLine() {
        assertEquals(SHOWN, TerminalText.escape(HOSTILE));
        assertEquals("caf\u00e9 \u65e5\u672c \\x9b31m \\u2066x\\u2069 \\U000e0041", TerminalText.escape(
                "caf\u00e9 \u65e5\u672c \u009b31m \u2066x\u2069 " + new String(Character.toChars(0xe0041))));
        assertEquals("plain -> label", TerminalText.escape("plain -> label"));
    }

    @Test
    void showPrintsExactlyWhatAnEscapedNameWouldPrint() throws Exception {
        Path hostile = write("hostile.json", snapshot(HOSTILE, HOSTILE));
        Path shown = write("shown.json", snapshot(SHOWN, SHOWN));
        CliRun bad = CliRun.of("show", hostile.toString());
        CliRun good = CliRun.of("show", shown.toString());
        assertEquals(0, bad.exit(), bad.err());
        assertEquals(good.out(), bad.out());
        assertNothingUnsafe(bad.out());
        assertTrue(bad.out().startsWith("snapshot \"" + SHOWN + "\" taken 2026-11-29T22:00:00Z from unix:/tmp/" + SHOWN
                + " (l4sim " + SHOWN + ")\ninit -> " + SHOWN + "  profile genode-foc-19  "), bad.out());
        assertTrue(bad.out().contains("\n  thread 0 \"" + SHOWN + "\" running\n"), bad.out());
        assertTrue(bad.out().contains("  LOG '" + SHOWN + "' @core\n"), bad.out());
    }

    @Test
    void diffAndLintPrintExactlyWhatAnEscapedNameWouldPrint() throws Exception {
        Path before = write("before.json", snapshot("quiet", "init -> log"));
        Path hostile = write("hostile.json", snapshot("quiet", HOSTILE));
        Path shown = write("shown.json", snapshot("quiet", SHOWN));
        CliRun bad = CliRun.of("diff", before.toString(), hostile.toString());
        CliRun good = CliRun.of("diff", before.toString(), shown.toString());
        assertEquals(1, bad.exit(), bad.err());
        assertEquals(good.out().replace("shown.json", "F"), bad.out().replace("hostile.json", "F"));
        assertTrue(bad.out().contains("      session label: \"init -> log\" -> \"" + SHOWN + "\"\n"), bad.out());
        assertNothingUnsafe(bad.out());

        Path hostileBoth = write("hostile2.json", snapshot(HOSTILE, HOSTILE));
        Path shownBoth = write("shown2.json", snapshot(SHOWN, SHOWN));
        CliRun lintBad = CliRun.of("lint", hostileBoth.toString());
        CliRun lintGood = CliRun.of("lint", shownBoth.toString());
        assertEquals(lintGood.exit(), lintBad.exit());
        assertEquals(lintGood.out().replace("shown2.json", "F"), lintBad.out().replace("hostile2.json", "F"));
    }

    @Test
    void jsonStaysValidJsonWithTheSameStringsAndNothingRaw() throws Exception {
        Path hostile = write("hostile.json", snapshot(HOSTILE, HOSTILE));
        CliRun r = CliRun.of("show", "--json", hostile.toString());
        assertEquals(0, r.exit(), r.err());
        assertNothingUnsafe(r.out());
        assertTrue(r.out().contains("\\u202e") && r.out().contains("\\u001B"), r.out());
        ObjectMapper m = new ObjectMapper();
        assertEquals(m.readTree(hostile.toFile()), m.readTree(r.out()));
        assertEquals("init -> " + HOSTILE, m.readTree(r.out()).get("meta").get("task").asText());
    }

    @Test
    void aFileNameIsEscapedInErrors() {
        String missing = dir.resolve("no" + HOSTILE + ".json").toString();
        CliRun r = CliRun.of("show", missing);
        assertEquals(2, r.exit());
        assertEquals("", r.out());
        assertNothingUnsafe(r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("no" + SHOWN + ".json"), r.err());
    }

    @Test
    void targetsAndWalkOfAHostileAgentPrintExactlyWhatEscapedNamesWould() throws Exception {
        String[] bad = runLive(HOSTILE);
        String[] good = runLive(SHOWN);
        assertEquals(good[0], bad[0]);
        assertEquals(good[1], bad[1]);
        assertNothingUnsafe(bad[0] + bad[1] + bad[2]);
        assertTrue(bad[0].contains("  init -> " + SHOWN + "\n"), bad[0]);
        ObjectMapper m = new ObjectMapper();
        assertEquals("init -> " + HOSTILE, m.readTree(bad[2]).get(0).get("name").asText());
    }

    /** targets, walk and targets --json against a Java agent serving a task with this name; endpoints as URI. */
    private static String[] runLive(String name) throws Exception {
        Snapshot s = snapshot(name, name);
        InMemoryTarget memory = new InMemoryTarget("memory:" + name, "kernel " + name, "genode-foc-19")
                .addTask(s.space());
        try (WireAgent agent = new WireAgent(memory)) {
            CliRun targets = CliRun.of("targets", "--target", agent.uri());
            CliRun walk = CliRun.of("walk", "--target", agent.uri(), "--task", "init -> " + name);
            CliRun json = CliRun.of("targets", "--json", "--target", agent.uri());
            assertEquals(0, targets.exit(), targets.err());
            assertEquals(0, walk.exit(), walk.err());
            assertEquals(0, json.exit(), json.err());
            return new String[] {targets.out().replace(agent.uri(), "URI"), walk.out().replace(agent.uri(), "URI"),
                    json.out()};
        }
    }
}
