package io.lakegate.parquet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The dictionary of one INT64 or INT32 column chunk: each distinct value once, numbered in the order first seen; a
 * value equal to the one before is found without hashing.
 */
final class NumberDictionary {

    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private final int valueBytes;
    private final long maxPlainBytes;
    private long[] values = new long[64];
    private int size;
    /** Id + 1 of the value in each slot, 0 for an empty slot; open addressing with linear probing. */
    private int[] slots = new int[128];
    private int last = -1;

    /**
     * @param valueBytes    8 for INT64, 4 for INT32: a value's size in the dictionary page
     * @param maxPlainBytes the size the dictionary page may reach
     */
    NumberDictionary(int valueBytes, long maxPlainBytes) {
        this.valueBytes = valueBytes;
        this.maxPlainBytes = maxPlainBytes;
    }

    /** The value's id, added if new; -1 when adding it would make the dictionary outgrow its size, which it then keeps. */
    int idOf(long value) {
        if (last >= 0 && values[last] == value) {
            return last;
        }
        int mask = slots.length - 1;
        int slot = hash(value) & mask;
        for (int entry; (entry = slots[slot]) != 0; slot = (slot + 1) & mask) {
            if (values[entry - 1] == value) {
                last = entry - 1;
                return last;
            }
        }
        if ((long) (size + 1) * valueBytes > maxPlainBytes) {
            return -1;
        }
        if (size == values.length) {
            values = Arrays.copyOf(values, 2 * size);
        }
        values[size] = value;
        slots[slot] = ++size;
        if (2 * size > slots.length) {
            rehash();
        }
        last = size - 1;
        return last;
    }

    int size() {
        return size;
    }

    long value(int id) {
        return values[id];
    }

    /** The dictionary page's values in PLAIN encoding: little-endian, 8 or 4 bytes each. */
    byte[] plain() {
        byte[] page = new byte[size * valueBytes];
        for (int id = 0; id < size; id++) {
            if (valueBytes == Long.BYTES) {
                LONG.set(page, id * Long.BYTES, values[id]);
            } else {
                INT.set(page, id * Integer.BYTES, (int) values[id]);
            }
        }
        return page;
    }

    private void rehash() {
        int[] newSlots = new int[2 * slots.length];
        int mask = newSlots.length - 1;
        for (int id = 0; id < size; id++) {
            int at = hash(values[id]) & mask;
            while (newSlots[at] != 0) {
                at = (at + 1) & mask;
            }
            newSlots[at] = id + 1;
        }
        slots = newSlots;
    }

    private static int hash(long value) {
        long mixed = value * 0x9E3779B97F4A7C15L;
        return (int) (mixed ^ (mixed >>> 29));
    }
}
