package io.lakegate.quality;

/**
 * A set of 64-bit key hashes in one primitive array (open addressing): 8 bytes per key instead of a
 * boxed entry's ~50, which is what lets a 10-million-row file be checked for duplicate keys in a small heap.
 */
final class LongHashSet {

    private static final long EMPTY = 0;
    private static final double MAX_LOAD = 0.7;

    private long[] slots = new long[1 << 16];
    private boolean containsEmptyMarker;
    private int size;

    /** Adds a key; returns false when it was already present. */
    boolean add(long key) {
        if (key == EMPTY) {
            boolean added = !containsEmptyMarker;
            containsEmptyMarker = true;
            return added;
        }
        if (size + 1 > slots.length * MAX_LOAD) {
            grow();
        }
        if (!place(slots, key)) {
            return false;
        }
        size++;
        return true;
    }

    private static boolean place(long[] table, long key) {
        int mask = table.length - 1;
        int i = (int) mix(key) & mask;
        while (table[i] != EMPTY) {
            if (table[i] == key) {
                return false;
            }
            i = (i + 1) & mask;
        }
        table[i] = key;
        return true;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        for (long key : old) {
            if (key != EMPTY) {
                place(slots, key);
            }
        }
    }

    private static long mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 32);
    }
}
