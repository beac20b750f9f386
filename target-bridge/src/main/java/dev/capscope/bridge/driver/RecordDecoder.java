package dev.capscope.bridge.driver;

import dev.capscope.bridge.jna.CapBridgeLibrary;
import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.ObjectKind;
import dev.capscope.core.model.Rights;
import dev.capscope.core.model.Semantics;
import dev.capscope.core.model.ThreadInfo;
import dev.capscope.core.target.CapInfo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the number records libcapbridge wrote (capbridge.h CB_*_FIELDS layouts) into
 * inspector-core values. The native side has already checked every count, length and range;
 * what is left here is meaning: wire kind numbers, "unknown" markers, empty strings.
 */
final class RecordDecoder {
    /** Wire kind numbers (protocol §3 CAP_INFOS) to kinds; index = wire value. */
    private static final ObjectKind[] KINDS = {
            ObjectKind.UNKNOWN, ObjectKind.TASK, ObjectKind.THREAD, ObjectKind.IPC_GATE, ObjectKind.IRQ_SENDER,
            ObjectKind.IRQ_SEMAPHORE, ObjectKind.FACTORY, ObjectKind.SCHEDULER, ObjectKind.VLOG, ObjectKind.ICU,
            ObjectKind.VM, ObjectKind.JDB, ObjectKind.DMA_SPACE, ObjectKind.SEMAPHORE, ObjectKind.IOMMU,
    };
    private static final long UNKNOWN_U32 = 0xFFFF_FFFFL;
    private static final int FLAG_KIND_KNOWN = 1;
    private static final int FLAG_LABEL_VALID = 2;
    private static final int FLAG_MAPPINGS_KNOWN = 4;
    private static final int CAPMAP_SEMANTICS_KNOWN = 4;

    private RecordDecoder() {
    }

    /** The wire number of a kind (for CREATE_OBJECT), or -1 when it has none. */
    static int wireKind(ObjectKind kind) {
        for (int i = 1; i < KINDS.length; i++) {
            if (KINDS[i] == kind) {
                return i;
            }
        }
        return -1;
    }

    /** Bytes of the arena in use: the end of the furthest (offset, length) pair. */
    static int arenaEnd(long[] nums, int records, int fields, int firstStringField, int strings) {
        long end = 0;
        for (int r = 0; r < records; r++) {
            for (int s = 0; s < strings; s++) {
                int at = r * fields + firstStringField + 2 * s;
                end = Math.max(end, nums[at] + nums[at + 1]);
            }
        }
        return (int) end;
    }

    static String string(byte[] arena, long offset, long length) {
        return new String(arena, (int) offset, (int) length, StandardCharsets.UTF_8);
    }

    static List<CapInfo> capInfos(long[] n, int count) {
        List<CapInfo> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int at = i * CapBridgeLibrary.CAPINFO_FIELDS;
            int flags = (int) n[at + 6];
            ObjectKind kind = (flags & FLAG_KIND_KNOWN) != 0 ? KINDS[(int) n[at + 1]] : ObjectKind.UNKNOWN;
            int rights = (int) n[at + 2];
            long objectId = n[at + 3] == UNKNOWN_U32 ? CapInfo.UNKNOWN_ID : n[at + 3];
            Long label = (flags & FLAG_LABEL_VALID) != 0 ? n[at + 4] : null;
            int mappings = (flags & FLAG_MAPPINGS_KNOWN) != 0 ? (int) n[at + 5] : -1;
            // 0xFF = rights unknown; the model has no "unknown" rights, NONE is the honest closest.
            out.add(new CapInfo((int) n[at], objectId, kind, rights == 0xFF ? Rights.NONE : new Rights(rights),
                    label, mappings));
        }
        return out;
    }

    static List<ThreadInfo> threads(long[] n, int count, byte[] arena) {
        List<ThreadInfo> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int at = i * CapBridgeLibrary.THREAD_FIELDS;
            int state = (int) n[at + 3];
            String stateName = switch (state) {
                case 0 -> "running";
                case 1 -> "stopped";
                default -> "state " + state;
            };
            out.add(new ThreadInfo((int) n[at], string(arena, n[at + 4], n[at + 5]), stateName));
        }
        return out;
    }

    static List<CapMapEntry> capMapEntries(long[] n, int count, byte[] arena) {
        List<CapMapEntry> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int at = i * CapBridgeLibrary.CAPMAP_FIELDS;
            Semantics semantics = Semantics.NONE;
            if ((n[at + 3] & CAPMAP_SEMANTICS_KNOWN) != 0) {
                semantics = new Semantics(emptyToNull(string(arena, n[at + 6], n[at + 7])),
                        emptyToNull(string(arena, n[at + 8], n[at + 9])),
                        emptyToNull(string(arena, n[at + 10], n[at + 11])),
                        emptyToNull(string(arena, n[at + 12], n[at + 13])),
                        n[at + 5] == 0 ? null : n[at + 5]);
            }
            out.add(new CapMapEntry((int) n[at], n[at + 1], (int) n[at + 2], semantics));
        }
        return out;
    }

    static List<TaskRecord> tasks(long[] n, int count, byte[] arena) {
        List<TaskRecord> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int at = i * CapBridgeLibrary.TASK_FIELDS;
            long objectId = n[at + 2] == UNKNOWN_U32 ? -1 : n[at + 2];
            out.add(new TaskRecord(n[at], n[at + 1], objectId, (int) n[at + 3], (int) n[at + 4], n[at + 5],
                    string(arena, n[at + 6], n[at + 7])));
        }
        return out;
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
