package io.lakegate.gold;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Sorts any number of {@link SortRecords sort records} in bounded heap. Records are buffered until they
 * use the memory budget; a full buffer is sorted and written to the spill directory as a run, and the runs
 * are merged when the sorted records are asked for. When everything fits in the budget nothing touches
 * the disk. Closing deletes every run file, whether the sort finished or not.
 */
final class ExternalSorter implements Closeable {

    /** Runs merged at once; beyond that, runs are first merged into fewer, so open files stay bounded. */
    static final int MERGE_WIDTH = 64;

    /** Heap a buffered record costs besides its bytes: where it is in the buffer, and the sort's scratch. */
    private static final int RECORD_OVERHEAD = 24;

    private final Path directory;
    private final String name;
    private final long memoryBytes;
    private final boolean firstOfEachGroup;
    private final RecordBuffer buffer = new RecordBuffer();
    private final Deque<Path> runs = new ArrayDeque<>();
    private long bufferedBytes;
    private int runFiles;
    private int spilledRuns;
    private RecordCursor output;

    /**
     * @param name             prefix of this sort's run files in {@code directory}
     * @param firstOfEachGroup keep only the first record of each group, dropping the rest as early as possible
     */
    ExternalSorter(Path directory, String name, long memoryBytes, boolean firstOfEachGroup) {
        this.directory = directory;
        this.name = name;
        this.memoryBytes = memoryBytes;
        this.firstOfEachGroup = firstOfEachGroup;
    }

    /** Adds the record of this key and payload, as {@link SortRecordEncoder#encodeInto} makes it. */
    void add(ByteSink key, int groupLength, ByteSink payload) throws IOException {
        if (output != null) {
            throw new IllegalStateException("The sort's output was already asked for");
        }
        bufferedBytes += buffer.add(key, groupLength, payload) + RECORD_OVERHEAD;
        if (bufferedBytes >= memoryBytes) {
            spill();
        }
    }

    /** All records added, in order. Asked for once; the cursor is closed with the sorter. */
    RecordCursor sorted() throws IOException {
        if (output != null) {
            throw new IllegalStateException("The sort's output was already asked for");
        }
        if (runs.isEmpty()) {
            output = keepWanted(sortedBuffer());
            return output;
        }
        if (buffer.size() > 0) {
            spill();
        }
        while (runs.size() > MERGE_WIDTH) {
            List<Path> merged = new ArrayList<>();
            for (int i = 0; i < MERGE_WIDTH; i++) {
                merged.add(runs.removeFirst());
            }
            try (RecordCursor records = keepWanted(MergeCursor.of(merged))) {
                writeRun(records);
            }
            for (Path run : merged) {
                Files.delete(run);
            }
        }
        output = keepWanted(MergeCursor.of(List.copyOf(runs)));
        return output;
    }

    /** Receives sorted records where they lie: {@code bytes[offset, offset + length)}, valid during the call only. */
    interface RecordVisitor {
        void accept(byte[] bytes, int offset, int length) throws IOException;
    }

    /**
     * Hands all records added to {@code visitor}, in order, instead of {@link #sorted()}. A sort that keeps every record
     * hands each where it lies: in the buffer, or in the reused array of the run it was spilled to.
     */
    void forEachSorted(RecordVisitor visitor) throws IOException {
        sorted().forEachRemaining(visitor);
    }

    /** How many times the buffer was written to disk: 0 when the sort fit in its memory budget. */
    int spilledRuns() {
        return spilledRuns;
    }

    @Override
    public void close() throws IOException {
        try {
            if (output != null) {
                output.close();
            }
        } finally {
            buffer.clear();
            for (Path run : runs) {
                Files.deleteIfExists(run);
            }
            runs.clear();
        }
    }

    private void spill() throws IOException {
        writeRun(keepWanted(sortedBuffer()));
        bufferedBytes = 0;
        spilledRuns++;
    }

    private void writeRun(RecordCursor records) throws IOException {
        Path run = directory.resolve(String.format("%s-%05d.run", name, ++runFiles));
        // Registered before writing, so that a run cut short by a failure is deleted on close too.
        runs.addLast(run);
        SpillRun.write(run, records);
    }

    /**
     * Sorts the buffer and hands out its records, by {@link RecordCursor#next} each as an array of its own, by
     * {@link RecordCursor#forEachRemaining} where they lie; the buffer is let go at the end.
     */
    private RecordCursor sortedBuffer() {
        int[] order = RecordSort.order(buffer);
        return new RecordCursor() {
            private int next;

            @Override
            public byte[] next() {
                if (next == order.length) {
                    buffer.clear();
                    return null;
                }
                return buffer.copy(order[next++]);
            }

            @Override
            public void forEachRemaining(RecordVisitor visitor) throws IOException {
                while (next < order.length) {
                    int record = order[next++];
                    visitor.accept(buffer.array(record), buffer.offset(record), buffer.length(record));
                }
                buffer.clear();
            }
        };
    }

    private RecordCursor keepWanted(RecordCursor sorted) {
        return firstOfEachGroup ? new FirstOfEachGroup(sorted) : sorted;
    }
}
