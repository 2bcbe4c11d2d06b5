package io.lakegate.parquet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The dictionary of one text column chunk: each distinct value's UTF-8 once, numbered in the order first seen. A value
 * equal to the one before is found without hashing: columns with a dictionary repeat (lineage columns are constant
 * over a whole part).
 */
final class TextDictionary {

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private final long maxPlainBytes;
    private byte[] text = new byte[1024];
    private int textEnd;
    private int[] offsets = new int[64];
    private int[] lengths = new int[64];
    private int size;
    /** Id + 1 of the value in each slot, 0 for an empty slot; open addressing with linear probing. */
    private int[] slots = new int[128];
    private int[] slotHashes = new int[128];
    private long plainBytes;
    private int last = -1;

    /** @param maxPlainBytes the size the dictionary page may reach, 4 bytes of length plus the text per value */
    TextDictionary(long maxPlainBytes) {
        this.maxPlainBytes = maxPlainBytes;
    }

    /** The value's id, added if new; -1 when adding it would make the dictionary outgrow its size, which it then keeps. */
    int idOf(byte[] bytes, int offset, int length) {
        if (last >= 0 && lengths[last] == length
                && Arrays.equals(text, offsets[last], offsets[last] + length, bytes, offset, offset + length)) {
            return last;
        }
        int hash = hash(bytes, offset, length);
        int mask = slots.length - 1;
        int slot = hash & mask;
        for (int entry; (entry = slots[slot]) != 0; slot = (slot + 1) & mask) {
            int id = entry - 1;
            if (slotHashes[slot] == hash && lengths[id] == length
                    && Arrays.equals(text, offsets[id], offsets[id] + length, bytes, offset, offset + length)) {
                last = id;
                return id;
            }
        }
        if (plainBytes + Integer.BYTES + length > maxPlainBytes) {
            return -1;
        }
        int id = add(bytes, offset, length);
        slots[slot] = id + 1;
        slotHashes[slot] = hash;
        if (2 * size > slots.length) {
            rehash();
        }
        last = id;
        return id;
    }

    int size() {
        return size;
    }

    /** The size of the dictionary page: 4 bytes of length plus the text per value. */
    long plainBytes() {
        return plainBytes;
    }

    byte[] text() {
        return text;
    }

    int offset(int id) {
        return offsets[id];
    }

    int length(int id) {
        return lengths[id];
    }

    /** The dictionary page's values in PLAIN encoding: each value's length (4 bytes, little-endian), then its bytes. */
    byte[] plain() {
        byte[] page = new byte[Math.toIntExact(plainBytes)];
        int at = 0;
        for (int id = 0; id < size; id++) {
            INT.set(page, at, lengths[id]);
            System.arraycopy(text, offsets[id], page, at + Integer.BYTES, lengths[id]);
            at += Integer.BYTES + lengths[id];
        }
        return page;
    }

    private int add(byte[] bytes, int offset, int length) {
        if (size == offsets.length) {
            offsets = Arrays.copyOf(offsets, 2 * size);
            lengths = Arrays.copyOf(lengths, 2 * size);
        }
        if (textEnd + length > text.length) {
            text = Arrays.copyOf(text, Math.max(textEnd + length, 2 * text.length));
        }
        System.arraycopy(bytes, offset, text, textEnd, length);
        offsets[size] = textEnd;
        lengths[size] = length;
        textEnd += length;
        plainBytes += Integer.BYTES + length;
        return size++;
    }

    private void rehash() {
        int[] newSlots = new int[2 * slots.length];
        int[] newHashes = new int[newSlots.length];
        int mask = newSlots.length - 1;
        for (int slot = 0; slot < slots.length; slot++) {
            if (slots[slot] != 0) {
                int at = slotHashes[slot] & mask;
                while (newSlots[at] != 0) {
                    at = (at + 1) & mask;
                }
                newSlots[at] = slots[slot];
                newHashes[at] = slotHashes[slot];
            }
        }
        slots = newSlots;
        slotHashes = newHashes;
    }

    private static int hash(byte[] bytes, int offset, int length) {
        int hash = length;
        int at = offset;
        int end = offset + length;
        for (; at + Integer.BYTES <= end; at += Integer.BYTES) {
            hash = (hash ^ (int) INT.get(bytes, at)) * 0x9E3779B1;
        }
        for (; at < end; at++) {
            hash = (hash ^ bytes[at]) * 0x9E3779B1;
        }
        return hash ^ (hash >>> 15);
    }
}
