package dev.capscope.app.cli;

import dev.capscope.bridge.CapsimProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/background.md §5 migration: a snapshot taken on one capsim restored onto another whose badge allocation
 * differs, and onto a task with another name when the user says so. Two real capsim processes.
 */
class MigrationRestoreTest {
    private static final Duration START = Duration.ofSeconds(5);
    private static final String TASK = "init -> log_client";
    private static final String TWIN = "init -> log_twin";
    private static final Pattern BADGE = Pattern.compile("badge=(\\d+)");

    /** log-client with a second, identical child: a task to restore onto under another name. */
    private static final String SCENARIO = """
            profile genode-foc-19
            component init ram=16M
            component log_client parent=init ram=1M
            thread log_client ep
            session log_client ROM label=config quota=8K
            session log_client Timer label=timeout server=core quota=16K
            component log_twin parent=init ram=1M
            thread log_twin ep
            session log_twin ROM label=config quota=8K
            session log_twin Timer label=timeout server=core quota=16K
            """;

    @TempDir
    Path tmp;

    private CapsimProcess capsim(boolean allowRestore) throws IOException {
        Path scn = tmp.resolve("twins.scn");
        if (!Files.exists(scn)) {
            Files.writeString(scn, SCENARIO);
        }
        return CapsimProcess.start(CapsimProcess.Options.of(scn).allowRestore(allowRestore), START);
    }

    private static String command(CapsimProcess capsim, String line) {
        capsim.send(line);
        String answer = capsim.awaitLine(l -> l.startsWith("ok") || l.startsWith("error"), START);
        assertTrue(answer.startsWith("ok"), line + " -> " + answer);
        return answer;
    }

    private static long badgeOf(String answer) {
        Matcher m = BADGE.matcher(answer);
        assertTrue(m.find(), answer);
        return Long.parseLong(m.group(1));
    }

    private Path snapshot(CapsimProcess capsim, String task, String name) {
        Path file = tmp.resolve(name + ".json");
        CliRun r = CliRun.of("snapshot", "--target", capsim.uri(), "--task", task, "-o", file.toString());
        assertEquals(0, r.exit(), r.err());
        return file;
    }

    @Test
    void snapshotFromOneTargetRestoresOntoAnotherWithBadgesTranslated() throws IOException {
        try (CapsimProcess a = capsim(false); CapsimProcess b = capsim(true)) {
            // On A: a LOG session (B will have it under another badge) and a Timer session B lacks.
            long logOnA = badgeOf(command(a, "open-session 2 LOG migrated"));
            long timerOnA = badgeOf(command(a, "open-session 2 Timer only-in-snapshot"));
            Path fromA = snapshot(a, TASK, "from-a");

            // On B: init takes five badges first, so B's allocator runs ahead of A's.
            for (int i = 0; i < 5; i++) {
                command(b, "open-session 1 LOG shift-" + i);
            }
            long logOnB = badgeOf(command(b, "open-session 2 LOG migrated"));
            command(b, "open-session 2 ROM only-on-b");
            assertNotEquals(logOnA, logOnB, "B's badges are shifted");

            CliRun restore = CliRun.of("restore", fromA.toString(), "--target", b.uri(), "--task", TASK, "--yes");
            assertEquals(0, restore.exit(), restore.out() + restore.err());
            assertTrue(restore.out().contains("RESTORED_VERIFIED"), restore.out());
            assertTrue(restore.out().contains("migration: snapshot of '" + TASK + "' at " + a.uri()), restore.out());
            assertTrue(restore.out().contains("badge translations (snapshot -> target):"), restore.out());
            assertTrue(restore.out().contains("badge " + logOnA + " -> " + logOnB + " (already there)"), restore.out());
            Matcher recreated = Pattern.compile("badge " + timerOnA + " -> (\\d+) \\(re-created\\)").matcher(restore.out());
            assertTrue(recreated.find(), restore.out());
            assertNotEquals(timerOnA, Long.parseLong(recreated.group(1)));

            Path onB = snapshot(b, TASK, "on-b");
            CliRun same = CliRun.of("diff", "--match", "badge", fromA.toString(), onB.toString());
            assertEquals(0, same.exit(), same.out());
            CliRun bySelector = CliRun.of("diff", fromA.toString(), onB.toString());
            assertEquals(1, bySelector.exit(), "identities differ: another target's objects and badges");
        }
    }

    /**
     * Badges of two targets are unrelated numbers: B's ROM session happens to carry the badge A's
     * Timer session had. It must not be taken for that Timer session (moved and relabelled); the Timer
     * session is re-created and the ROM session removed.
     */
    @Test
    void anEqualBadgeOnTheOtherTargetIsNotTakenForTheSameSession() throws IOException {
        try (CapsimProcess a = capsim(false); CapsimProcess b = capsim(true)) {
            command(a, "open-session 2 LOG migrated");                             // 0x312
            long timerOnA = badgeOf(command(a, "open-session 2 Timer timer-a"));   // 0x313
            Path fromA = snapshot(a, TASK, "from-a");

            command(b, "open-session 1 LOG shift");                                // init takes A's LOG badge
            String collide = command(b, "open-session 2 ROM collide");             // 0x312, A's Timer badge
            command(b, "open-session 2 LOG migrated");                             // 0x313
            assertEquals(timerOnA, badgeOf(collide), "the collision this test is about: " + collide);
            assertFalse(collide.contains("0x313"), collide);

            CliRun restore = CliRun.of("restore", fromA.toString(), "--target", b.uri(), "--task", TASK, "--yes");
            assertEquals(0, restore.exit(), restore.out() + restore.err());
            assertTrue(restore.out().contains("RESTORED_VERIFIED"), restore.out());
            assertTrue(Pattern.compile("badge " + timerOnA + " -> \\d+ \\(re-created\\)").matcher(restore.out()).find(),
                    "the Timer session is re-created, not B's ROM session relabelled:\n" + restore.out());
            CliRun same = CliRun.of("diff", "--match", "badge", fromA.toString(), snapshot(b, TASK, "on-b").toString());
            assertEquals(0, same.exit(), same.out());
        }
    }

    @Test
    void restoreOntoAnotherTaskNeedsAllowTaskMismatch() throws IOException {
        try (CapsimProcess a = capsim(false); CapsimProcess b = capsim(true)) {
            command(a, "open-session 2 LOG only-in-snapshot");
            Path fromA = snapshot(a, TASK, "from-a");
            Path twinBefore = snapshot(b, TWIN, "twin-before");

            CliRun refused = CliRun.of("restore", fromA.toString(), "--target", b.uri(), "--task", TWIN, "--yes");
            assertEquals(1, refused.exit(), refused.out() + refused.err());
            assertTrue(refused.out().contains("REFUSED(TASK_MISMATCH)"), refused.out());
            assertTrue(refused.out().contains("pass --allow-task-mismatch"), refused.out());
            assertEquals(0, CliRun.of("diff", twinBefore.toString(), snapshot(b, TWIN, "twin-refused").toString())
                    .exit(), "a refused restore changes nothing");

            // With the mismatch allowed the task check passes, but the twin's core-made RPC objects (region
            // maps, threads) are labelled with its own name: restore will not forge the snapshot's ones.
            CliRun restore = CliRun.of("restore", fromA.toString(), "--target", b.uri(), "--task", TWIN,
                    "--allow-task-mismatch", "--yes");
            assertEquals(1, restore.exit(), restore.out() + restore.err());
            assertFalse(restore.out().contains("TASK_MISMATCH"), restore.out());
            assertTrue(restore.out().contains("REFUSED(NOT_A_SESSION)") && restore.out().contains("Region_map"),
                    restore.out());
            assertEquals(0, CliRun.of("diff", twinBefore.toString(), snapshot(b, TWIN, "twin-after").toString())
                    .exit(), "a refused restore changes nothing");
        }
    }
}
