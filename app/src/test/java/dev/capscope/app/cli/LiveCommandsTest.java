package dev.capscope.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.capscope.bridge.CapsimProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The live commands against real capsim processes: targets, walk, snapshot, diff, lint, restore, failures. */
class LiveCommandsTest {
    private static final Duration START = Duration.ofSeconds(5);
    private static final String TASK = "init -> log_client";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static CapsimProcess capsim(boolean allowRestore, String fault) {
        CapsimProcess.Options o = CapsimProcess.Options.of(CapsimProcess.findScenario("log-client"))
                .allowRestore(allowRestore);
        return CapsimProcess.start(fault == null ? o : o.injectFault(fault), START);
    }

    /** Sends a capsim command and returns its "ok ..." answer. */
    private static String command(CapsimProcess capsim, String line) {
        capsim.send(line);
        String answer = capsim.awaitLine(l -> l.startsWith("ok") || l.startsWith("error"), START);
        assertTrue(answer.startsWith("ok"), line + " -> " + answer);
        return answer;
    }

    private Path snapshot(CapsimProcess capsim, String name) {
        Path file = tmp.resolve(name + ".json");
        CliRun r = CliRun.of("snapshot", "--target", capsim.uri(), "--task", TASK, "-o", file.toString());
        assertEquals(0, r.exit(), r.err());
        return file;
    }

    /** (status selector) of every changed slot and cap-map entry in a JSON diff. */
    private static Set<String> changes(CliRun diff) throws IOException {
        JsonNode d = JSON.readTree(diff.out());
        Set<String> out = new TreeSet<>();
        d.get("slots").forEach(s -> out.add("slot " + s.get("status").asText() + " " + s.get("selector").asInt()));
        d.get("capMap").forEach(e -> out.add("entry " + e.get("status").asText() + " " + e.get("index").asInt()));
        return out;
    }

    @Test
    void targetsWalkAndLintTalkToALiveTarget() throws IOException {
        try (CapsimProcess capsim = capsim(false, null)) {
            CliRun targets = CliRun.of("targets", "--target", capsim.uri(), "--json");
            assertEquals(0, targets.exit(), targets.err());
            JsonNode doc = JSON.readTree(targets.out());
            JsonNode tasks = doc.get("tasks");
            assertTrue(tasks.isArray() && tasks.size() == 2, targets.out());
            JsonNode target = doc.get("target");
            assertEquals("capsim", target.get("kind").asText(), target.toString());
            assertEquals("unix", target.get("transport").asText(), target.toString());
            assertTrue(target.get("protocolVersion").asInt() >= 1, target.toString());
            for (JsonNode t : tasks) {
                assertFalse(t.get("restoreAllowed").asBoolean(), "capsim started read-only: " + t);
                assertEquals(target.get("profile").asText(), t.get("profile").asText(), t.toString());
                assertEquals("target", t.get("profileSource").asText(), t.toString());
                assertEquals(1.0, t.get("profileConfidence").asDouble(), t.toString());
            }
            List<String> names = new ArrayList<>();
            tasks.forEach(t -> names.add(t.get("name").asText()));
            assertTrue(names.contains(TASK), names.toString());

            CliRun text = CliRun.of("targets", "--target", capsim.uri());
            assertEquals(0, text.exit(), text.err());
            assertTrue(text.out().contains(TASK) && text.out().contains("read-only"), text.out());

            CliRun walk = CliRun.of("walk", "--target", capsim.uri(), "--task", TASK);
            assertEquals(0, walk.exit(), walk.err());
            assertTrue(walk.out().contains("component area") && walk.out().contains("0xb (11)"), walk.out());

            CliRun lint = CliRun.of("lint", "--target", capsim.uri(), "--task", TASK);
            assertTrue(lint.exit() == 0 || lint.exit() == 1, lint.err());
            assertTrue(lint.out().contains("task '" + TASK + "'"), lint.out());

            CliRun unknown = CliRun.of("walk", "--target", capsim.uri(), "--task", "nope");
            assertEquals(2, unknown.exit());
            assertTrue(unknown.err().contains("no task named 'nope'"), unknown.err());
        }
    }

    @Test
    void snapshotChurnSnapshotDiffShowsExactlyTheChangesThenRestoreUndoesThem() throws IOException {
        try (CapsimProcess capsim = capsim(true, null)) {
            Path first = snapshot(capsim, "first");
            String opened = command(capsim, "open-session 2 LOG extra-log"); // "ok 0x30c badge=92"
            int added = Integer.decode(opened.split(" ")[1]);
            int closed = 0x306; // the LOG session the scenario opened at start
            command(capsim, "close-session 2 " + closed);
            Path second = snapshot(capsim, "second");

            CliRun diff = CliRun.of("diff", "--json", first.toString(), second.toString());
            assertEquals(1, diff.exit(), diff.err());
            assertEquals(Set.of("slot added " + added, "slot removed " + closed,
                    "entry added " + added, "entry removed " + closed), changes(diff), diff.out());

            CliRun restore = CliRun.of("restore", first.toString(), "--target", capsim.uri(), "--task", TASK, "--yes");
            assertEquals(0, restore.exit(), restore.out() + restore.err());
            assertTrue(restore.out().contains("RESTORED_VERIFIED"), restore.out());

            Path third = snapshot(capsim, "third");
            CliRun same = CliRun.of("diff", "--match", "badge", first.toString(), third.toString());
            assertEquals(0, same.exit(), same.out());
            CliRun lint = CliRun.of("lint", third.toString());
            assertFalse(lint.out().contains("dangling"), "cap map consistent after restore: " + lint.out());
        }
    }

    @Test
    void restoreDryRunChangesNothing() {
        try (CapsimProcess capsim = capsim(true, null)) {
            Path first = snapshot(capsim, "first");
            command(capsim, "open-session 2 LOG extra-log");
            Path changed = snapshot(capsim, "changed");
            CliRun dry = CliRun.of("restore", first.toString(), "--target", capsim.uri(), "--task", TASK, "--dry-run");
            assertEquals(0, dry.exit(), dry.err());
            assertTrue(dry.out().contains("restore plan") && dry.out().contains("dry run"), dry.out());
            // the plan names what it removes, in the wizard's words (PlanLines)
            assertTrue(dry.out().contains("close session at ") && dry.out().contains(": LOG 'init -> log_client -> extra-log' @core, badge "), dry.out());
            assertEquals(0, CliRun.of("diff", changed.toString(), snapshot(capsim, "after").toString()).exit());
        }
    }

    @Test
    void restoreOntoAReadOnlyTargetIsRefusedWithItsReasonAndChangesNothing() {
        try (CapsimProcess capsim = capsim(false, null)) {
            Path first = snapshot(capsim, "first");
            command(capsim, "open-session 2 LOG extra-log");
            Path before = snapshot(capsim, "before");
            CliRun restore = CliRun.of("restore", first.toString(), "--target", capsim.uri(), "--task", TASK, "--yes");
            assertEquals(1, restore.exit(), restore.out() + restore.err());
            assertTrue(restore.out().contains("REFUSED("), restore.out());
            assertEquals(0, CliRun.of("diff", before.toString(), snapshot(capsim, "after").toString()).exit());
        }
    }

    @Test
    void restoreWhoseVerificationFailsIsRolledBack() {
        // capsim acknowledges the last unmap/map/cap-map write of a burst but drops it when a read
        // follows: the plan here (unmap + clear the extra session) loses its final clear.
        try (CapsimProcess capsim = capsim(true, "restore-drops-last-op")) {
            Path first = snapshot(capsim, "first");
            command(capsim, "open-session 2 LOG extra-log");
            Path before = snapshot(capsim, "before");
            CliRun restore = CliRun.of("restore", first.toString(), "--target", capsim.uri(), "--task", TASK, "--yes");
            assertEquals(1, restore.exit(), restore.out() + restore.err());
            assertTrue(restore.out().contains("ROLLED_BACK("), restore.out());
            CliRun same = CliRun.of("diff", "--match", "badge", before.toString(), snapshot(capsim, "after").toString());
            assertEquals(0, same.exit(), "target as before the restore: " + same.out());
        }
    }

    @Test
    void targetThatNeverAnswersFailsWithin5sAndLeavesNoFile() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    held.add(silent.accept());
                } catch (IOException ignored) {
                    // test over
                }
            });
            acceptor.start();
            Path file = tmp.resolve("never.json");
            long t0 = System.nanoTime();
            CliRun r = CliRun.of("snapshot", "--target", "tcp:127.0.0.1:" + silent.getLocalPort(), "--timeout", "1s",
                    "--task", TASK, "-o", file.toString());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(2, r.exit());
            assertTrue(ms < 5000, "took " + ms + " ms");
            assertTrue(r.err().contains("TIMEOUT"), r.err());
            assertFalse(Files.exists(file));
            silent.close();
            acceptor.join(5000);
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void deadTargetFailsAndAnExistingSnapshotFileStaysIntact() throws IOException {
        Path file = tmp.resolve("keep.json");
        Files.writeString(file, "previous content");
        String uri;
        try (CapsimProcess capsim = capsim(false, null)) {
            uri = capsim.uri();
            capsim.kill();
        }
        long t0 = System.nanoTime();
        CliRun r = CliRun.of("snapshot", "--target", uri, "--task", TASK, "-o", file.toString());
        assertEquals(2, r.exit());
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 5000);
        assertTrue(r.err().contains("UNREACHABLE"), r.err());
        assertEquals("previous content", Files.readString(file));
        try (var files = Files.list(tmp)) {
            assertEquals(1, files.count(), "no temp file left behind");
        }
    }
}
