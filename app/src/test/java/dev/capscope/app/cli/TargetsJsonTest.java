package dev.capscope.app.cli;

import dev.capscope.bridge.driver.HelloInfo;
import dev.capscope.bridge.driver.TaskRecord;
import dev.capscope.core.model.Snapshot;
import dev.capscope.core.snapshot.SnapshotReader;
import dev.capscope.core.target.TargetException;
import dev.capscope.core.testing.InMemoryTarget;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The profile of a task in {@code targets --json} when the target names none: guessed from the task, or none. */
class TargetsJsonTest {
    private static final HelloInfo NAMES_NONE = new HelloInfo(1, 4296, 0, 1, "Fiasco.OC", "", "agent 1");

    private static TaskRecord record(Snapshot s) {
        return new TaskRecord(7, 0, -1, s.space().threads().size(), s.space().slots().size(), s.space().generation(),
                s.meta().task());
    }

    @Test
    void aTargetThatNamesNoProfileGetsTheGuessWithItsConfidence() {
        Snapshot leaky = SnapshotReader.read(Path.of(CliRun.sample("leaky.json")));
        InMemoryTarget target = InMemoryTarget.of(leaky);
        Map<String, Object> row = TargetsJson.task(record(leaky), NAMES_NONE, target);
        assertEquals("guess", row.get("profileSource"));
        assertEquals("genode-foc-16", row.get("profile"), "the layout the snapshot was taken under: " + row);
        double confidence = (Double) row.get("profileConfidence");
        assertTrue(confidence > 0 && confidence <= 1, row.toString());
        assertEquals(1, target.calls(InMemoryTarget.Call.VALIDITY), "one validity request for the whole range");
    }

    @Test
    void aTaskThatCannotBeReadHasNoProfileRatherThanAFailure() {
        Snapshot log = SnapshotReader.read(Path.of(CliRun.sample("log-client.json")));
        InMemoryTarget target = InMemoryTarget.of(log).failOn(InMemoryTarget.Call.VALIDITY,
                new TargetException(TargetException.Code.TIMEOUT, "no answer"));
        Map<String, Object> row = TargetsJson.task(record(log), NAMES_NONE, target);
        assertEquals("none", row.get("profileSource"));
        assertNull(row.get("profile"));
        assertEquals(0.0, row.get("profileConfidence"));
    }
}
