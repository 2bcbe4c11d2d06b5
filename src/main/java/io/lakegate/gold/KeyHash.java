package io.lakegate.gold;

import io.lakegate.parquet.ColumnType;
import io.lakegate.parquet.RowView;
import io.lakegate.parquet.Utf8RowView;
import java.nio.charset.StandardCharsets;

/**
 * A 44-bit hash of a key value, to tell cheaply whether two rows may share a key. Equal keys always hash alike;
 * different keys rarely do (among ten million keys, a few pairs), and a match is only ever a reason to compare the
 * keys themselves.
 */
final class KeyHash {

    static final int BITS = 44;

    private KeyHash() {
    }

    /** Text keys hash their UTF-8 bytes, taken as they are from a row that holds them, so no string is made. */
    static long of(RowView row, int column, ColumnType type) {
        long hash;
        if (type == ColumnType.STRING && row instanceof Utf8RowView utf8) {
            hash = fnv(utf8.utf8Array(column), utf8.utf8Offset(column), utf8.utf8Length(column));
        } else if (type == ColumnType.STRING) {
            byte[] key = row.getString(column).getBytes(StandardCharsets.UTF_8);
            hash = fnv(key, 0, key.length);
        } else {
            hash = row.getLong(column);
        }
        return mix(hash) >>> (Long.SIZE - BITS);
    }

    private static long fnv(byte[] bytes, int offset, int length) {
        long hash = 0xcbf29ce484222325L;
        for (int i = offset; i < offset + length; i++) {
            hash = (hash ^ (bytes[i] & 0xFF)) * 0x100000001b3L;
        }
        return hash;
    }

    /** MurmurHash3's finalizer: every input bit moves about half of the output bits. */
    private static long mix(long value) {
        long h = value;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
