package dev.capscope.bridge;

import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.Snapshot;
import dev.capscope.core.model.SnapshotMeta;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.profile.ProfileRegistry;
import dev.capscope.core.restore.RestoreListener;
import dev.capscope.core.restore.RestoreResult;
import dev.capscope.core.restore.RestoreRunner;
import dev.capscope.core.snapshot.SnapshotWriter;
import dev.capscope.core.walk.Walker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Snapshots and restores over capsim's serial line (a pty speaking armored frames) give the same
 * results as over a Unix socket: two capsims run the same scenario and take the same changes, one
 * reached as {@code serial:PATH}, the other as {@code unix:PATH}.
 */
class CapsimSerialRestoreTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final LayoutProfile PROFILE = ProfileRegistry.builtin().get("genode-foc-19");
    private static final String TASK = "init -> log_client";

    @TempDir
    Path tmp;

    /** What a snapshot file holds, with the metadata that differs between runs (time, endpoint) fixed. */
    private static byte[] snapshotBytes(CapSpace space) {
        SnapshotMeta meta = new SnapshotMeta(SnapshotMeta.CURRENT_SCHEMA, "t", Instant.EPOCH, "x", TASK,
                "l4sim", PROFILE.name(), "test");
        return SnapshotWriter.toBytes(new Snapshot(meta, space));
    }

    /** Snapshot, change the task behind the agent's back (stdin commands), restore, walk again. */
    private record Outcome(CapSpace snapshot, CapSpace changed, RestoreResult result, CapSpace restored) {
    }

    private Outcome snapshotChangeRestore(CapsimProcess capsim) {
        try (BridgeTarget target = BridgeTarget.connect(capsim.uri(), TIMEOUT)) {
            CapSpace taken = new Walker(target).walk(TASK, PROFILE);
            int victim = taken.capMap().stream()
                    .filter(e -> e.hasBadge() && e.index() >= PROFILE.userBaseCap() && "ROM".equals(e.semantics().rpcInterface()))
                    .findFirst().orElseThrow().index();
            command(capsim, "open-session log_client LOG extra"); // first-fit: lands past the victim
            command(capsim, "close-session log_client " + victim);
            CapSpace changed = new Walker(target).walk(TASK, PROFILE);
            Snapshot wanted = new Snapshot(new SnapshotMeta(SnapshotMeta.CURRENT_SCHEMA, "before", Instant.EPOCH,
                    capsim.uri(), TASK, target.info().kernel(), PROFILE.name(), "test"), taken);
            RestoreRunner runner = new RestoreRunner(target, PROFILE);
            RestoreResult result = runner.apply(runner.prepare(wanted, TASK), RestoreListener.NONE);
            return new Outcome(taken, changed, result, new Walker(target).walk(TASK, PROFILE));
        }
    }

    private static void command(CapsimProcess capsim, String line) {
        capsim.send(line);
        String answer = capsim.awaitLine(l -> l.startsWith("ok") || l.startsWith("error"), TIMEOUT);
        assertTrue(answer.startsWith("ok"), line + ": " + answer);
    }

    @Test
    void snapshotAndRestoreOverSerialEqualThoseOverASocket() {
        CapsimProcess.Options opts = CapsimProcess.Options.of(CapsimProcess.findScenario("log-client")).allowRestore(true);
        Outcome serial;
        Outcome socket;
        try (CapsimProcess capsim = CapsimProcess.start(opts.listen("pty:" + tmp.resolve("capsim.pty")), TIMEOUT)) {
            assertTrue(capsim.uri().startsWith("serial:"), capsim.uri());
            serial = snapshotChangeRestore(capsim);
        }
        try (CapsimProcess capsim = CapsimProcess.start(opts, TIMEOUT)) {
            assertTrue(capsim.uri().startsWith("unix:"), capsim.uri());
            socket = snapshotChangeRestore(capsim);
        }
        // The snapshot: byte for byte the same file.
        assertArrayEquals(snapshotBytes(socket.snapshot()), snapshotBytes(serial.snapshot()));
        // The change was real, and the restore over serial undid it and verified.
        assertNotEquals(serial.snapshot().slotsBySelector().keySet(), serial.changed().slotsBySelector().keySet());
        assertTrue(serial.result().succeeded(), serial.result().summary());
        assertFalse(serial.result().plan().isNoOp());
        assertEquals(serial.snapshot().slotsBySelector().keySet(), serial.restored().slotsBySelector().keySet());
        // Same plan, same steps, same space afterwards as over the socket.
        assertEquals(socket.result().plan().render(), serial.result().plan().render());
        assertEquals(socket.result().appliedSteps(), serial.result().appliedSteps());
        assertEquals(socket.restored(), serial.restored());
    }
}
