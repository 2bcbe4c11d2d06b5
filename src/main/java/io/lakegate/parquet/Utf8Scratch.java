package io.lakegate.parquet;

import java.nio.charset.StandardCharsets;
import org.apache.parquet.io.api.Binary;

/**
 * Encodes string values as UTF-8 into one reused array. {@code Binary.fromString} allocates a byte array, a
 * ByteBuffer and the Binary for every value, and its buffer-backed values are slower to hash and compare in
 * Parquet's dictionaries and statistics than array-backed ones. Not thread-safe: one per writer.
 */
final class Utf8Scratch {

    private byte[] bytes = new byte[64];

    /**
     * The UTF-8 of {@code value}, valid until the next call. It is marked as reused, so Parquet copies whatever
     * it keeps (dictionary entries, min/max statistics).
     */
    Binary encode(String value) {
        int length = value.length();
        if (length > bytes.length) {
            bytes = new byte[Math.max(length, 2 * bytes.length)];
        }
        byte[] out = bytes;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                // Beyond ASCII a char no longer maps to one byte (and surrogates pair up): Java's encoder decides.
                return Binary.fromConstantByteArray(value.getBytes(StandardCharsets.UTF_8));
            }
            out[i] = (byte) c;
        }
        return Binary.fromReusedByteArray(out, 0, length);
    }
}
