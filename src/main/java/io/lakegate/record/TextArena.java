package io.lakegate.record;

import java.util.Arrays;

/**
 * The text values of one batch of records as UTF-8, end to end in one array. A value is encoded once, by the
 * thread that reads the batch, and a Parquet writer copies its bytes as they are: it sweeps one array in the
 * batch's order instead of visiting a String per cell scattered over the heap, which cost the writer more than
 * any other single step once rows of many dates were interleaved. Cleared when its records take the next batch.
 * Not thread-safe.
 */
public final class TextArena {

    private static final int INITIAL_BYTES = 64 * 1024;
    // A batch of very wide rows can grow the array far past what later batches need; it is then given back
    // rather than held for the rest of the file.
    private static final int KEPT_BYTES = 16 * 1024 * 1024;

    private byte[] bytes = new byte[INITIAL_BYTES];
    private int used;

    /** Forgets every value, to take the next batch's. */
    public void clear() {
        used = 0;
        if (bytes.length > KEPT_BYTES) {
            bytes = new byte[INITIAL_BYTES];
        }
    }

    /** The array holding the values; valid until the next value is added. */
    byte[] bytes() {
        return bytes;
    }

    /**
     * Adds the UTF-8 of {@code text} and returns where it starts; its length is {@link #used()} minus that. A lone
     * surrogate becomes '?', as Java's own encoder writes it.
     */
    int append(CharSequence text) {
        int length = text.length();
        ensureRoom(3L * length);
        byte[] out = bytes;
        int start = used;
        int at = used;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                out[at++] = (byte) c;
            } else if (c < 0x800) {
                out[at++] = (byte) (0xC0 | c >> 6);
                out[at++] = (byte) (0x80 | c & 0x3F);
            } else if (!Character.isSurrogate(c)) {
                out[at++] = (byte) (0xE0 | c >> 12);
                out[at++] = (byte) (0x80 | c >> 6 & 0x3F);
                out[at++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                int codePoint = Character.toCodePoint(c, text.charAt(++i));
                out[at++] = (byte) (0xF0 | codePoint >> 18);
                out[at++] = (byte) (0x80 | codePoint >> 12 & 0x3F);
                out[at++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
                out[at++] = (byte) (0x80 | codePoint & 0x3F);
            } else {
                out[at++] = '?';
            }
        }
        used = at;
        return start;
    }

    /** Adds {@code length} bytes of UTF-8 as they are and returns where they start. */
    int append(byte[] utf8, int offset, int length) {
        ensureRoom(length);
        int start = used;
        System.arraycopy(utf8, offset, bytes, start, length);
        used += length;
        return start;
    }

    int used() {
        return used;
    }

    private void ensureRoom(long more) {
        long needed = used + more;
        if (needed > bytes.length) {
            if (needed > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("A batch's text exceeds what one array holds: " + needed + " bytes");
            }
            bytes = Arrays.copyOf(bytes, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(needed, 2L * bytes.length)));
        }
    }
}
