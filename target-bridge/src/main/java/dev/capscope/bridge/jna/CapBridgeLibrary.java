package dev.capscope.bridge.jna;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * Raw binding of libcapbridge ({@code src/main/c/bridge/capbridge.h}), direct-mapped: one JNI
 * call per request, results written into caller-owned native memory. Internal: only the driver
 * package uses it; nothing above the driver sees a {@link Pointer}.
 *
 * <p>The library is found on the classpath as {@code linux-x86-64/libcapbridge.so} (in
 * target/classes or inside the jar); {@code -Djna.debug_load=true} shows where JNA looked.
 */
public final class CapBridgeLibrary {
    /** Return codes (negative) = capbridge.h CB_E_*. */
    public static final int OK = 0;
    public static final int E_UNREACHABLE = -1;
    public static final int E_TIMEOUT = -2;
    public static final int E_PROTOCOL = -3;
    public static final int E_REFUSED = -4;
    public static final int E_REJECTED = -5;
    public static final int E_INTERNAL = -6;
    public static final int E_LEASE_HELD = -7;
    public static final int E_GENERATION_MOVED = -8;

    /** Agent status of a mutation made without the restore lease (docs/protocol.md §2). */
    public static final int ST_NO_LEASE = 16;

    public static final int LAST_SELECTOR = 4296;
    public static final int LAST_CAPMAP_INDEX = 4095;
    public static final int MAX_STRING = 4096;
    public static final int MAX_RESPONSE = 1 << 20;
    public static final int BITMAP_BYTES = (LAST_SELECTOR + 1 + 7) / 8;

    /** int64 fields per output record (capbridge.h CB_*_FIELDS). */
    public static final int HELLO_FIELDS = 10;
    public static final int TASK_FIELDS = 8;
    public static final int CAPINFO_FIELDS = 7;
    public static final int THREAD_FIELDS = 6;
    public static final int CAPMAP_FIELDS = 14;
    public static final int META_FIELDS = 4;
    /** cb_stats fields: writes (round trips), frames sent, answers read, announced answers dropped. */
    public static final int STATS_FIELDS = 4;
    /** cb_announce_walks flag: each walk starts with its own GENERATION. */
    public static final int WALK_GENERATION_FIRST = 1;

    private static final Throwable LOAD_FAILURE = register();

    private CapBridgeLibrary() {
    }

    private static Throwable register() {
        try {
            Native.register(CapBridgeLibrary.class, "capbridge");
            return null;
        } catch (UnsatisfiedLinkError | IllegalArgumentException e) {
            return e;
        }
    }

    /** Null when the library is loaded, else why it could not be. */
    public static Throwable loadFailure() {
        return LOAD_FAILURE;
    }

    public static native Pointer cb_new();

    public static native int cb_connect(Pointer c, byte[] uriNulTerminated, int timeoutMs);

    public static native void cb_set_timeout(Pointer c, int timeoutMs);

    public static native void cb_free(Pointer c);

    public static native int cb_error_code(Pointer c);

    public static native int cb_error_message(Pointer c, byte[] buf, int cap);

    public static native int cb_wire_status(Pointer c);

    public static native int cb_wire_detail(Pointer c);

    public static native int cb_hello_info(Pointer c, Pointer nums, Pointer arena, int arenaCap);

    public static native int cb_tasks(Pointer c, Pointer nums, int maxTasks, Pointer arena, int arenaCap);

    public static native int cb_generation(Pointer c, int task, Pointer meta);

    public static native int cb_validity(Pointer c, int task, int first, int last, Pointer bitmap, int cap,
                                         Pointer meta);

    public static native int cb_cap_infos(Pointer c, int task, int first, int last, Pointer nums, int maxInfos,
                                          Pointer meta);

    public static native int cb_threads(Pointer c, int task, Pointer nums, int maxThreads, Pointer arena,
                                        int arenaCap, Pointer meta);

    public static native int cb_cap_map(Pointer c, int task, int first, int last, Pointer nums, int maxEntries,
                                        Pointer arena, int arenaCap, Pointer meta);

    public static native int cb_announce_walks(Pointer c, int[] tasks, int ntasks, int flags);

    public static native int cb_stats(Pointer c, long[] out);

    public static native int cb_unmap(Pointer c, int task, int selector, int order, int mode, Pointer meta);

    public static native int cb_map_copy(Pointer c, int dstTask, int srcTask, int from, int to, int order,
                                         int rights, int grant, Pointer meta);

    public static native int cb_create_session(Pointer c, int task, int selector, long quota,
                                               byte[] iface, int ifaceLen, byte[] label, int labelLen,
                                               byte[] args, int argsLen, byte[] server, int serverLen,
                                               Pointer meta);

    public static native int cb_create_object(Pointer c, int task, int selector, int kind, long label,
                                              Pointer meta);

    public static native int cb_set_capmap_entry(Pointer c, int task, int index, int rawId, int refCount,
                                                 int flags, int serverTask, long quota,
                                                 byte[] iface, int ifaceLen, byte[] label, int labelLen,
                                                 byte[] args, int argsLen, byte[] server, int serverLen,
                                                 Pointer meta);

    public static native int cb_clear_capmap_entry(Pointer c, int task, int index, Pointer meta);

    public static native int cb_close_session(Pointer c, int task, int selector, Pointer meta);

    public static native int cb_lease_acquire(Pointer c, int task, long generation, int timeoutMs, Pointer meta);

    public static native int cb_lease_release(Pointer c);
}
