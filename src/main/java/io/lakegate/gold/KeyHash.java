package io.lakegate.gold;

import io.lakegate.parquet.ColumnType;
import io.lakegate.parquet.RowView;

/**
 * A 44-bit hash of a key value, to tell cheaply whether two rows may share a key. Equal keys always hash alike;
 * different keys rarely do (among ten million keys, a few pairs), and a match is only ever a reason to compare the
 * keys themselves.
 */
final class KeyHash {

    static final int BITS = 44;

    private KeyHash() {
    }

    static long of(RowView row, int column, ColumnType type) {
        long hash;
        if (type == ColumnType.STRING) {
            String key = row.getString(column);
            hash = 0xcbf29ce484222325L;
            for (int i = 0; i < key.length(); i++) {
                hash = (hash ^ key.charAt(i)) * 0x100000001b3L;
            }
        } else {
            hash = row.getLong(column);
        }
        return mix(hash) >>> (Long.SIZE - BITS);
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
