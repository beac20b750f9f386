package dev.capscope.bridge.testing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/**
 * The checks docs/protocol.md makes before a request reaches the target, written from the
 * document alone ("Order of checks", §3 AUTH, §3.1), for {@link WireAgent}: the opcode, the
 * AUTH gate of a target with a token, GENERATION's count, the exact length, a read-only
 * target. Values (ranges, tasks) are the target's business. {@code null} = go on.
 */
final class ProtocolRules {
    static final int HELLO = 0x01;
    static final int GENERATION = 0x03;
    static final int AUTH = 0x08;
    static final int LEASE_ACQUIRE = 0x16;
    private static final int CUT_SHORT = Integer.MAX_VALUE; // no payload has this length: always BAD_LENGTH
    private static final Set<Integer> READS = Set.of(0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x17);
    private static final Set<Integer> CHANGES = Set.of(0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x18);

    private ProtocolRules() {
    }

    static WireAgent.Refusal check(int opcode, ByteBuffer req, String token, boolean authed, boolean writable) {
        if (!READS.contains(opcode) && !CHANGES.contains(opcode)) {
            return new WireAgent.Refusal(3, "unknown opcode", false);
        }
        if (token != null && opcode != HELLO && (opcode == AUTH || !authed)) {
            if (opcode != AUTH) {
                return new WireAgent.Refusal(13, "authentication required: send AUTH with the token", true);
            }
            byte[] got = authToken(req);
            if (got == null) {
                return new WireAgent.Refusal(13, "malformed AUTH request", true);
            }
            if (!MessageDigest.isEqual(got, token.getBytes(StandardCharsets.US_ASCII))) {
                return new WireAgent.Refusal(13, "wrong token", true);
            }
            return null;
        }
        if (opcode == GENERATION && req.remaining() >= 2) {
            int count = Short.toUnsignedInt(req.getShort(0));
            if (count > 256) {
                return new WireAgent.Refusal(8, "count " + count + " over 256", false);
            }
            if (req.remaining() != 2 + 4 * count) {
                return badLength(req);
            }
        }
        int expected = layoutLength(opcode, req);
        if (expected >= 0 && expected != req.remaining()) {
            return badLength(req);
        }
        if (CHANGES.contains(opcode) && !writable) {
            return new WireAgent.Refusal(9, "refused: read-only target", false);
        }
        return null;
    }

    private static WireAgent.Refusal badLength(ByteBuffer req) {
        return new WireAgent.Refusal(4, "payload of " + req.remaining() + " bytes does not match the layout", false);
    }

    /** The token of a well-formed AUTH (exactly one string), else null. */
    private static byte[] authToken(ByteBuffer req) {
        if (req.remaining() < 2) {
            return null;
        }
        int n = Short.toUnsignedInt(req.getShort(0));
        if (req.remaining() != 2 + n) {
            return null;
        }
        byte[] t = new byte[n];
        req.get(2, t);
        return t;
    }

    /** The exact payload length the layout gives (strings walked), -1 when it cannot be told. */
    private static int layoutLength(int opcode, ByteBuffer req) {
        return switch (opcode) {
            case 0x02, 0x17 -> 0;
            case 0x04, 0x05, 0x07 -> 8;
            case 0x06 -> 4;
            case 0x10 -> 8;
            case 0x11, 0x13, LEASE_ACQUIRE -> 16;
            case 0x15, 0x18 -> 6;
            case GENERATION -> req.remaining() < 2 ? CUT_SHORT : 2 + 4 * Short.toUnsignedInt(req.getShort(0));
            case AUTH -> strings(req, 0, 1);
            case HELLO -> strings(req, 2, 1);
            case 0x12 -> strings(req, 14, 4);
            case 0x14 -> req.remaining() >= 10 && (req.get(9) & 8) != 0 ? strings(req, 24, 4) : strings(req, 22, 4);
            default -> -1;
        };
    }

    /** {@code from} fixed bytes and then {@code count} strings: their total length, CUT_SHORT if they run past the end. */
    private static int strings(ByteBuffer req, int from, int count) {
        int at = from;
        for (int i = 0; i < count; i++) {
            if (at + 2 > req.remaining()) {
                return CUT_SHORT;
            }
            at += 2 + Short.toUnsignedInt(req.getShort(at));
        }
        return at;
    }
}
