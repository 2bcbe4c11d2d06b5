package io.lakegate.quality;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The 64-bit key hashes of a file with the line each was first seen on, so a repeated key can name its first line.
 * Open addressing: 12 bytes per key (its hash and an {@code int} line) instead of a boxed entry's ~60. Small
 * tables live in the heap, so the heap a file's duplicate-key check needs stays small whatever the file. A
 * table that outgrows {@code heapSlots} moves to memory outside the heap, up to {@code memorySlots}, and past
 * that (or when the JVM has no direct memory left) to a memory-mapped temporary file, so a file with more
 * keys than memory allows still completes.
 * <p>
 * Memory outside the heap comes before the file because a mapped file is written back by the kernel while
 * it is in use, and every page written back faults again at its next insert: over a long file that made
 * the mapped table three times slower than the same table in plain memory.
 */
final class KeyFirstLines implements AutoCloseable {

    /** Where the table lives. */
    enum Storage { HEAP, MEMORY, FILE }

    /** What {@link #add} answers for a key not seen before. */
    static final long ADDED = -1;
    /** The first line of a key first seen past the last line an {@code int} holds, which is not recorded. */
    static final long LINE_NOT_RECORDED = 0;

    private static final long EMPTY = 0;
    private static final double MAX_LOAD = 0.7;
    private static final int INITIAL_SLOTS = 1 << 16;
    // One mapping holds at most 2^31 - 1 bytes, so the keys of 2^27 slots (1.5 GiB with their lines): 94M keys.
    private static final int MAX_SLOTS = 1 << 27;
    private static final int SLOT_BYTES = Long.BYTES + Integer.BYTES;
    private static final int PAGE_BYTES = 4096;

    /** The key hashes, and at the same index the line each was first seen on. */
    private record Table(LongBuffer keys, IntBuffer lines) {
        int capacity() {
            return keys.capacity();
        }
    }

    private final int heapSlots;
    private final int memorySlots;
    private final Path spillDirectory;
    private Table slots = new Table(LongBuffer.allocate(INITIAL_SLOTS), IntBuffer.allocate(INITIAL_SLOTS));
    private Storage storage = Storage.HEAP;
    private Path spillFile;
    private long emptyMarkerLine = ADDED;
    private int size;

    /**
     * @param heapSlots      the largest table kept in the heap (a power of two)
     * @param memorySlots    the largest table kept in memory outside the heap (a power of two)
     * @param spillDirectory where a larger table is mapped
     */
    KeyFirstLines(int heapSlots, int memorySlots, Path spillDirectory) {
        this.heapSlots = heapSlots;
        this.memorySlots = memorySlots;
        this.spillDirectory = spillDirectory;
    }

    /**
     * Adds a key seen on {@code line}. Returns {@link #ADDED} when it is new, else the line it was first seen on
     * ({@link #LINE_NOT_RECORDED} when that line was beyond what an {@code int} holds).
     */
    long add(long key, long line) {
        int recorded = line > 0 && line <= Integer.MAX_VALUE ? (int) line : (int) LINE_NOT_RECORDED;
        if (key == EMPTY) {
            long first = emptyMarkerLine;
            if (first == ADDED) {
                emptyMarkerLine = recorded;
            }
            return first;
        }
        if (size + 1 > slots.capacity() * MAX_LOAD) {
            grow();
        }
        long first = place(slots, key, recorded);
        if (first == ADDED) {
            size++;
        }
        return first;
    }

    /**
     * Reads the slot where {@code key} would go, for a caller about to {@link #add} several keys: reading their
     * slots first, one after another, lets the processor fetch them from memory together instead of waiting for
     * each in turn. Returns what it read only so the read is not optimised away.
     */
    long fetch(long key) {
        return slots.keys().get(homeSlot(slots, key));
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

    private static long place(Table table, long key, int line) {
        int mask = table.capacity() - 1;
        int i = homeSlot(table, key);
        long existing;
        while ((existing = table.keys().get(i)) != EMPTY) {
            if (existing == key) {
                return table.lines().get(i);
            }
            i = (i + 1) & mask;
        }
        table.keys().put(i, key);
        table.lines().put(i, line);
        return ADDED;
    }

    private void grow() {
        int capacity = slots.capacity() * 2;
        if (capacity > MAX_SLOTS) {
            throw new IllegalStateException("More than " + (long) (MAX_SLOTS * MAX_LOAD) + " distinct keys in one file");
        }
        resize(capacity);
    }

    private void resize(int capacity) {
        Table old = slots;
        Path oldFile = spillFile;
        slots = allocate(capacity);
        for (int i = 0; i < old.capacity(); i++) {
            long key = old.keys().get(i);
            if (key != EMPTY) {
                place(slots, key, old.lines().get(i));
            }
        }
        if (oldFile != spillFile) {
            deleteQuietly(oldFile);
        }
    }

    private Table allocate(int capacity) {
        if (capacity <= heapSlots) {
            storage = Storage.HEAP;
            return new Table(LongBuffer.allocate(capacity), IntBuffer.allocate(capacity));
        }
        if (capacity <= memorySlots) {
            try {
                Table table = split(ByteBuffer.allocateDirect(capacity * SLOT_BYTES), capacity);
                storage = Storage.MEMORY;
                return table;
            } catch (OutOfMemoryError e) {
                // -XX:MaxDirectMemorySize is reached: the file takes the table instead
            }
        }
        storage = Storage.FILE;
        return mapped(capacity);
    }

    private Table mapped(int capacity) {
        try {
            Files.createDirectories(spillDirectory);
            spillFile = Files.createTempFile(spillDirectory, "unique-keys-", ".bin");
            try (FileChannel channel = FileChannel.open(spillFile, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                // A fresh mapping of a new file reads as zeros, which is EMPTY in every slot.
                long keyBytes = (long) capacity * Long.BYTES;
                ByteBuffer keys = channel.map(FileChannel.MapMode.READ_WRITE, 0, keyBytes);
                ByteBuffer lines = channel.map(FileChannel.MapMode.READ_WRITE, keyBytes, (long) capacity * Integer.BYTES);
                touchEveryPage(keys);
                touchEveryPage(lines);
                return new Table(keys.order(ByteOrder.nativeOrder()).asLongBuffer(), lines.order(ByteOrder.nativeOrder()).asIntBuffer());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot map a duplicate-key table in " + spillDirectory + ": " + e.getMessage(), e);
        }
    }

    // The keys first, then the lines; in the machine's byte order, or every probe swaps bytes.
    private static Table split(ByteBuffer bytes, int capacity) {
        int keyBytes = capacity * Long.BYTES;
        return new Table(bytes.slice(0, keyBytes).order(ByteOrder.nativeOrder()).asLongBuffer(),
                bytes.slice(keyBytes, capacity * Integer.BYTES).order(ByteOrder.nativeOrder()).asIntBuffer());
    }

    // Faulting the pages in one after another costs a fraction of faulting each in at a random probe.
    private static void touchEveryPage(ByteBuffer bytes) {
        for (int i = 0; i < bytes.capacity(); i += PAGE_BYTES) {
            bytes.put(i, (byte) 0);
        }
    }

    private static int homeSlot(Table table, long key) {
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
