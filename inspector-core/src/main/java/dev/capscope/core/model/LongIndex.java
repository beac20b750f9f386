package dev.capscope.core.model;

/**
 * Positions keyed by a {@code long} (object ids) without boxing: open addressing with linear probing
 * in a table at least twice as large as the number of keys it was made for. A walk builds one per
 * space for its few hundred objects, where a {@code HashMap<Long, ...>} cost a box, a node and a
 * resize per object. Not thread-safe while filled; read-only use afterwards is.
 */
public final class LongIndex {
    private final long[] keys;
    private final int[] positions; // position + 1; 0 marks a free cell
    private final int shift;
    private final int capacity;
    private int size;

    /** An index for at most {@code expected} keys. */
    public LongIndex(int expected) {
        int cells = Integer.highestOneBit(Math.max(2, expected) * 2 - 1) << 1; // a power of two >= 2 * expected
        this.keys = new long[cells];
        this.positions = new int[cells];
        this.shift = 64 - Integer.numberOfTrailingZeros(cells);
        this.capacity = Math.max(2, expected);
    }

    /** The position stored for {@code key}, or -1. */
    public int get(long key) {
        int mask = keys.length - 1;
        for (int i = cell(key); ; i = (i + 1) & mask) {
            int p = positions[i];
            if (p == 0) {
                return -1;
            }
            if (keys[i] == key) {
                return p - 1;
            }
        }
    }

    /**
     * Stores {@code position} (0 or more) for {@code key} unless the key is there already.
     * Returns the position already stored, or -1 when this call stored it.
     */
    public int putIfAbsent(long key, int position) {
        if (position < 0) {
            throw new IllegalArgumentException("negative position " + position);
        }
        int mask = keys.length - 1;
        for (int i = cell(key); ; i = (i + 1) & mask) {
            int p = positions[i];
            if (p == 0) {
                if (size == capacity) {
                    throw new IllegalStateException("index made for " + capacity + " keys is full");
                }
                keys[i] = key;
                positions[i] = position + 1;
                size++;
                return -1;
            }
            if (keys[i] == key) {
                return p - 1;
            }
        }
    }

    public int size() {
        return size;
    }

    /** Fibonacci hashing: the top bits of key * 2^64 / phi spread ids that differ in low bits. */
    private int cell(long key) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
    }
}
