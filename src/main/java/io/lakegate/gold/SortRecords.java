package io.lakegate.gold;

import java.util.Arrays;

/**
 * The layout of a sort record, the unit that external sorts buffer, spill and merge:
 * <pre>
 *   int keyLength | int groupLength | key (keyLength bytes) | payload (the rest: the row, see RowCodec)
 * </pre>
 * The key is order-preserving ({@link SortRecordEncoder}), so records sort by comparing bytes, without
 * decoding. Its first {@code groupLength} bytes identify a group (the row's business key): the sort places
 * the row that should win its group first. Records with equal keys are ordered by their payload bytes, so
 * the order is total and never depends on the order rows arrived in.
 */
final class SortRecords {

    /** Bytes before the key: its length and the group's length. */
    static final int HEADER = 8;

    private SortRecords() {
    }

    static byte[] assemble(ByteSink key, int groupLength, ByteSink payload) {
        byte[] record = new byte[length(key, payload)];
        write(record, 0, key, groupLength, payload);
        return record;
    }

    /** How many bytes the record of this key and payload takes. */
    static int length(ByteSink key, ByteSink payload) {
        return HEADER + key.size() + payload.size();
    }

    /** Writes the record of this key and payload into {@code bytes} from {@code at} on. */
    static void write(byte[] bytes, int at, ByteSink key, int groupLength, ByteSink payload) {
        writeInt(bytes, at, key.size());
        writeInt(bytes, at + 4, groupLength);
        System.arraycopy(key.array(), 0, bytes, at + HEADER, key.size());
        System.arraycopy(payload.array(), 0, bytes, at + HEADER + key.size(), payload.size());
    }

    static int payloadOffset(byte[] record) {
        return HEADER + keyLength(record);
    }

    /** Where the payload of the record that starts at {@code recordOffset} of {@code bytes} starts. */
    static int payloadOffset(byte[] bytes, int recordOffset) {
        return recordOffset + HEADER + readInt(bytes, recordOffset);
    }

    static int compare(byte[] a, byte[] b) {
        return compare(a, a.length, b, b.length);
    }

    /** Compares the records that fill the first {@code aLength} bytes of {@code a} and {@code bLength} of {@code b}. */
    static int compare(byte[] a, int aLength, byte[] b, int bLength) {
        int keyEndA = payloadOffset(a);
        int keyEndB = payloadOffset(b);
        int byKey = Arrays.compareUnsigned(a, HEADER, keyEndA, b, HEADER, keyEndB);
        return byKey != 0 ? byKey : Arrays.compareUnsigned(a, keyEndA, aLength, b, keyEndB, bLength);
    }

    /** Compares the keys only, not the payloads: equal when the rows tie on every sort field. */
    static int compareKeys(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, HEADER, payloadOffset(a), b, HEADER, payloadOffset(b));
    }

    static int compareGroups(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, HEADER, HEADER + groupLength(a), b, HEADER, HEADER + groupLength(b));
    }

    private static int keyLength(byte[] record) {
        return readInt(record, 0);
    }

    private static int groupLength(byte[] record) {
        return readInt(record, 4);
    }

    private static void writeInt(byte[] bytes, int at, int value) {
        bytes[at] = (byte) (value >>> 24);
        bytes[at + 1] = (byte) (value >>> 16);
        bytes[at + 2] = (byte) (value >>> 8);
        bytes[at + 3] = (byte) value;
    }

    private static int readInt(byte[] bytes, int at) {
        return (bytes[at] & 0xFF) << 24 | (bytes[at + 1] & 0xFF) << 16 | (bytes[at + 2] & 0xFF) << 8 | (bytes[at + 3] & 0xFF);
    }
}
