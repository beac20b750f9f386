package dev.capscope.app.cli;

import dev.capscope.bridge.BridgeTarget;
import dev.capscope.bridge.CapsimProcess;
import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.Rights;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.profile.ProfileRegistry;
import dev.capscope.core.target.RestoreLease;
import dev.capscope.core.target.RestoreOperation;
import dev.capscope.core.walk.Walker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reproductions of "restore printed RESTORED_VERIFIED for a task it had not restored", each on
 * the default capsim scenario through the command line, judged by a fresh snapshot, {@code diff} and
 * {@code lint} afterwards (not by restore's own words).
 */
class RestoreNeverLiesTest {
    private static final Duration START = Duration.ofSeconds(10);
    private static final String TASK = "init -> launcher";
    private static final LayoutProfile PROFILE = ProfileRegistry.builtin().get("genode-foc-19");
    private static final int PARENT = 0xb;

    @TempDir
    Path tmp;

    private static CapsimProcess capsim() {
        return CapsimProcess.start(CapsimProcess.Options.of(CapsimProcess.findScenario("default")).allowRestore(true),
                START);
    }

    private static void command(CapsimProcess capsim, String line) {
        capsim.send(line);
        String answer = capsim.awaitLine(l -> l.startsWith("ok") || l.startsWith("error"), START);
        assertTrue(answer.startsWith("ok"), line + " -> " + answer);
    }

    private Path snapshot(CapsimProcess capsim, String name) {
        Path file = tmp.resolve(name + ".json");
        CliRun r = CliRun.of("snapshot", "--target", capsim.uri(), "--task", TASK, "-o", file.toString());
        assertEquals(0, r.exit(), r.err());
        return file;
    }

    private static CliRun restore(CapsimProcess capsim, Path file) {
        return CliRun.of("restore", file.toString(), "--target", capsim.uri(), "--task", TASK, "--yes");
    }

    /** Changes the task through the protocol, as another debugger or a buggy restore tool would. */
    private static void mutate(CapsimProcess capsim, RestoreOperation... ops) {
        try (BridgeTarget t = BridgeTarget.connect(capsim.uri(), START);
             RestoreLease lease = t.acquireLease(TASK, t.generation(TASK))) {
            for (RestoreOperation op : ops) {
                t.apply(TASK, op);
            }
            assertTrue(lease.generation() > 0);
        }
    }

    private static CapSpace walk(CapsimProcess capsim) {
        try (BridgeTarget t = BridgeTarget.connect(capsim.uri(), START)) {
            return new Walker(t).walk(TASK, PROFILE);
        }
    }

    private static int logSession(CapSpace space) {
        return space.capMap().stream().filter(e -> e.index() >= PROFILE.userBaseCap() && e.hasBadge()
                && "LOG".equals(e.semantics().rpcInterface())).findFirst().orElseThrow().index();
    }

    @Test
    void aSessionGateMappedOverTheParentSlotIsNeverReportedRestored() {
        try (CapsimProcess capsim = capsim()) {
            Path before = snapshot(capsim, "before");
            int log = logSession(walk(capsim));
            mutate(capsim, new RestoreOperation.MapCopy(log, PARENT, Rights.RWS));

            CliRun r = restore(capsim, before);
            assertEquals(1, r.exit(), r.out());
            assertTrue(r.out().contains("REFUSED(CORE_AREA_DIFFERS)"), r.out());
            assertFalse(r.out().contains("RESTORED_VERIFIED"), r.out());
            // The independent readers agree that the parent slot is not what the snapshot recorded.
            Path after = snapshot(capsim, "after");
            CliRun diff = CliRun.of("diff", "--match", "badge", before.toString(), after.toString());
            assertTrue(diff.out().contains("0xb (11)") && diff.out().contains("gate label"), diff.out());
            CliRun lint = CliRun.of("lint", after.toString());
            assertEquals(1, lint.exit(), lint.out());
            assertTrue(lint.out().contains("badge-label-mismatch"), lint.out());
        }
    }

    @Test
    void parentRightsReducedAreRefusedNotVerifiedByAnEmptyPlan() {
        try (CapsimProcess capsim = capsim()) {
            Path before = snapshot(capsim, "before");
            int scratch = 0x3f0;
            mutate(capsim, new RestoreOperation.Grant(PARENT, scratch, new Rights(Rights.R)),
                    new RestoreOperation.Grant(scratch, PARENT, new Rights(Rights.R)));
            assertEquals(Rights.R, walk(capsim).slot(PARENT).rights().mask());

            CliRun r = restore(capsim, before);
            assertEquals(1, r.exit(), r.out());
            assertTrue(r.out().contains("CORE_AREA_DIFFERS") && r.out().contains("rights RWS -> R"), r.out());
            Path after = snapshot(capsim, "after");
            CliRun diff = CliRun.of("diff", "--match", "badge", before.toString(), after.toString());
            assertTrue(diff.out().contains("rights: RWS -> R"), diff.out());
        }
    }

    @Test
    void threadsThatChangedAreRefusedAndNeverRelabelled() throws IOException {
        try (CapsimProcess capsim = capsim()) {
            Path before = snapshot(capsim, "before");
            command(capsim, "exit-thread launcher 2"); // 0 main, 1 ep, 2 worker
            command(capsim, "start-thread launcher intruder");

            CliRun r = restore(capsim, before);
            assertEquals(1, r.exit(), r.out());
            assertTrue(r.out().contains("THREADS_DIFFER") && r.out().contains("'worker' -> 'intruder'"), r.out());
            Path after = snapshot(capsim, "after");
            assertTrue(Files.readString(after).contains("\"intruder\""), "the live thread keeps its name");
            CliRun diff = CliRun.of("diff", "--match", "badge", before.toString(), after.toString());
            assertEquals(1, diff.exit(), diff.out());
            assertTrue(diff.out().contains("name 'worker' -> 'intruder'"), diff.out());
        }
    }

    @Test
    void aSessionRecordedWithFewerRightsIsRestoredByAGrantNotRecreated() throws IOException {
        try (CapsimProcess capsim = capsim()) {
            CapSpace live = walk(capsim);
            int log = logSession(live);
            CapMapEntry entry = live.capMapEntry(log);
            Path full = snapshot(capsim, "full");
            // The snapshot as a component that had dropped W and S on its LOG session would have it.
            String text = Files.readString(full);
            String slotLine = text.lines().filter(l -> l.contains("\"selector\": " + log + "}"))
                    .findFirst().orElseThrow();
            assertTrue(slotLine.contains("\"rights\": \"RWS\""), slotLine);
            Path fewer = tmp.resolve("fewer.json");
            Files.writeString(fewer, text.replace(slotLine, slotLine.replace("\"rights\": \"RWS\"", "\"rights\": \"R\"")));

            CliRun r = restore(capsim, fewer);
            assertEquals(0, r.exit(), r.out());
            assertTrue(r.out().contains("grant") && r.out().contains("RESTORED_VERIFIED"), r.out());
            assertFalse(r.out().contains("re-create"), r.out());
            CapSpace after = walk(capsim);
            assertEquals(Rights.R, after.slot(log).rights().mask());
            assertEquals(entry.rawId(), after.capMapEntry(log).rawId(), "the same session, not a new one");
        }
    }

    @Test
    void underHeavyChurnASnapshotIsEitherConsistentOrRefusedNeverTornAndSilent() {
        CapsimProcess.Options churning = CapsimProcess.Options.of(CapsimProcess.findScenario("default"))
                .churn(20000, 7);
        try (CapsimProcess capsim = CapsimProcess.start(churning, START)) {
            for (int i = 0; i < 5; i++) {
                Path file = tmp.resolve("churn" + i + ".json");
                CliRun r = CliRun.of("snapshot", "--target", capsim.uri(), "--task", TASK, "-o", file.toString());
                if (r.exit() == 0) {
                    CliRun lint = CliRun.of("lint", file.toString());
                    assertFalse(lint.out().contains("dangling"), "a consistent snapshot has no torn entries: " + lint.out());
                } else {
                    assertEquals(2, r.exit(), r.err());
                    assertTrue(r.err().contains("kept changing while it was read") && r.err().contains("--allow-torn"),
                            r.err());
                    assertFalse(Files.exists(file), "nothing written");
                }
            }
        }
    }
}
