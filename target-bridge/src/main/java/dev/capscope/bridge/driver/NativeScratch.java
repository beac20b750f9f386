package dev.capscope.bridge.driver;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.capscope.bridge.jna.CapBridgeLibrary;

/**
 * The native buffers one connection reuses for every answer: record numbers, the string arena,
 * the validity bitmap and the per-call meta values. Sized once for the protocol's largest answer
 * (a cap-map page of 4096 entries, 1 MiB of strings), so no wire value ever sizes an allocation.
 * Owned by one {@link BridgeConnection}, used under its lock, freed by {@link #close()}.
 */
final class NativeScratch implements AutoCloseable {
    static final int MAX_RECORDS = CapBridgeLibrary.LAST_SELECTOR + 1;
    static final int NUMS_LONGS = MAX_RECORDS * CapBridgeLibrary.CAPMAP_FIELDS;
    static final int ARENA_BYTES = CapBridgeLibrary.MAX_RESPONSE;

    private final Memory nums = new Memory((long) NUMS_LONGS * Long.BYTES);
    private final Memory arena = new Memory(ARENA_BYTES);
    private final Memory bitmap = new Memory(CapBridgeLibrary.BITMAP_BYTES);
    private final Memory meta = new Memory((long) CapBridgeLibrary.META_FIELDS * Long.BYTES);

    Pointer nums() {
        return nums;
    }

    Pointer arena() {
        return arena;
    }

    Pointer bitmap() {
        return bitmap;
    }

    Pointer meta() {
        meta.clear();
        return meta;
    }

    /** The first {@code records * fields} numbers the last call wrote. */
    long[] readNums(int records, int fields) {
        long[] out = new long[records * fields];
        nums.read(0, out, 0, out.length);
        return out;
    }

    /** The arena bytes up to the end of the furthest string the last call wrote. */
    byte[] readArena(int length) {
        return arena.getByteArray(0, length);
    }

    byte[] readBitmap(int length) {
        return bitmap.getByteArray(0, length);
    }

    long meta(int field) {
        return meta.getLong((long) field * Long.BYTES);
    }

    @Override
    public void close() {
        nums.close();
        arena.close();
        bitmap.close();
        meta.close();
    }
}
