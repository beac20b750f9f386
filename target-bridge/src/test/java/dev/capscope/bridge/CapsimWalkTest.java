package dev.capscope.bridge;

import dev.capscope.bridge.driver.TaskRecord;
import dev.capscope.bridge.testing.CapsimDump;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.profile.ProfileRegistry;
import dev.capscope.core.walk.Walker;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every task of every shipped scenario, walked 0..4296 through BridgeTarget + the core Walker
 * against a real capsim over a real socket, equals what capsim itself holds (its {@code dump}).
 */
class CapsimWalkTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> everyScenarioWalksToWhatCapsimHolds() {
        List<Path> scenarios = CapsimProcess.scenarioFiles(
                Path.of(System.getProperty("capscope.samples.dir", "../samples"), "scenarios"));
        assertFalse(scenarios.isEmpty(), "no scenarios found");
        return scenarios.stream().map(s -> DynamicTest.dynamicTest(s.getFileName().toString(), () -> walkAll(s)));
    }

    private void walkAll(Path scenario) throws Exception {
        try (CapsimProcess capsim = CapsimProcess.start(CapsimProcess.Options.of(scenario), TIMEOUT);
             BridgeTarget target = BridgeTarget.connect(capsim.uri(), TIMEOUT)) {
            LayoutProfile profile = ProfileRegistry.builtin().find(target.hello().profile())
                    .orElse(ProfileRegistry.builtin().get("genode-foc-19"));
            List<TaskRecord> tasks = target.taskRecords();
            assertFalse(tasks.isEmpty());
            for (TaskRecord task : tasks) {
                CapSpace walked = new Walker(target).walk(task.name(), profile);
                Path dump = tmp.resolve(scenario.getFileName() + "-" + task.id() + ".dump");
                capsim.send("dump " + task.id() + " " + dump);
                String answer = capsim.awaitLine(l -> l.startsWith("ok " + dump) || l.startsWith("error"), TIMEOUT);
                assertTrue(answer.startsWith("ok"), answer);
                List<String> expected = CapsimDump.read(dump);
                assertEquals(String.join("\n", expected), String.join("\n", CapsimDump.render(walked)),
                        scenario.getFileName() + ": task " + task.name());
                assertEquals(task.validCaps(), walked.slots().size(), "TASKS' valid count for " + task.name());
                assertTrue(walked.slots().size() >= 3, task.name());
            }
        }
    }
}
