package io.lakegate.quality;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.LongBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A set of 64-bit key hashes with open addressing: 8 bytes per key instead of a boxed entry's ~50. Small
 * tables live in the heap; a table that outgrows {@code heapSlots} moves to a memory-mapped temporary file,
 * so the heap a file's duplicate-key check needs does not grow with the file (the operating system pages
 * the table instead).
 */
final class LongHashSet implements AutoCloseable {

    private static final long EMPTY = 0;
    private static final double MAX_LOAD = 0.7;
    private static final int INITIAL_SLOTS = 1 << 16;
    // One mapping of a LongBuffer indexes at most 2^31 - 1 longs; 2^28 slots (2 GiB) hold 187M keys.
    private static final int MAX_SLOTS = 1 << 28;

    private final int heapSlots;
    private final Path spillDirectory;
    private LongBuffer slots = LongBuffer.allocate(INITIAL_SLOTS);
    private Path spillFile;
    private boolean containsEmptyMarker;
    private int size;

    /**
     * @param heapSlots      the largest table kept in the heap (a power of two)
     * @param spillDirectory where a larger table is mapped
     */
    LongHashSet(int heapSlots, Path spillDirectory) {
        this.heapSlots = heapSlots;
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

    boolean spilled() {
        return spillFile != null;
    }

    private static boolean place(LongBuffer table, long key) {
        int mask = table.capacity() - 1;
        int i = (int) mix(key) & mask;
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
        LongBuffer old = slots;
        Path oldFile = spillFile;
        slots = capacity <= heapSlots ? LongBuffer.allocate(capacity) : mapped(capacity);
        for (int i = 0; i < old.capacity(); i++) {
            long key = old.get(i);
            if (key != EMPTY) {
                place(slots, key);
            }
        }
        deleteQuietly(oldFile);
    }

    private LongBuffer mapped(int capacity) {
        try {
            Files.createDirectories(spillDirectory);
            spillFile = Files.createTempFile(spillDirectory, "unique-keys-", ".bin");
            try (FileChannel channel = FileChannel.open(spillFile, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                // A fresh mapping of a new file reads as zeros, which is EMPTY in every slot.
                return channel.map(FileChannel.MapMode.READ_WRITE, 0, (long) capacity * Long.BYTES).asLongBuffer();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot map a duplicate-key table in " + spillDirectory + ": " + e.getMessage(), e);
        }
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
