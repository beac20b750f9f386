package dev.capscope.bridge;

import dev.capscope.bridge.driver.TaskRecord;
import dev.capscope.bridge.driver.WireStats;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.profile.ProfileRegistry;
import dev.capscope.core.walk.GenerationCache;
import dev.capscope.core.walk.Walker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A walk is one round trip: the bridge writes all of a walk's requests at once (GENERATION, VALIDITY,
 * CAP_INFOS, THREADS, CAP_MAP, GENERATION) and the walker's calls take the answers. Counted at the
 * bridge (writes, frames, answers), against a real capsim on a Unix socket and on a pty.
 */
class PipelinedWalkTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final LayoutProfile PROFILE = ProfileRegistry.builtin().get("genode-foc-19");
    private static final String TASK = "init -> log_client";

    /** The same walk one request at a time: cap infos in chunks, which nothing announces. */
    private static Walker unpipelined(BridgeTarget target) {
        return new Walker(target, 1100, Walker.DEFAULT_MAX_ATTEMPTS);
    }

    @Test
    void oneWalkIsOneWriteOfSixRequests() {
        try (CapsimProcess capsim = CapsimProcess.start(CapsimProcess.Options.of(CapsimProcess.findScenario("log-client")),
                TIMEOUT); BridgeTarget target = BridgeTarget.connect(capsim.uri(), TIMEOUT)) {
            target.taskRecords();
            WireStats before = target.wireStats();
            CapSpace walked = new Walker(target).walk(TASK, PROFILE);
            WireStats walk = target.wireStats().since(before);
            assertEquals(new WireStats(1, 6, 6, 0), walk, "one write, six requests, six answers taken");

            WireStats before2 = target.wireStats();
            assertEquals(walked, unpipelined(target).walk(TASK, PROFILE));
            assertTrue(target.wireStats().since(before2).writes() >= 6, "the unpipelined walk is a round trip per request");
        }
    }

    @Test
    void allTasksOfSixtyFourInTwoRoundTrips() {
        try (CapsimProcess capsim = CapsimProcess.start(CapsimProcess.Options.of(CapsimProcess.findScenario("sixty-four")),
                TIMEOUT); BridgeTarget target = BridgeTarget.connect(capsim.uri(), TIMEOUT)) {
            WireStats connected = target.wireStats();
            List<String> tasks = target.taskRecords().stream().map(TaskRecord::name).toList();
            List<CapSpace> all = new Walker(target).walkAll(tasks, PROFILE);
            WireStats used = target.wireStats().since(connected);
            assertEquals(64, tasks.size());
            assertEquals(2, used.writes(), "TASKS, then every walk in one write: " + used);
            assertEquals(1 + 64 * 6, used.frames());
            assertEquals(0, used.discarded());
            Walker oneByOne = unpipelined(target);
            for (int i = 0; i < tasks.size(); i += 9) {
                assertEquals(oneByOne.walk(tasks.get(i), PROFILE), all.get(i), tasks.get(i));
            }
        }
    }

    @Test
    void serialLineWalkIsOnePacedWrite(@TempDir Path tmp) {
        CapsimProcess.Options viaPty = CapsimProcess.Options.of(CapsimProcess.findScenario("log-client"))
                .listen("pty:" + tmp.resolve("capsim.pty"));
        try (CapsimProcess capsim = CapsimProcess.start(viaPty, TIMEOUT);
             BridgeTarget target = BridgeTarget.connect(capsim.uri(), TIMEOUT)) {
            target.taskRecords();
            WireStats before = target.wireStats();
            CapSpace walked = new Walker(target).walk(TASK, PROFILE);
            assertEquals(new WireStats(1, 6, 6, 0), target.wireStats().since(before));
            assertEquals(unpipelined(target).walk(TASK, PROFILE), walked);
        }
    }

    @Test
    void unchangedTaskCostsOneGenerationAndAChangedOneTwoWrites() {
        try (CapsimProcess capsim = CapsimProcess.start(CapsimProcess.Options.of(CapsimProcess.findScenario("log-client")),
                TIMEOUT); BridgeTarget target = BridgeTarget.connect(capsim.uri(), TIMEOUT)) {
            Walker walker = new Walker(target, new GenerationCache());
            CapSpace first = walker.walk(TASK, PROFILE);
            WireStats before = target.wireStats();
            assertEquals(first, walker.walk(TASK, PROFILE));
            assertEquals(new WireStats(1, 1, 1, 0), target.wireStats().since(before));

            capsim.send("alloc-dataspace log_client 4K pipelined");
            String answer = capsim.awaitLine(l -> l.startsWith("ok") || l.startsWith("error"), TIMEOUT);
            assertTrue(answer.startsWith("ok"), answer);
            WireStats before2 = target.wireStats();
            CapSpace changed = walker.walk(TASK, PROFILE);
            assertEquals(new WireStats(2, 6, 6, 0), target.wireStats().since(before2),
                    "the GENERATION alone, then the walk and its closing GENERATION in one write");
            assertTrue(changed.generation() > first.generation());
            assertEquals(unpipelined(target).walk(TASK, PROFILE), changed);
        }
    }

    @Test
    void callsThatWereNotAnnouncedStillGetTheirOwnAnswers() {
        try (CapsimProcess capsim = CapsimProcess.start(CapsimProcess.Options.of(CapsimProcess.findScenario("gui-stack")),
                TIMEOUT); BridgeTarget target = BridgeTarget.connect(capsim.uri(), TIMEOUT)) {
            List<TaskRecord> tasks = target.taskRecords();
            String a = tasks.get(0).name();
            String b = tasks.get(tasks.size() - 1).name();
            var expected = target.capMap(b);
            assertEquals(1, target.announceWalks(List.of(a), true));
            target.generation(a); // taken from the announced answers
            WireStats before = target.wireStats();
            assertEquals(expected, target.capMap(b)); // another way: the rest of a's answers are dropped
            WireStats after = target.wireStats().since(before);
            assertEquals(5, after.discarded(), after.toString());
            assertEquals(unpipelined(target).walk(a, PROFILE), new Walker(target).walk(a, PROFILE),
                    "pipelining works again after answers were dropped");
        }
    }
}
