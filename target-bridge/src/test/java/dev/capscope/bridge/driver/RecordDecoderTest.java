package dev.capscope.bridge.driver;

import dev.capscope.bridge.jna.CapBridgeLibrary;
import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.Semantics;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RecordDecoderTest {
    /** Number records and string arena as libcapbridge writes them for CAP_MAP answers. */
    private static final class CapMapRecords {
        final List<long[]> records = new ArrayList<>();
        final ByteArrayOutputStream arena = new ByteArrayOutputStream();
        final boolean share; // a string equal to the previous record's same string names its bytes

        CapMapRecords(boolean share) {
            this.share = share;
        }

        CapMapRecords add(int index, Semantics s) {
            long[] r = new long[CapBridgeLibrary.CAPMAP_FIELDS];
            r[CapBridgeLibrary.CAPMAP_INDEX] = index;
            r[CapBridgeLibrary.CAPMAP_RAW_ID] = 100 + index;
            r[CapBridgeLibrary.CAPMAP_REF_COUNT] = 1;
            r[CapBridgeLibrary.CAPMAP_FLAGS] = s == null ? 0 : WireProtocol.CAPMAP_FLAG_SEMANTICS;
            if (s != null) {
                r[CapBridgeLibrary.CAPMAP_QUOTA] = s.quota() == null ? 0 : s.quota();
                String[] strings = {s.rpcInterface(), s.label(), s.args(), s.server()};
                for (int k = 0; k < 4; k++) {
                    byte[] b = strings[k] == null ? new byte[0] : strings[k].getBytes(StandardCharsets.UTF_8);
                    int at = CapBridgeLibrary.CAPMAP_IFACE + 2 * k;
                    long[] previous = records.isEmpty() ? null : records.get(records.size() - 1);
                    if (share && previous != null && previous[at + 1] == b.length && Arrays.equals(b,
                            Arrays.copyOfRange(arena.toByteArray(), (int) previous[at], (int) (previous[at] + b.length)))) {
                        r[at] = previous[at];
                        r[at + 1] = b.length;
                        continue;
                    }
                    r[CapBridgeLibrary.CAPMAP_IFACE + 2 * k] = arena.size();
                    r[CapBridgeLibrary.CAPMAP_IFACE + 2 * k + 1] = b.length;
                    arena.writeBytes(b);
                }
            }
            records.add(r);
            return this;
        }

        List<CapMapEntry> decode() {
            long[] n = new long[records.size() * CapBridgeLibrary.CAPMAP_FIELDS];
            for (int i = 0; i < records.size(); i++) {
                System.arraycopy(records.get(i), 0, n, i * CapBridgeLibrary.CAPMAP_FIELDS, CapBridgeLibrary.CAPMAP_FIELDS);
            }
            return RecordDecoder.capMapEntries(n, records.size(), arena.toByteArray());
        }
    }

    @Test
    void capMapEntriesThatRepeatTheirNeighboursStringsDecodeToTheirOwnValues() {
        Semantics window = new Semantics("Nitpicker", "window", "ram_quota=64K", "nitpicker", 65536L);
        Semantics[] rows = {
                window, window,
                new Semantics("Nitpicker", "window 2", "ram_quota=64K", "nitpicker", 65536L), // label differs
                null, // no semantics in between
                new Semantics("Nitpicker", "window 2", "ram_quota=64K", "nitpicker", 4096L), // only the quota
                new Semantics("Nitpicker", "window 2", "ram_quota=64K", "nitpicker", null),
                new Semantics("Nitpicker", "window", "ram_quota=64K", "nitpicker", null),
                new Semantics("Nitpickes", "window", "ram_quota=64K", "nitpicker", null), // same length, other bytes
                new Semantics(null, null, null, null, null), // flagged, all strings empty
                new Semantics("Dataspace", null, null, "core", 4096L),
                new Semantics("Dataspace", null, null, "core", 4096L),
                new Semantics("Dataspace", "glyph", null, null, 4096L),
        };
        for (boolean share : new boolean[] {false, true}) {
            CapMapRecords records = new CapMapRecords(share);
            List<CapMapEntry> expected = new ArrayList<>();
            for (int i = 0; i < rows.length; i++) {
                records.add(i, rows[i]);
                expected.add(new CapMapEntry(i, 100 + i, 1, rows[i]));
            }
            assertEquals(expected, records.decode(), share ? "repeated strings sharing their bytes" : "all bytes apart");
        }
    }
}
