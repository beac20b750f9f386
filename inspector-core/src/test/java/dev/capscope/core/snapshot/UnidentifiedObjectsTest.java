package dev.capscope.core.snapshot;

import dev.capscope.core.diff.DiffEngine;
import dev.capscope.core.diff.DiffField;
import dev.capscope.core.diff.DiffResult;
import dev.capscope.core.diff.MatchKey;
import dev.capscope.core.diff.SlotDiff;
import dev.capscope.core.lint.Linter;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.KernelObject;
import dev.capscope.core.model.ObjectKind;
import dev.capscope.core.model.Rights;
import dev.capscope.core.model.Slot;
import dev.capscope.core.model.Snapshot;
import dev.capscope.core.model.SnapshotMeta;
import dev.capscope.core.profile.ProfileRegistry;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A target that cannot name objects (a kernel without the debugger object) still gives kinds,
 * labels and rights per slot. Its snapshot holds no made-up ids, and reads, shows, lints and diffs
 * like any other.
 */
class UnidentifiedObjectsTest {
    private static Snapshot snapshot(long gateLabel) {
        List<KernelObject> objects = List.of(new KernelObject(7, ObjectKind.TASK, null),
                KernelObject.unidentified(2, ObjectKind.UNKNOWN, null),
                KernelObject.unidentified(0x16, ObjectKind.IPC_GATE, gateLabel),
                KernelObject.unidentified(0x417, ObjectKind.UNKNOWN, null));
        List<Slot> slots = List.of(new Slot(1, 7, Rights.RWSD, "task"),
                new Slot(2, KernelObject.unidentifiedKey(2), Rights.NONE, "factory"),
                new Slot(0x16, KernelObject.unidentifiedKey(0x16), Rights.parse("RWS"), "env rom"),
                new Slot(0x417, KernelObject.unidentifiedKey(0x417), Rights.NONE, "cap map"));
        CapSpace space = new CapSpace("hello", "l4re", 3, objects, slots, List.of(), List.of());
        return new Snapshot(new SnapshotMeta(1, "hello", Instant.parse("2026-11-29T12:00:00Z"), "serial:/tmp/l4.sock",
                "hello", "Fiasco.OC (L4Re)", "l4re", "capscope test"), space);
    }

    @Test
    void aFileHoldsNoMadeUpIdAndReadsBackEqual() {
        Snapshot s = snapshot(0x16);
        String json = new String(SnapshotWriter.toBytes(s), StandardCharsets.UTF_8);
        assertFalse(json.matches("(?s).*[:\\[,]\\s*-\\d.*"), () -> "a negative number in\n" + json);
        assertTrue(json.contains("{\"kind\": \"Ipc_gate\", \"label\": 22, \"rights\": \"RWS\", \"role\": \"env rom\", \"selector\": 22}"), json);
        Snapshot back = SnapshotReader.read("hello.json", json.getBytes(StandardCharsets.UTF_8));
        assertEquals(s, back);
        assertFalse(back.space().objectAt(0x16).idKnown());
        assertEquals(ObjectKind.IPC_GATE, back.space().objectAt(0x16).kind());
        assertTrue(back.space().objectAt(1).idKnown());
    }

    @Test
    void canonicalTextShowsUnknownIdsAsSuch() {
        String text = CanonicalText.render(snapshot(0x16));
        assertTrue(text.contains("slot 0x0016 kcap 0x0016000 RWS  obj ? Ipc_gate label 22 (env rom)"), text);
        assertFalse(text.contains("obj -"), text);
    }

    @Test
    void lintRunsOnIt() {
        assertTrue(Linter.lint(snapshot(0x16).space(), ProfileRegistry.builtin().get("l4re")).stream()
                .noneMatch(f -> f.message().contains("-1")));
    }

    @Test
    void twoWalksWithoutIdsDiffByWhatTheKernelSaid() {
        DiffEngine engine = DiffEngine.forProfile(ProfileRegistry.builtin().get("l4re"));
        DiffResult same = engine.diff(snapshot(0x16).space(), snapshot(0x16).space(), MatchKey.SELECTOR);
        assertFalse(same.hasChanges());
        DiffResult relabelled = engine.diff(snapshot(0x16).space(), snapshot(0x20).space(), MatchKey.SELECTOR);
        SlotDiff row = relabelled.slotChanges().get(0);
        assertEquals(0x16, row.after().selector());
        assertTrue(row.changes().stream().anyMatch(c -> c.field() == DiffField.GATE_LABEL));
        assertTrue(row.changes().stream().noneMatch(c -> c.field() == DiffField.OBJECT_ID),
                "unknown and unknown is no change of id");
    }

    @Test
    void aSlotWithAnIdDoesNotAlsoDescribeItsObject() {
        String bad = new String(SnapshotWriter.toBytes(snapshot(0x16)), StandardCharsets.UTF_8)
                .replace("{\"objectId\": 7,", "{\"kind\": \"Task\", \"objectId\": 7,");
        SnapshotFormatException e = assertThrows(SnapshotFormatException.class,
                () -> SnapshotReader.read("bad.json", bad.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("objects table"), e.getMessage());
    }

    @Test
    void aSlotWithNeitherIdNorKindIsRefused() {
        String bad = new String(SnapshotWriter.toBytes(snapshot(0x16)), StandardCharsets.UTF_8)
                .replace("{\"kind\": \"unknown\", \"rights\": \"-\", \"role\": \"factory\"", "{\"rights\": \"-\", \"role\": \"factory\"");
        SnapshotFormatException e = assertThrows(SnapshotFormatException.class,
                () -> SnapshotReader.read("bad.json", bad.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("objectId"), e.getMessage());
    }

    @Test
    void unidentifiedKeysAreOnePerSelector() {
        KernelObject a = KernelObject.unidentified(5, ObjectKind.UNKNOWN, null);
        assertFalse(a.idKnown());
        assertEquals("unknown", a.idText());
        assertFalse(a.sameAs(KernelObject.unidentified(5, ObjectKind.UNKNOWN, null)), "unknown is never 'same'");
        assertThrows(IllegalArgumentException.class, () -> new CapSpace("t", "l4re", 1,
                List.of(KernelObject.unidentified(5, ObjectKind.UNKNOWN, null)),
                List.of(new Slot(6, KernelObject.unidentifiedKey(5), Rights.NONE, "")), List.of(), List.of()));
        assertNull(snapshot(1).space().objectAt(3));
    }
}
