package io.lakegate.gold;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/** A growable byte array that rows and keys are encoded into, reused from row to row. */
final class ByteSink {

    private static final VarHandle BIG_ENDIAN_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private byte[] bytes = new byte[256];
    private int size;

    void reset() {
        size = 0;
    }

    int size() {
        return size;
    }

    byte[] array() {
        return bytes;
    }

    void writeByte(int value) {
        ensure(1);
        bytes[size++] = (byte) value;
    }

    void writeBytes(byte[] values) {
        writeBytes(values, 0, values.length);
    }

    void writeBytes(byte[] values, int from, int length) {
        ensure(length);
        System.arraycopy(values, from, bytes, size, length);
        size += length;
    }

    /** Moves the bytes from {@code from} on by {@code by} (either way), making or closing a gap before them. */
    void moveTail(int from, int by) {
        ensure(Math.max(0, by));
        System.arraycopy(bytes, from, bytes, from + by, size - from);
        size += by;
    }

    /** Big-endian, so that comparing the bytes unsigned compares the values with their sign bit flipped. */
    void writeLong(long value) {
        ensure(Long.BYTES);
        BIG_ENDIAN_LONG.set(bytes, size, value);
        size += Long.BYTES;
    }

    /** The long {@link #writeLong} wrote at {@code at} of {@code bytes}. */
    static long readLong(byte[] bytes, int at) {
        return (long) BIG_ENDIAN_LONG.get(bytes, at);
    }

    /** Seven bits a byte, low bits first; small values (lengths, quantities) take one or two bytes. */
    void writeVarLong(long value) {
        ensure(10);
        while ((value & ~0x7FL) != 0) {
            bytes[size++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        bytes[size++] = (byte) value;
    }

    /** Flips every byte written since {@code from}: a descending sort key is the ascending one inverted. */
    void invertFrom(int from) {
        for (int i = from; i < size; i++) {
            bytes[i] = (byte) ~bytes[i];
        }
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
