package io.lakegate.quality;

/**
 * A 64-bit hash of a key value (FNV-1a over its UTF-8 bytes, then mixed). Two distinct keys collide with
 * a probability of about n²/2⁶⁵: for 10 million keys, one in 370,000 files.
 */
final class KeyHash {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private KeyHash() {
    }

    static long ofUtf8(byte[] utf8, int offset, int length) {
        long h = FNV_OFFSET;
        for (int i = offset; i < offset + length; i++) {
            h ^= utf8[i] & 0xFF;
            h *= FNV_PRIME;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }

    static long of(long value) {
        long h = value * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 31);
    }
}
