package dev.capscope.bridge.driver;

import com.sun.jna.Pointer;
import dev.capscope.bridge.jna.CapBridgeLibrary;
import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.Semantics;
import dev.capscope.core.model.ThreadInfo;
import dev.capscope.core.target.CapInfo;
import dev.capscope.core.target.TargetException;
import dev.capscope.core.target.TargetException.Code;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import static dev.capscope.bridge.jna.CapBridgeLibrary.CAPINFO_FIELDS;
import static dev.capscope.bridge.jna.CapBridgeLibrary.CAPMAP_FIELDS;
import static dev.capscope.bridge.jna.CapBridgeLibrary.META_BADGE;
import static dev.capscope.bridge.jna.CapBridgeLibrary.META_GENERATION;
import static dev.capscope.bridge.jna.CapBridgeLibrary.META_NEXT_INDEX;
import static dev.capscope.bridge.jna.CapBridgeLibrary.META_OBJECT;
import static dev.capscope.bridge.jna.CapBridgeLibrary.TASK_FIELDS;
import static dev.capscope.bridge.jna.CapBridgeLibrary.THREAD_FIELDS;

/**
 * One connection to an agent through libcapbridge, speaking in inspector-core values. Thread-safe:
 * every call holds the connection's lock across the native call, reading its results out of the
 * shared native buffers, and reading its error. Owns the native connection and buffers; {@link
 * #close()} frees both. No {@link Pointer} leaves this class.
 */
public final class BridgeConnection implements AutoCloseable {
    private final String endpoint;
    private final HelloInfo hello;
    private Pointer handle;
    private NativeScratch scratch;

    private BridgeConnection(String endpoint, Pointer handle, NativeScratch scratch, HelloInfo hello) {
        this.endpoint = endpoint;
        this.handle = handle;
        this.scratch = scratch;
        this.hello = hello;
    }

    /**
     * Loads libcapbridge now (JNA and the native methods) without connecting; {@link #open} reports a
     * failure. A command line calls it on a second thread so the load overlaps its own start.
     */
    public static void loadLibrary() {
        CapBridgeLibrary.loadFailure();
    }

    /** Connects and performs HELLO within {@code timeout}, which then bounds every request. */
    public static BridgeConnection open(String uri, Duration timeout) {
        Objects.requireNonNull(uri, "uri");
        Throwable loadFailure = CapBridgeLibrary.loadFailure();
        if (loadFailure != null) {
            throw new TargetException(Code.INTERNAL, "libcapbridge could not be loaded: " + loadFailure.getMessage()
                    + " (it ships as linux-x86-64/libcapbridge.so in the target-bridge jar; run with"
                    + " -Djna.debug_load=true to see where JNA looked)", loadFailure);
        }
        String shown = withoutToken(uri); // the token never reaches messages or snapshot metadata
        Pointer c = CapBridgeLibrary.cb_new();
        if (c == null) {
            throw new TargetException(Code.INTERNAL, "out of native memory");
        }
        NativeScratch scratch = null;
        try {
            byte[] uriBytes = (uri + '\0').getBytes(StandardCharsets.UTF_8);
            if (CapBridgeLibrary.cb_connect(c, uriBytes, millis(timeout)) < 0) {
                throw NativeReplies.lastError(shown, c);
            }
            scratch = new NativeScratch();
            HelloInfo hello = NativeReplies.hello(shown, c, scratch);
            return new BridgeConnection(shown, c, scratch, hello);
        } catch (RuntimeException | Error e) {
            if (scratch != null) {
                scratch.close();
            }
            CapBridgeLibrary.cb_free(c);
            throw e;
        }
    }

    /** The address without its token query (libcapbridge reads the token from there, cb_auth.h). */
    static String withoutToken(String uri) {
        return dev.capscope.bridge.AddressSecrets.withoutToken(uri);
    }

    private static int millis(Duration timeout) {
        long ms = timeout.toMillis();
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, ms));
    }

    public String endpoint() {
        return endpoint;
    }

    public HelloInfo hello() {
        return hello;
    }

    public synchronized void setTimeout(Duration timeout) {
        CapBridgeLibrary.cb_set_timeout(open(), millis(timeout));
    }

    public synchronized List<TaskRecord> tasks() {
        Pointer c = open();
        int count = check(CapBridgeLibrary.cb_tasks(c, scratch.nums(), NativeScratch.MAX_RECORDS,
                scratch.arena(), NativeScratch.ARENA_BYTES));
        long[] n = scratch.readNums(count, TASK_FIELDS);
        byte[] arena = scratch.readArena(RecordDecoder.arenaEnd(n, count, TASK_FIELDS, CapBridgeLibrary.TASK_NAME, 1));
        return decoded(() -> RecordDecoder.tasks(n, count, arena));
    }

    public synchronized long generation(long task) {
        Pointer c = open();
        Pointer meta = scratch.meta();
        check(CapBridgeLibrary.cb_generation(c, (int) task, meta));
        return scratch.meta(META_GENERATION);
    }

    /** Bit (sel - first) set when the selector is valid. */
    public synchronized BitSet validity(long task, int first, int last) {
        Pointer c = open();
        Pointer meta = scratch.meta();
        int bytes = check(CapBridgeLibrary.cb_validity(c, (int) task, first, last, scratch.bitmap(),
                CapBridgeLibrary.BITMAP_BYTES, meta));
        return BitSet.valueOf(scratch.readBitmap(bytes));
    }

    public synchronized List<CapInfo> capInfos(long task, int first, int last) {
        Pointer c = open();
        Pointer meta = scratch.meta();
        int count = check(CapBridgeLibrary.cb_cap_infos(c, (int) task, first, last, scratch.nums(),
                NativeScratch.MAX_RECORDS, meta));
        long[] n = scratch.readNums(count, CAPINFO_FIELDS);
        return decoded(() -> RecordDecoder.capInfos(n, count));
    }

    public synchronized List<ThreadInfo> threads(long task) {
        Pointer c = open();
        Pointer meta = scratch.meta();
        int count = check(CapBridgeLibrary.cb_threads(c, (int) task, scratch.nums(), NativeScratch.MAX_RECORDS,
                scratch.arena(), NativeScratch.ARENA_BYTES, meta));
        long[] n = scratch.readNums(count, THREAD_FIELDS);
        byte[] arena = scratch.readArena(RecordDecoder.arenaEnd(n, count, THREAD_FIELDS, CapBridgeLibrary.THREAD_NAME, 1));
        return decoded(() -> RecordDecoder.threads(n, count, arena));
    }

    /** One page of the cap map in first..last (indices 0..4095). */
    public synchronized CapMapPage capMapPage(long task, int first, int last) {
        Pointer c = open();
        Pointer meta = scratch.meta();
        int count = check(CapBridgeLibrary.cb_cap_map(c, (int) task, first, last, scratch.nums(),
                NativeScratch.MAX_RECORDS, scratch.arena(), NativeScratch.ARENA_BYTES, meta));
        long[] n = scratch.readNums(count, CAPMAP_FIELDS);
        byte[] arena = scratch.readArena(RecordDecoder.arenaEnd(n, count, CAPMAP_FIELDS, CapBridgeLibrary.CAPMAP_IFACE, 4));
        List<CapMapEntry> entries = decoded(() -> RecordDecoder.capMapEntries(n, count, arena));
        long next = scratch.meta(META_NEXT_INDEX);
        return new CapMapPage(entries, next == WireProtocol.PROTO_CAPMAP_DONE ? -1 : (int) next,
                scratch.meta(META_GENERATION));
    }

    /**
     * Pipelines the requests of walks of these tasks (capbridge.h cb_announce_walks): sent now in one
     * write, their answers taken by the calls that follow. Returns how many tasks were announced.
     */
    public synchronized int announceWalks(long[] tasks, boolean generationFirst) {
        int[] ids = new int[tasks.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = (int) tasks[i];
        }
        return check(CapBridgeLibrary.cb_announce_walks(open(), ids, ids.length,
                generationFirst ? CapBridgeLibrary.WALK_GENERATION_FIRST : 0));
    }

    /** What this connection did on the wire so far (for tests and benchmarks). */
    public synchronized WireStats stats() {
        long[] n = new long[CapBridgeLibrary.STATS_FIELDS];
        CapBridgeLibrary.cb_stats(open(), n);
        return new WireStats(n[0], n[1], n[2], n[3]);
    }

    /** UNMAP mode 0: removes this task's slot; copies elsewhere survive. */
    public synchronized MutationResult unmap(long task, int selector) {
        Pointer c = open();
        Pointer meta = scratch.meta();
        check(CapBridgeLibrary.cb_unmap(c, (int) task, selector, 0, 0, meta));
        return new MutationResult(scratch.meta(META_GENERATION), null, null);
    }

    /** MAP_COPY within the task; {@code grant} moves the mapping (L4_MAP_ITEM_GRANT) instead of copying it. */
    public synchronized MutationResult mapCopy(long task, int from, int to, int rights, boolean grant) {
        Pointer c = open();
        Pointer meta = scratch.meta();
        check(CapBridgeLibrary.cb_map_copy(c, (int) task, 0, from, to, 0, rights, grant ? 1 : 0, meta));
        return new MutationResult(scratch.meta(META_GENERATION), null, null);
    }

    public synchronized MutationResult createSession(long task, int selector, Semantics s) {
        SemanticsBytes str = new SemanticsBytes(s);
        Pointer c = open();
        Pointer meta = scratch.meta();
        check(CapBridgeLibrary.cb_create_session(c, (int) task, selector, str.quota,
                str.iface, str.iface.length, str.label, str.label.length, str.args, str.args.length,
                str.server, str.server.length, meta));
        return new MutationResult(scratch.meta(META_GENERATION), scratch.meta(META_BADGE), scratch.meta(META_OBJECT));
    }

    /** Creates an object of a wire kind (1 Task, 2 Thread, 3 Ipc_gate, 4 Irq_sender) at the selector. */
    public synchronized MutationResult createObject(long task, int selector, int wireKind, long label) {
        Pointer c = open();
        Pointer meta = scratch.meta();
        check(CapBridgeLibrary.cb_create_object(c, (int) task, selector, wireKind, label, meta));
        return new MutationResult(scratch.meta(META_GENERATION), null, scratch.meta(META_OBJECT));
    }

    public synchronized MutationResult setCapMapEntry(long task, int index, long rawId, int refCount, int flags,
                                                      Semantics s) {
        SemanticsBytes str = new SemanticsBytes(s);
        Pointer c = open();
        Pointer meta = scratch.meta();
        check(CapBridgeLibrary.cb_set_capmap_entry(c, (int) task, index, (int) rawId, refCount, flags, 0,
                str.quota, str.iface, str.iface.length, str.label, str.label.length, str.args, str.args.length,
                str.server, str.server.length, meta));
        return new MutationResult(scratch.meta(META_GENERATION), null, null);
    }

    public synchronized MutationResult clearCapMapEntry(long task, int index) {
        Pointer c = open();
        Pointer meta = scratch.meta();
        check(CapBridgeLibrary.cb_clear_capmap_entry(c, (int) task, index, meta));
        return new MutationResult(scratch.meta(META_GENERATION), null, null);
    }

    /** CLOSE_SESSION: closes the session at the selector at its server, as the task's parent would. */
    public synchronized MutationResult closeSession(long task, int selector) {
        Pointer c = open();
        Pointer meta = scratch.meta();
        check(CapBridgeLibrary.cb_close_session(c, (int) task, selector, meta));
        return new MutationResult(scratch.meta(META_GENERATION), null, null);
    }

    /**
     * LEASE_ACQUIRE: this connection alone may then mutate the task, each mutation a compare-and-swap
     * starting at {@code generation}; {@code timeoutMs} 0 = the agent's default. Returns the generation.
     */
    public synchronized long acquireLease(long task, long generation, int timeoutMs) {
        Pointer c = open();
        Pointer meta = scratch.meta();
        check(CapBridgeLibrary.cb_lease_acquire(c, (int) task, generation, timeoutMs, meta));
        return scratch.meta(META_GENERATION);
    }

    /** LEASE_RELEASE: ends this connection's lease (fine when it holds none). */
    public synchronized void releaseLease() {
        check(CapBridgeLibrary.cb_lease_release(open()));
    }

    /** The agent's status code of the last error frame (e.g. 7 NO_SUCH_TASK), 0 if none. */
    public synchronized int lastWireStatus() {
        return handle == null ? 0 : CapBridgeLibrary.cb_wire_status(handle);
    }

    @Override
    public synchronized void close() {
        if (handle != null) {
            CapBridgeLibrary.cb_free(handle);
            scratch.close();
            handle = null;
            scratch = null;
        }
    }

    private Pointer open() {
        if (handle == null) {
            throw new TargetException(Code.UNREACHABLE, endpoint + ": connection closed");
        }
        return handle;
    }

    private int check(int rc) {
        if (rc < 0) {
            throw NativeReplies.lastError(endpoint, handle);
        }
        return rc;
    }

    /** A decoded value the model rejects is a protocol error, never an IllegalArgumentException upward. */
    private <T> T decoded(Supplier<T> decode) {
        try {
            return decode.get();
        } catch (IllegalArgumentException e) {
            throw new TargetException(Code.PROTOCOL, endpoint + ": the target sent a value the model rejects: "
                    + e.getMessage(), e);
        }
    }
}
