package io.lakegate.quality;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A set of 64-bit key hashes with open addressing: 8 bytes per key instead of a boxed entry's ~50. Small
 * tables live in the heap, so the heap a file's duplicate-key check needs stays small whatever the file. A
 * table that outgrows {@code heapSlots} moves to memory outside the heap, up to {@code memorySlots}, and past
 * that (or when the JVM has no direct memory left) to a memory-mapped temporary file, so a file with more
 * keys than memory allows still completes.
 * <p>
 * Memory outside the heap comes before the file because a mapped file is written back by the kernel while
 * it is in use, and every page written back faults again at its next insert: over a long file that made
 * the mapped table three times slower than the same table in plain memory.
 */
final class LongHashSet implements AutoCloseable {

    /** Where the table lives. */
    enum Storage { HEAP, MEMORY, FILE }

    private static final long EMPTY = 0;
    private static final double MAX_LOAD = 0.7;
    private static final int INITIAL_SLOTS = 1 << 16;
    // One LongBuffer indexes at most 2^31 - 1 longs; 2^28 slots (2 GiB) hold 187M keys.
    private static final int MAX_SLOTS = 1 << 28;
    private static final int PAGE_BYTES = 4096;

    private final int heapSlots;
    private final int memorySlots;
    private final Path spillDirectory;
    private LongBuffer slots = LongBuffer.allocate(INITIAL_SLOTS);
    private Storage storage = Storage.HEAP;
    private Path spillFile;
    private boolean containsEmptyMarker;
    private int size;

    /**
     * @param heapSlots      the largest table kept in the heap (a power of two)
     * @param memorySlots    the largest table kept in memory outside the heap (a power of two)
     * @param spillDirectory where a larger table is mapped
     */
    LongHashSet(int heapSlots, int memorySlots, Path spillDirectory) {
        this.heapSlots = heapSlots;
        this.memorySlots = memorySlots;
        this.spillDirectory = spillDirectory;
    }

    /** Adds a key; returns false when it was already present. */
    boolean add(long key) {
        if (key == EMPTY) {
            boolean added = !containsEmptyMarker;
            containsEmptyMarker = true;
            return added;
        }
        if (size + 1 > slots.capacity() * MAX_LOAD) {
            grow();
        }
        if (!place(slots, key)) {
            return false;
        }
        size++;
        return true;
    }

    /**
     * Reads the slot where {@code key} would go, for a caller about to {@link #add} several keys: reading their
     * slots first, one after another, lets the processor fetch them from memory together instead of waiting for
     * each in turn. Returns what it read only so the read is not optimised away.
     */
    long fetch(long key) {
        return slots.get(homeSlot(slots, key));
    }

    Storage storage() {
        return storage;
    }

    /**
     * Sizes the table for {@code keys} keys at once, so a large file does not rehash its keys into a table
     * twice the size again and again as they arrive.
     */
    void reserve(long keys) {
        long wanted = Long.highestOneBit(Math.max(1, (long) Math.ceil(keys / MAX_LOAD)) - 1) << 1;
        int capacity = (int) Math.min(MAX_SLOTS, Math.max(wanted, slots.capacity()));
        if (capacity > slots.capacity()) {
            resize(capacity);
        }
    }

    private static boolean place(LongBuffer table, long key) {
        int mask = table.capacity() - 1;
        int i = homeSlot(table, key);
        long existing;
        while ((existing = table.get(i)) != EMPTY) {
            if (existing == key) {
                return false;
            }
            i = (i + 1) & mask;
        }
        table.put(i, key);
        return true;
    }

    private void grow() {
        int capacity = slots.capacity() * 2;
        if (capacity > MAX_SLOTS) {
            throw new IllegalStateException("More than " + (long) (MAX_SLOTS * MAX_LOAD) + " distinct keys in one file");
        }
        resize(capacity);
    }

    private void resize(int capacity) {
        LongBuffer old = slots;
        Path oldFile = spillFile;
        slots = allocate(capacity);
        for (int i = 0; i < old.capacity(); i++) {
            long key = old.get(i);
            if (key != EMPTY) {
                place(slots, key);
            }
        }
        if (oldFile != spillFile) {
            deleteQuietly(oldFile);
        }
    }

    private LongBuffer allocate(int capacity) {
        if (capacity <= heapSlots) {
            storage = Storage.HEAP;
            return LongBuffer.allocate(capacity);
        }
        if (capacity <= memorySlots) {
            try {
                LongBuffer table = ByteBuffer.allocateDirect(capacity * Long.BYTES).order(ByteOrder.nativeOrder()).asLongBuffer();
                storage = Storage.MEMORY;
                return table;
            } catch (OutOfMemoryError e) {
                // -XX:MaxDirectMemorySize is reached: the file takes the table instead
            }
        }
        storage = Storage.FILE;
        return mapped(capacity);
    }

    private LongBuffer mapped(int capacity) {
        try {
            Files.createDirectories(spillDirectory);
            spillFile = Files.createTempFile(spillDirectory, "unique-keys-", ".bin");
            try (FileChannel channel = FileChannel.open(spillFile, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                // A fresh mapping of a new file reads as zeros, which is EMPTY in every slot. In the machine's byte
                // order, or every probe swaps bytes.
                LongBuffer table = channel.map(FileChannel.MapMode.READ_WRITE, 0, (long) capacity * Long.BYTES)
                        .order(ByteOrder.nativeOrder()).asLongBuffer();
                touchEveryPage(table);
                return table;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot map a duplicate-key table in " + spillDirectory + ": " + e.getMessage(), e);
        }
    }

    // Faulting the pages in one after another costs a fraction of faulting each in at a random probe.
    private static void touchEveryPage(LongBuffer table) {
        for (int i = 0; i < table.capacity(); i += PAGE_BYTES / Long.BYTES) {
            table.put(i, EMPTY);
        }
    }

    private static int homeSlot(LongBuffer table, long key) {
        return (int) mix(key) & (table.capacity() - 1);
    }

    private static long mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 32);
    }

    /** Removes the mapped file, if any; the mapping itself is released when the buffer is collected. */
    @Override
    public void close() {
        deleteQuietly(spillFile);
        spillFile = null;
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover temporary file is harmless; the folder is the processing work directory
        }
    }
}
