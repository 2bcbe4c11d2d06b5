package io.lakegate.gold;

import java.util.Arrays;

/**
 * A set of {@link KeyHash key hashes} asked about once per row: a bitmap of the hashes' low bits answers most
 * hashes outside the set at once, and a sorted array answers the rest exactly.
 */
final class KeyHashSet {

    static final KeyHashSet EMPTY = new KeyHashSet(new long[0], new long[1], 0);
    /** Every key: for when the keys in question are too many to list. */
    static final KeyHashSet ALL = new KeyHashSet(null, null, 0);

    private static final int MIN_FILTER_BITS = 1 << 12;
    private static final int MAX_FILTER_BITS = 1 << 24;

    private final long[] sorted;
    private final long[] filter;
    private final long filterMask;

    private KeyHashSet(long[] sorted, long[] filter, long filterMask) {
        this.sorted = sorted;
        this.filter = filter;
        this.filterMask = filterMask;
    }

    /** @param hashes distinct hashes, in any order; the set sorts them in place */
    static KeyHashSet of(long[] hashes) {
        if (hashes.length == 0) {
            return EMPTY;
        }
        Arrays.sort(hashes);
        int bits = MIN_FILTER_BITS;
        while (bits < MAX_FILTER_BITS && bits < 8L * hashes.length) {
            bits <<= 1;
        }
        long[] filter = new long[bits / Long.SIZE];
        long mask = bits - 1;
        for (long hash : hashes) {
            int bit = (int) (hash & mask);
            filter[bit >>> 6] |= 1L << bit;
        }
        return new KeyHashSet(hashes, filter, mask);
    }

    boolean contains(long hash) {
        if (sorted == null) {
            return true;
        }
        int bit = (int) (hash & filterMask);
        return (filter[bit >>> 6] & 1L << bit) != 0 && Arrays.binarySearch(sorted, hash) >= 0;
    }

    boolean isEmpty() {
        return sorted != null && sorted.length == 0;
    }

    /** How many hashes the set lists; -1 for {@link #ALL}. */
    int size() {
        return sorted == null ? -1 : sorted.length;
    }
}
