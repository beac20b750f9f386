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
import java.util.Arrays;
import java.util.List;

/**
 * Turns the number records libcapbridge wrote (capbridge.h CB_*_FIELDS layouts) into
 * inspector-core values. The native side has already checked every count, length and range;
 * what is left here is meaning: wire kind numbers, "unknown" markers, empty strings.
 */
final class RecordDecoder {
    /** Wire kind numbers (protocol/proto.h enum proto_kind) to kinds; index = wire value. */
    private static final ObjectKind[] KINDS = {
            ObjectKind.UNKNOWN, ObjectKind.TASK, ObjectKind.THREAD, ObjectKind.IPC_GATE, ObjectKind.IRQ_SENDER,
            ObjectKind.IRQ_SEMAPHORE, ObjectKind.FACTORY, ObjectKind.SCHEDULER, ObjectKind.VLOG, ObjectKind.ICU,
            ObjectKind.VM, ObjectKind.JDB, ObjectKind.DMA_SPACE, ObjectKind.SEMAPHORE, ObjectKind.IOMMU,
    };
    private RecordDecoder() {
    }

    /** The kind a wire number stands for (the native side has checked its range). */
    static ObjectKind kind(int wire) {
        return KINDS[wire];
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
            int flags = (int) n[at + CapBridgeLibrary.CAPINFO_FLAGS];
            ObjectKind kind = (flags & WireProtocol.CAPINFO_KIND_KNOWN) != 0
                    ? kind((int) n[at + CapBridgeLibrary.CAPINFO_KIND]) : ObjectKind.UNKNOWN;
            int rights = (int) n[at + CapBridgeLibrary.CAPINFO_RIGHTS];
            long object = n[at + CapBridgeLibrary.CAPINFO_OBJECT];
            long objectId = object == WireProtocol.PROTO_UNKNOWN_ID ? CapInfo.UNKNOWN_ID : object;
            Long label = (flags & WireProtocol.CAPINFO_LABEL_VALID) != 0 ? n[at + CapBridgeLibrary.CAPINFO_LABEL] : null;
            int mappings = (flags & WireProtocol.CAPINFO_MAPPINGS_KNOWN) != 0
                    ? (int) n[at + CapBridgeLibrary.CAPINFO_MAPPINGS] : -1;
            // The model has no "unknown" rights; NONE is the honest closest.
            Rights r = rights == WireProtocol.PROTO_RIGHTS_UNKNOWN ? Rights.NONE : Rights.of(rights);
            out.add(new CapInfo((int) n[at + CapBridgeLibrary.CAPINFO_SELECTOR], objectId, kind, r, label, mappings));
        }
        return out;
    }

    static List<ThreadInfo> threads(long[] n, int count, byte[] arena) {
        List<ThreadInfo> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int at = i * CapBridgeLibrary.THREAD_FIELDS;
            int state = (int) n[at + CapBridgeLibrary.THREAD_STATE];
            String stateName = switch (state) {
                case WireProtocol.THREAD_RUNNING -> "running";
                case WireProtocol.THREAD_STOPPED -> "stopped";
                default -> "state " + state;
            };
            int name = at + CapBridgeLibrary.THREAD_NAME;
            out.add(new ThreadInfo((int) n[at + CapBridgeLibrary.THREAD_INDEX], string(arena, n[name], n[name + 1]),
                    stateName));
        }
        return out;
    }

    static List<CapMapEntry> capMapEntries(long[] n, int count, byte[] arena) {
        List<CapMapEntry> out = new ArrayList<>(count);
        // Neighbouring entries mostly repeat their strings (a server's dataspaces, its sessions): a
        // string with the bytes of the previous entry's same string (mostly the very same arena
        // bytes, capbridge.h cb_cap_map) is that String again, and semantics equal in every field
        // are the previous Semantics, instead of decoding anew.
        String[] strings = new String[4];
        int[] from = {-1, -1, -1, -1};
        int[] length = new int[4];
        Semantics semantics = null;
        long quota = 0;
        for (int i = 0; i < count; i++) {
            int at = i * CapBridgeLibrary.CAPMAP_FIELDS;
            Semantics entry = Semantics.NONE;
            if ((n[at + CapBridgeLibrary.CAPMAP_FLAGS] & WireProtocol.CAPMAP_FLAG_SEMANTICS) != 0) {
                boolean same = semantics != null && n[at + CapBridgeLibrary.CAPMAP_QUOTA] == quota;
                for (int k = 0; k < 4; k++) {
                    int field = at + CapBridgeLibrary.CAPMAP_IFACE + 2 * k;
                    int f = (int) n[field];
                    int len = (int) n[field + 1];
                    boolean again = f == from[k] && len == length[k] // libcapbridge shares repeated bytes
                            || from[k] >= 0 && Arrays.equals(arena, from[k], from[k] + length[k], arena, f, f + len);
                    if (!again) {
                        strings[k] = len == 0 ? null : string(arena, f, len);
                        same = false;
                    }
                    from[k] = f;
                    length[k] = len;
                }
                if (!same) {
                    quota = n[at + CapBridgeLibrary.CAPMAP_QUOTA];
                    semantics = new Semantics(strings[0], strings[1], strings[2], strings[3], quota == 0 ? null : quota);
                }
                entry = semantics;
            }
            out.add(new CapMapEntry((int) n[at + CapBridgeLibrary.CAPMAP_INDEX], n[at + CapBridgeLibrary.CAPMAP_RAW_ID],
                    (int) n[at + CapBridgeLibrary.CAPMAP_REF_COUNT], entry));
        }
        return out;
    }

    static List<TaskRecord> tasks(long[] n, int count, byte[] arena) {
        List<TaskRecord> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int at = i * CapBridgeLibrary.TASK_FIELDS;
            long object = n[at + CapBridgeLibrary.TASK_OBJECT];
            int name = at + CapBridgeLibrary.TASK_NAME;
            out.add(new TaskRecord(n[at + CapBridgeLibrary.TASK_ID], n[at + CapBridgeLibrary.TASK_PARENT],
                    object == WireProtocol.PROTO_UNKNOWN_ID ? -1 : object, (int) n[at + CapBridgeLibrary.TASK_THREADS],
                    (int) n[at + CapBridgeLibrary.TASK_VALID_CAPS], n[at + CapBridgeLibrary.TASK_GENERATION],
                    string(arena, n[name], n[name + 1])));
        }
        return out;
    }
}
