package dev.capscope.bridge.testing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

import static dev.capscope.bridge.testing.WireNumbers.*;

/**
 * The checks docs/protocol.md makes before a request reaches the target, written from the
 * document alone ("Order of checks", §3 AUTH, §3.1), for {@link WireAgent}: the opcode, the
 * AUTH gate of a target with a token, GENERATION's count, the exact length, a read-only
 * target. Values (ranges, tasks) are the target's business. {@code null} = go on.
 */
final class ProtocolRules {
    private static final int CUT_SHORT = Integer.MAX_VALUE; // no payload has this length: always BAD_LENGTH
    private static final Set<Integer> READS = Set.of(OP_HELLO, OP_TASKS, OP_GENERATION, OP_VALIDITY, OP_CAP_INFOS,
            OP_THREADS, OP_CAP_MAP, OP_AUTH, OP_LEASE_RELEASE);
    private static final Set<Integer> CHANGES = Set.of(OP_UNMAP, OP_MAP_COPY, OP_CREATE_SESSION, OP_CREATE_OBJECT,
            OP_SET_CAPMAP_ENTRY, OP_CLEAR_CAPMAP_ENTRY, OP_LEASE_ACQUIRE, OP_CLOSE_SESSION);

    private ProtocolRules() {
    }

    static WireAgent.Refusal check(int opcode, ByteBuffer req, String token, boolean authed, boolean writable) {
        if (!READS.contains(opcode) && !CHANGES.contains(opcode)) {
            return new WireAgent.Refusal(ST_UNKNOWN_OPCODE, "unknown opcode", false);
        }
        if (token != null && opcode != OP_HELLO && (opcode == OP_AUTH || !authed)) {
            if (opcode != OP_AUTH) {
                return new WireAgent.Refusal(ST_UNAUTHORIZED, "authentication required: send AUTH with the token", true);
            }
            byte[] got = authToken(req);
            if (got == null) {
                return new WireAgent.Refusal(ST_UNAUTHORIZED, "malformed AUTH request", true);
            }
            if (!MessageDigest.isEqual(got, token.getBytes(StandardCharsets.US_ASCII))) {
                return new WireAgent.Refusal(ST_UNAUTHORIZED, "wrong token", true);
            }
            return null;
        }
        if (opcode == OP_GENERATION && req.remaining() >= 2) {
            int count = Short.toUnsignedInt(req.getShort(0));
            if (count > PROTO_MAX_GENERATION_IDS) {
                return new WireAgent.Refusal(ST_COUNT_LIMIT, "count " + count + " over " + PROTO_MAX_GENERATION_IDS, false);
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
            return new WireAgent.Refusal(ST_REFUSED, "refused: read-only target", false);
        }
        return null;
    }

    private static WireAgent.Refusal badLength(ByteBuffer req) {
        return new WireAgent.Refusal(ST_BAD_LENGTH, "payload of " + req.remaining() + " bytes does not match the layout", false);
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
            case OP_TASKS, OP_LEASE_RELEASE -> 0;
            case OP_VALIDITY, OP_CAP_INFOS, OP_CAP_MAP -> 8;
            case OP_THREADS -> 4;
            case OP_UNMAP -> 8;
            case OP_MAP_COPY, OP_CREATE_OBJECT, OP_LEASE_ACQUIRE -> 16;
            case OP_CLEAR_CAPMAP_ENTRY, OP_CLOSE_SESSION -> 6;
            case OP_GENERATION -> req.remaining() < 2 ? CUT_SHORT : 2 + 4 * Short.toUnsignedInt(req.getShort(0));
            case OP_AUTH -> strings(req, 0, 1);
            case OP_HELLO -> strings(req, 2, 1);
            case OP_CREATE_SESSION -> strings(req, 14, 4);
            case OP_SET_CAPMAP_ENTRY -> req.remaining() >= 10 && (req.get(9) & CAPMAP_FLAG_ID_HIGH) != 0 ? strings(req, 24, 4) : strings(req, 22, 4);
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
