package dev.capscope.bridge.testing;

/**
 * The wire numbers the test-side agents ({@link WireAgent}, {@link ProtocolRules}) and the raw
 * protocol tests speak, named exactly as in the protocol's one C definition
 * ({@code src/main/c/protocol/proto.h}). They are written from docs/protocol.md, independently
 * of the main code; ProtocolHeaderTest holds every constant here to the header, so a number
 * changed in either place fails the build.
 */
public final class WireNumbers {
    /** The frame header. */
    public static final int PROTO_MAGIC = 0x50435343;
    public static final int PROTO_VERSION = 1;
    public static final int PROTO_HEADER_SIZE = 20;
    public static final int PROTO_OFF_OPCODE = 6;
    public static final int PROTO_OFF_ID = 8;
    public static final int PROTO_OFF_LENGTH = 16;

    /** Limits an agent announces in HELLO. */
    public static final int PROTO_MAX_REQUEST_PAYLOAD = 65536;
    public static final int PROTO_MAX_RESPONSE_PAYLOAD = 1 << 20;
    public static final int PROTO_MAX_IN_FLIGHT = 16;
    public static final int PROTO_LAST_SELECTOR = 4296;
    public static final int PROTO_MAX_GENERATION_IDS = 256;
    public static final long PROTO_UNKNOWN_ID = 0xFFFF_FFFFL;
    public static final int PROTO_CAPMAP_DONE = 0xFFFF;

    /** Opcodes. */
    public static final int OP_HELLO = 0x01;
    public static final int OP_TASKS = 0x02;
    public static final int OP_GENERATION = 0x03;
    public static final int OP_VALIDITY = 0x04;
    public static final int OP_CAP_INFOS = 0x05;
    public static final int OP_THREADS = 0x06;
    public static final int OP_CAP_MAP = 0x07;
    public static final int OP_AUTH = 0x08;
    public static final int OP_UNMAP = 0x10;
    public static final int OP_MAP_COPY = 0x11;
    public static final int OP_CREATE_SESSION = 0x12;
    public static final int OP_CREATE_OBJECT = 0x13;
    public static final int OP_SET_CAPMAP_ENTRY = 0x14;
    public static final int OP_CLEAR_CAPMAP_ENTRY = 0x15;
    public static final int OP_LEASE_ACQUIRE = 0x16;
    public static final int OP_LEASE_RELEASE = 0x17;
    public static final int OP_CLOSE_SESSION = 0x18;

    /** Statuses. */
    public static final int ST_OK = 0;
    public static final int ST_UNKNOWN_OPCODE = 3;
    public static final int ST_BAD_LENGTH = 4;
    public static final int ST_NO_SUCH_TASK = 7;
    public static final int ST_COUNT_LIMIT = 8;
    public static final int ST_REFUSED = 9;
    public static final int ST_L4_ERROR = 10;
    public static final int ST_UNAUTHORIZED = 13;
    public static final int ST_LEASE_HELD = 14;
    public static final int ST_GENERATION_MOVED = 15;

    /** HELLO flags. */
    public static final int HELLO_RESTORE_ALLOWED = 1;
    public static final int HELLO_EQUAL_IDENTITY = 2;
    public static final int HELLO_OBJECT_KINDS = 4;
    public static final int HELLO_SIMULATED = 8;
    public static final int HELLO_TOKEN_REQUIRED = 16;

    /** CAP_INFOS record flags. */
    public static final int CAPINFO_KIND_KNOWN = 1;
    public static final int CAPINFO_LABEL_VALID = 2;
    public static final int CAPINFO_MAPPINGS_KNOWN = 4;

    /** Cap-map entry flags. */
    public static final int CAPMAP_FLAG_RCV_WINDOW = 1;
    public static final int CAPMAP_FLAG_SESSION = 2;
    public static final int CAPMAP_FLAG_SEMANTICS = 4;
    public static final int CAPMAP_FLAG_ID_HIGH = 8;

    /** THREADS state byte. */
    public static final int THREAD_RUNNING = 0;
    public static final int THREAD_STOPPED = 1;

    /** Object kinds: the first and the last wire number (the table is KIND_UNKNOWN + 1..KIND_LAST). */
    public static final int KIND_UNKNOWN = 0;
    public static final int KIND_LAST = 14;

    private WireNumbers() {
    }
}
