package dev.capscope.bridge.driver;

import dev.capscope.bridge.jna.CapBridgeLibrary;
import dev.capscope.bridge.testing.WireAgent;
import dev.capscope.bridge.testing.WireNumbers;
import dev.capscope.core.model.ObjectKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The protocol is defined once, in C (protocol/proto.h, and capbridge.h for the records the
 * library hands to Java). Every number the Java side keeps must be the header's.
 */
class ProtocolHeaderTest {
    private static final Path C = Path.of("src/main/c");
    private static Map<String, Long> proto;
    private static Map<String, Long> bridge;

    @BeforeAll
    static void readHeaders() throws IOException {
        proto = CHeader.read(C.resolve("protocol/proto.h")).values();
        bridge = CHeader.read(C.resolve("protocol/proto.h"), C.resolve("bridge/capbridge.h")).values();
    }

    @Test
    void headersAreReadAsTheCompilerSeesThem() {
        assertEquals(0x50435343L, proto.get("PROTO_MAGIC"));
        assertEquals(0x18L, proto.get("OP_CLOSE_SESSION"));
        assertEquals(16L, proto.get("ST_NO_LEASE"));
        assertEquals(14L, proto.get("KIND_LAST"));
        assertEquals(1L << 20, bridge.get("CB_MAX_RESPONSE"));
        assertEquals(538L, bridge.get("CB_BITMAP_BYTES"));
    }

    @Test
    void everyWireConstantIsTheHeaders() throws IllegalAccessException {
        assertAllMatch(WireProtocol.class, "", proto, "protocol/proto.h");
    }

    /** The test-side agents (WireAgent, ProtocolRules) and raw-frame tests speak these numbers. */
    @Test
    void everyTestAgentNumberIsTheHeaders() throws IllegalAccessException {
        assertAllMatch(WireNumbers.class, "", proto, "protocol/proto.h");
    }

    @Test
    void everyLibraryConstantIsCapbridgeHs() throws IllegalAccessException {
        assertAllMatch(CapBridgeLibrary.class, "CB_", bridge, "bridge/capbridge.h");
    }

    @Test
    void kindTableFollowsTheHeadersKinds() {
        long last = proto.get("KIND_LAST");
        int kinds = 0;
        for (Map.Entry<String, Long> e : proto.entrySet()) {
            if (e.getKey().startsWith("KIND_") && !e.getKey().equals("KIND_LAST")) {
                ObjectKind expected = ObjectKind.valueOf(e.getKey().substring("KIND_".length()));
                assertEquals(expected, RecordDecoder.kind(e.getValue().intValue()), e.getKey());
                assertEquals(e.getValue().intValue(), WireAgent.wireKind(expected), "WireAgent's " + e.getKey());
                kinds++;
            }
        }
        assertEquals(last + 1, kinds, "one KIND_ per wire number 0.." + last);
        assertThrows(ArrayIndexOutOfBoundsException.class, () -> RecordDecoder.kind((int) last + 1));
    }

    /** Each public static int/long constant of type is prefix + its name in the header, same value. */
    private static void assertAllMatch(Class<?> type, String prefix, Map<String, Long> header, String file)
            throws IllegalAccessException {
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Field f : type.getDeclaredFields()) {
            int mod = f.getModifiers();
            if (!Modifier.isPublic(mod) || !Modifier.isStatic(mod) || !Modifier.isFinal(mod)
                    || !(f.getType() == int.class || f.getType() == long.class)) {
                continue;
            }
            String name = prefix + f.getName();
            long value = ((Number) f.get(null)).longValue();
            Long expected = header.get(name);
            if (expected == null || expected != value) {
                wrong.add(type.getSimpleName() + "." + f.getName() + " = " + value + ", " + file + " "
                        + name + " = " + expected);
            }
            checked++;
        }
        assertTrue(checked > 5, "found constants in " + type.getSimpleName());
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }
}
