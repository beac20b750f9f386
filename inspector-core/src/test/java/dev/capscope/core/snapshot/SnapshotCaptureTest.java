package dev.capscope.core.snapshot;

import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.Snapshot;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.testing.InMemoryTarget;
import dev.capscope.core.testing.Spaces;
import dev.capscope.core.walk.CancellationToken;
import dev.capscope.core.walk.TornWalkException;
import dev.capscope.core.walk.WalkCancelledException;
import dev.capscope.core.walk.WalkListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one snapshot operation both front ends use: walk, metadata, atomic write. */
class SnapshotCaptureTest {
    private static final String TASK = "init -> app";
    private static final Instant NOW = Instant.parse("2026-11-30T01:00:00Z");
    private static final LayoutProfile PROFILE = Spaces.profile("genode-foc-19");

    @TempDir
    Path tmp;

    private final CapSpace space = Spaces.typical("genode-foc-19", TASK, 2).build();
    private final InMemoryTarget target = new InMemoryTarget("memory:capture", "in-memory kernel", "genode-foc-19")
            .addTask(space);
    private final SnapshotCapture capture = new SnapshotCapture(target, null, Clock.fixed(NOW, ZoneOffset.UTC));

    private static SnapshotCapture.Request request(String name, boolean allowTorn) {
        return new SnapshotCapture.Request(TASK, PROFILE, name, allowTorn, "capscope test");
    }

    @Test
    void takesTheWalkedSpaceWithMetadataFromTheTarget() {
        Snapshot s = capture.take(request(null, false), WalkListener.NONE, CancellationToken.none());
        assertEquals(space, s.space());
        assertEquals(TASK + " at " + NOW, s.meta().name());
        assertEquals(NOW, s.meta().takenAt());
        assertEquals("memory:capture", s.meta().endpoint());
        assertEquals("in-memory kernel", s.meta().kernel());
        assertEquals("genode-foc-19", s.meta().profile());
        assertEquals("capscope test", s.meta().toolVersion());
        assertFalse(s.meta().torn());
    }

    @Test
    void writesTheFileThatReadsBackAsTaken() throws Exception {
        Path file = tmp.resolve("taken.json");
        Snapshot s = capture.takeTo(file, request("mine", false), WalkListener.NONE, CancellationToken.none());
        assertEquals("mine", s.meta().name());
        assertEquals(s, SnapshotReader.read(file));
    }

    @Test
    void aCancelledOrTornCaptureLeavesTheFileAsItWas() throws Exception {
        Path file = tmp.resolve("kept.json");
        Files.writeString(file, "previous");
        CancellationToken cancelled = new CancellationToken();
        cancelled.cancel();
        assertThrows(WalkCancelledException.class,
                () -> capture.takeTo(file, request(null, false), WalkListener.NONE, cancelled));
        target.tamperCapInfos(infos -> {
            target.touch(TASK); // the task changes during every attempt
            return infos;
        });
        assertThrows(TornWalkException.class,
                () -> capture.takeTo(file, request(null, false), WalkListener.NONE, CancellationToken.none()));
        assertEquals("previous", Files.readString(file));
        Snapshot torn = capture.take(request(null, true), WalkListener.NONE, CancellationToken.none());
        assertTrue(torn.meta().torn(), "kept on request, marked torn");
    }
}
