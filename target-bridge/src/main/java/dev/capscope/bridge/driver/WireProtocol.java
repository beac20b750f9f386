package dev.capscope.bridge.driver;

/**
 * The wire numbers of the agent protocol that Java code interprets, named exactly as in the
 * protocol's one C definition ({@code src/main/c/protocol/proto.h}); ProtocolHeaderTest holds
 * every constant here to that header.
 */
public final class WireProtocol {
    /** Statuses of error frames. */
    public static final int ST_NO_SUCH_TASK = 7;
    public static final int ST_NO_LEASE = 16;

    /** Object kinds (CAP_INFOS, CREATE_OBJECT). */
    public static final int KIND_TASK = 1;
    public static final int KIND_THREAD = 2;
    public static final int KIND_IPC_GATE = 3;
    public static final int KIND_IRQ_SENDER = 4;

    /** CAP_INFOS record flags. */
    public static final int CAPINFO_KIND_KNOWN = 1;
    public static final int CAPINFO_LABEL_VALID = 2;
    public static final int CAPINFO_MAPPINGS_KNOWN = 4;

    /** Cap-map entry flags (CAP_MAP, SET_CAPMAP_ENTRY). */
    public static final int CAPMAP_FLAG_RCV_WINDOW = 1;
    public static final int CAPMAP_FLAG_SESSION = 2;
    public static final int CAPMAP_FLAG_SEMANTICS = 4;

    /** THREADS state byte. */
    public static final int THREAD_RUNNING = 0;
    public static final int THREAD_STOPPED = 1;

    /** "Not known" markers. */
    public static final long PROTO_UNKNOWN_ID = 0xFFFF_FFFFL;
    public static final int PROTO_RIGHTS_UNKNOWN = 0xFF;
    public static final int PROTO_CAPMAP_DONE = 0xFFFF;

    private WireProtocol() {
    }
}
