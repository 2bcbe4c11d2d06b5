package io.lakegate.parquet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * XXH64 with seed 0, the hash Parquet's bloom filters are defined over, of a slice of an array in place: parquet-java
 * hashes a copy of each value.
 */
final class XxHash64 {

    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private static final long P1 = 0x9E3779B185EBCA87L;
    private static final long P2 = 0xC2B2AE3D27D4EB4FL;
    private static final long P3 = 0x165667B19E3779F9L;
    private static final long P4 = 0x85EBCA77C2B2AE63L;
    private static final long P5 = 0x27D4EB2F165667C5L;

    private XxHash64() {
    }

    static long hash(byte[] bytes, int offset, int length) {
        int at = offset;
        int end = offset + length;
        long hash;
        if (length >= 32) {
            long v1 = P1 + P2;
            long v2 = P2;
            long v3 = 0;
            long v4 = -P1;
            for (; at + 32 <= end; at += 32) {
                v1 = round(v1, (long) LONG.get(bytes, at));
                v2 = round(v2, (long) LONG.get(bytes, at + 8));
                v3 = round(v3, (long) LONG.get(bytes, at + 16));
                v4 = round(v4, (long) LONG.get(bytes, at + 24));
            }
            hash = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12) + Long.rotateLeft(v4, 18);
            hash = merge(hash, v1);
            hash = merge(hash, v2);
            hash = merge(hash, v3);
            hash = merge(hash, v4);
        } else {
            hash = P5;
        }
        hash += length;
        for (; at + 8 <= end; at += 8) {
            hash ^= round(0, (long) LONG.get(bytes, at));
            hash = Long.rotateLeft(hash, 27) * P1 + P4;
        }
        if (at + 4 <= end) {
            hash ^= ((int) INT.get(bytes, at) & 0xFFFFFFFFL) * P1;
            hash = Long.rotateLeft(hash, 23) * P2 + P3;
            at += 4;
        }
        for (; at < end; at++) {
            hash ^= (bytes[at] & 0xFFL) * P5;
            hash = Long.rotateLeft(hash, 11) * P1;
        }
        hash ^= hash >>> 33;
        hash *= P2;
        hash ^= hash >>> 29;
        hash *= P3;
        hash ^= hash >>> 32;
        return hash;
    }

    private static long round(long accumulator, long input) {
        return Long.rotateLeft(accumulator + input * P2, 31) * P1;
    }

    private static long merge(long hash, long accumulator) {
        return (hash ^ round(0, accumulator)) * P1 + P4;
    }
}
