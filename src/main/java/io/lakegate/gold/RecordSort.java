package io.lakegate.gold;

import java.util.Arrays;

/**
 * Sorts {@link SortRecords sort records} in memory, in the order of {@link SortRecords#compare}, several times faster
 * than a comparison sort over the byte arrays.
 * <p>
 * <b>Why bytes alone decide.</b> A record's key fields are self-delimiting (markers, fixed-width numbers, text ended
 * by {@code 0 0}), so two different keys of one encoder differ at a byte both have. Comparing everything after
 * the header (the key, then the payload) as one unsigned byte string therefore orders records exactly as comparing
 * keys first and payloads on a tie.
 * <p>
 * <b>How.</b> A most-significant-first radix sort on 4-byte chunks: each record's next chunk goes into the high half
 * of a long and its index into the low half, and {@link Arrays#sort(long[], int, int)} orders them; each run of equal
 * chunks is then sorted on the following chunk, after skipping the bytes the whole run shares (the day and store of a
 * gold group, say). Short runs, and runs where a record ends within the chunk, fall back to comparing bytes. Scratch:
 * 12 bytes per record while it sorts.
 */
final class RecordSort {

    private static final int HEADER = 8;
    private static final int CHUNK = Integer.BYTES;
    /** Below this many records a comparison sort is cheaper than another radix pass. */
    private static final int SMALL_RUN = 24;
    /** Passes one range may go through; past them (long text that keeps branching) bytes are compared instead. */
    private static final int MAX_PASSES = 64;

    private final byte[][] records;
    private final int[] order;
    private final long[] packed;

    private RecordSort(byte[][] records) {
        this.records = records;
        this.order = new int[records.length];
        this.packed = new long[records.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
    }

    /** The records, sorted; the array given is left as it was. */
    static byte[][] sorted(byte[][] records) {
        RecordSort sort = new RecordSort(records);
        sort.sortRange(0, records.length, HEADER, 0);
        byte[][] result = new byte[records.length][];
        for (int i = 0; i < result.length; i++) {
            result[i] = records[sort.order[i]];
        }
        return result;
    }

    /** Sorts {@code order[from, to)}, whose records are all equal before {@code offset}. */
    private void sortRange(int from, int to, int offset, int pass) {
        if (to - from < 2) {
            return;
        }
        offset = HEADER + commonPrefix(from, to, offset);
        if (to - from < SMALL_RUN || pass == MAX_PASSES || endsWithin(from, to, offset + CHUNK)) {
            compareSort(from, to, offset);
            return;
        }
        for (int i = from; i < to; i++) {
            // The chunk's sign bit flipped, so a signed sort of the longs orders the chunks unsigned.
            packed[i] = (long) (chunk(records[order[i]], offset) ^ Integer.MIN_VALUE) << 32 | order[i];
        }
        Arrays.sort(packed, from, to);
        for (int i = from; i < to; i++) {
            order[i] = (int) packed[i];
        }
        int runStart = from;
        for (int i = from + 1; i <= to; i++) {
            if (i == to || packed[i] >>> 32 != packed[runStart] >>> 32) {
                sortRange(runStart, i, offset + CHUNK, pass + 1);
                runStart = i;
            }
        }
    }

    /** How many bytes after the header all records of the range share, at least {@code offset - HEADER}. */
    private int commonPrefix(int from, int to, int offset) {
        byte[] first = records[order[from]];
        int shared = first.length - HEADER;
        for (int i = from + 1; i < to && shared > offset - HEADER; i++) {
            byte[] other = records[order[i]];
            int mismatch = Arrays.mismatch(first, offset, HEADER + shared, other, offset, Math.min(other.length, HEADER + shared));
            if (mismatch >= 0) {
                shared = offset - HEADER + mismatch;
            }
        }
        return shared;
    }

    private boolean endsWithin(int from, int to, int end) {
        for (int i = from; i < to; i++) {
            if (records[order[i]].length < end) {
                return true;
            }
        }
        return false;
    }

    private static int chunk(byte[] record, int offset) {
        return (record[offset] & 0xFF) << 24 | (record[offset + 1] & 0xFF) << 16 | (record[offset + 2] & 0xFF) << 8
                | (record[offset + 3] & 0xFF);
    }

    private void compareSort(int from, int to, int offset) {
        Integer[] boxed = new Integer[to - from];
        for (int i = from; i < to; i++) {
            boxed[i - from] = order[i];
        }
        Arrays.sort(boxed, (a, b) -> Arrays.compareUnsigned(records[a], offset, records[a].length, records[b], offset,
                records[b].length));
        for (int i = from; i < to; i++) {
            order[i] = boxed[i - from];
        }
    }
}
