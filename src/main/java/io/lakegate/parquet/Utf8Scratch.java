package io.lakegate.parquet;

import java.nio.charset.StandardCharsets;

/**
 * Encodes string values as UTF-8 into one reused array, so that writing a string column allocates nothing per value
 * while the values are ASCII. Not thread-safe: one per writer.
 */
final class Utf8Scratch {

    private byte[] scratch = new byte[64];
    private byte[] bytes = scratch;

    /** Encodes {@code value}; its UTF-8 is then {@link #bytes()}{@code [0, length)}, valid until the next call. */
    int encode(String value) {
        int length = value.length();
        if (length > scratch.length) {
            scratch = new byte[Math.max(length, 2 * scratch.length)];
        }
        bytes = scratch;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                // Beyond ASCII a char no longer maps to one byte (and surrogates pair up): Java's encoder decides.
                bytes = value.getBytes(StandardCharsets.UTF_8);
                return bytes.length;
            }
            bytes[i] = (byte) c;
        }
        return length;
    }

    byte[] bytes() {
        return bytes;
    }
}
