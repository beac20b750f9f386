package dev.capscope.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.capscope.bridge.CapsimProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mistakes a user makes, each answered with one sentence that names the file, field or address,
 * the real position, and what to do; nothing on stdout, no library names, exit 2 (1 for a
 * restore that was not confirmed: a refusal, as documented).
 */
class HostileErrorsTest {
    private static final String LOG = CliRun.sample("log-client.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** Exit 2, empty stdout, exactly one stderr line that contains every fragment. */
    private static void oneSentence(CliRun r, String... fragments) {
        assertEquals(2, r.exit(), r.out() + r.err());
        assertEquals("", r.out());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("capscope: "), r.err());
        for (String f : fragments) {
            assertTrue(r.err().contains(f), "'" + f + "' in: " + r.err());
        }
        for (String internal : new String[] {"Exception", "Jackson", "StreamReadConstraints",
                "reconnect to try again", ".tmp"}) {
            assertFalse(r.err().contains(internal), internal + " in: " + r.err());
        }
    }

    @Test
    void showJsonAndCanonicalAreExclusive() {
        CliRun r = CliRun.of("show", "--json", "--canonical", LOG);
        assertEquals(2, r.exit());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("capscope: --json and --canonical cannot be used together: pass one of them\n"),
                r.err());
    }

    @Test
    void objectsJsonAndDotAreExclusive() {
        CliRun r = CliRun.of("objects", "--json", "--dot", LOG);
        assertEquals(2, r.exit());
        assertEquals("", r.out(), "no DOT where a script asked for JSON");
        assertTrue(r.err().startsWith("capscope: --json and --dot cannot be used together: pass one of them\n"),
                r.err());
    }

    @Test
    void aNumberTooLongIsReportedWhereItIsAndShowPrintsNothing() {
        Path f = CliRun.samples().resolve("malformed").resolve("long-number.json");
        oneSentence(CliRun.of("show", f.toString()), f + ":5:141: field capMap[2].semantics: a number with more"
                + " than 1000 digits");
        Path deep = CliRun.samples().resolve("malformed").resolve("deep-nesting.json");
        oneSentence(CliRun.of("show", deep.toString()), deep + ":", "nested more than 64 levels deep");
    }

    @Test
    void addressesWithoutTheirKindAreTypos() {
        oneSentence(CliRun.of("targets", "--target", "/tmp/capsim.sock"),
                "--target '/tmp/capsim.sock' is a path without its kind: write unix:/tmp/capsim.sock");
        oneSentence(CliRun.of("walk", "--target", "http://localhost:7000/?Token=s3cret", "--task", "x"),
                "--target 'http://localhost:7000/' is a web address");
        CliRun plain = CliRun.of("targets", "--target", "capsim");
        oneSentence(plain, "--target 'capsim' is not an address: use unix:PATH");
        assertFalse(plain.err().contains("UNREACHABLE"), "a typo, not a target that cannot be reached: " + plain.err());
    }

    @Test
    void whatStandsAtTheSocketPathIsNamed() throws Exception {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        oneSentence(CliRun.of("targets", "--target", "unix:" + file), file + " is a regular file, not a socket");
        oneSentence(CliRun.of("targets", "--target", "unix:" + dir), dir + " is a directory, not a socket");
        Path none = dir.resolve("none.sock");
        oneSentence(CliRun.of("targets", "--target", "unix:" + none), "no socket at " + none + ": start the target");
    }

    @Test
    void timeoutsOfZeroOrLessAreRefused() {
        for (String t : new String[] {"0", "0s", "0ms", "-1s", "-5", "0.0001s", "7200s", "-0.5s"}) {
            oneSentence(CliRun.of("targets", "--target", "unix:/nonexistent", "--timeout=" + t),
                    "--timeout '" + t + "' must be between 1ms and 1h");
        }
    }

    @Test
    void aSnapshotIntoAMissingFolderFailsBeforeTheWalkNamingTheFolder() {
        Path out = dir.resolve("missing").resolve("snap.json");
        // No target runs at that address: the folder is checked first.
        oneSentence(CliRun.of("snapshot", "--target", "unix:/nonexistent.sock", "--task", "x", "-o", out.toString()),
                "-o " + out + ": the folder " + out.getParent() + " does not exist; create it or save somewhere else");
    }

    @Test
    void errorsNeverShowTheToken() {
        for (String spelled : new String[] {"?token=", "?Token=", "?TOKEN=", "?a=1&token="}) {
            CliRun r = CliRun.of("targets", "--target", "unix:" + dir.resolve("none.sock") + spelled + "s3cret-x");
            assertEquals(2, r.exit());
            assertFalse(r.err().contains("s3cret-x"), r.err());
        }
        CliRun bad = CliRun.of("targets", "--target", "tcp:127.0.0.1:notaport?Token=s3cret-x", "--verbose");
        assertFalse(bad.err().contains("s3cret-x"), bad.err());
    }

    /** Without --yes and without a terminal the restore is not confirmed: refused (1), nothing changed. */
    @Test
    void restoreWithoutYesOnANonTerminalIsARefusal() throws Exception {
        CapsimProcess.Options o = CapsimProcess.Options.of(CapsimProcess.findScenario("log-client")).allowRestore(true);
        try (CapsimProcess capsim = CapsimProcess.start(o, Duration.ofSeconds(5))) {
            Path before = dir.resolve("before.json");
            CliRun snap = CliRun.of("snapshot", "--target", capsim.uri(), "--task", "init -> log_client", "-o",
                    before.toString());
            assertEquals(0, snap.exit(), snap.err());
            capsim.send("open-session 2 LOG extra");
            capsim.awaitLine(l -> l.startsWith("ok"), Duration.ofSeconds(5));
            Path changed = dir.resolve("changed.json");
            assertEquals(0, CliRun.of("snapshot", "--target", capsim.uri(), "--task", "init -> log_client", "-o",
                    changed.toString()).exit());
            CliRun r = CliRun.of("restore", before.toString(), "--target", capsim.uri(), "--task", "init -> log_client");
            assertEquals(1, r.exit(), r.out() + r.err());
            assertTrue(r.err().contains("not confirmed, nothing was changed (no terminal to ask on: pass --yes"),
                    r.err());
            assertTrue(r.out().startsWith("restore plan for task 'init -> log_client'"), "the plan, in text: " + r.out());
            // With --json a script still gets one document (CliRun checks it against the schema): the plan
            // that was not applied and the outcome NOT_CONFIRMED; the sentence stays on stderr, exit 1.
            CliRun j = CliRun.of("restore", before.toString(), "--target", capsim.uri(), "--task", "init -> log_client",
                    "--json");
            assertEquals(1, j.exit(), j.out() + j.err());
            assertTrue(j.err().contains("not confirmed, nothing was changed (no terminal to ask on: pass --yes"),
                    j.err());
            JsonNode doc = JSON.readTree(j.out());
            assertEquals("NOT_CONFIRMED", doc.at("/result/outcome").asText(), j.out());
            assertEquals("NOT_CONFIRMED", doc.at("/result/code").asText());
            assertEquals(1, doc.at("/result/exitCode").asInt());
            assertEquals(0, doc.at("/result/appliedSteps").asInt());
            assertFalse(doc.at("/result/verified").asBoolean());
            assertFalse(doc.get("dryRun").asBoolean());
            assertTrue(doc.at("/plan/operations").size() >= 1, "the plan that was not applied: " + j.out());
            assertEquals("close_session", doc.at("/plan/operations/0/op").asText(), j.out());
            Path after = dir.resolve("after.json");
            assertEquals(0, CliRun.of("snapshot", "--target", capsim.uri(), "--task", "init -> log_client", "-o",
                    after.toString()).exit());
            assertEquals(0, CliRun.of("diff", changed.toString(), after.toString()).exit(), "nothing was changed");
        }
    }
}
