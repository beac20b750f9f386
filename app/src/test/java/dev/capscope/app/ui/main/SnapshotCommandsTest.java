package dev.capscope.app.ui.main;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SnapshotCommandsTest {
    @Test
    void theOfferedFileNameHasNothingAShellTripsOver() {
        assertEquals("init-timer-20260101-120000.json", SnapshotCommands.fileName("init -> timer-20260101-120000"));
        assertEquals("init-log_client-x.json", SnapshotCommands.fileName("init -> log_client-x"));
        assertEquals("a_b_c.json", SnapshotCommands.fileName("a b/c"));
        assertEquals("snapshot.json", SnapshotCommands.fileName(""));
    }
}
