package io.lakegate.gold;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.PriorityQueue;

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
        mergeDownTo(MERGE_WIDTH);
        output = keepWanted(mergeOf(List.copyOf(runs)));
        return output;
    }

    /** Merges runs into fewer until at most {@code width} are left, so that the last merge keeps few files open. */
    private void mergeDownTo(int width) throws IOException {
        while (runs.size() > width) {
            List<Path> merged = new ArrayList<>();
            for (int i = 0; i < width; i++) {
                merged.add(runs.removeFirst());
            }
            try (RecordCursor records = keepWanted(mergeOf(merged))) {
                writeRun(records);
            }
            for (Path run : merged) {
                Files.delete(run);
            }
        }
    }

    /** Merges the runs, handing each record to {@code visitor} from its run's reused array. */
    private void visitMerged(RecordVisitor visitor) throws IOException {
        List<SpillRun.Reader> readers = new ArrayList<>(runs.size());
        try {
            PriorityQueue<SpillRun.Reader> heads = new PriorityQueue<>(runs.size(),
                    (a, b) -> SortRecords.compare(a.record(), a.length(), b.record(), b.length()));
            for (Path run : runs) {
                SpillRun.Reader reader = new SpillRun.Reader(run);
                readers.add(reader);
                if (reader.next()) {
                    heads.add(reader);
                }
            }
            SpillRun.Reader head;
            while ((head = heads.poll()) != null) {
                visitor.accept(head.record(), 0, head.length());
                if (head.next()) {
                    heads.add(head);
                }
            }
        } finally {
            for (SpillRun.Reader reader : readers) {
                reader.close();
            }
        }
    }

    /** Receives sorted records where they lie: {@code bytes[offset, offset + length)}, valid during the call only. */
    interface RecordVisitor {
        void accept(byte[] bytes, int offset, int length) throws IOException;
    }

    /**
     * Hands all records added to {@code visitor}, in order, instead of {@link #sorted()}, each where it lies: those
     * still in memory in the buffer, those spilled in an array each run reuses.
     */
    void forEachSorted(RecordVisitor visitor) throws IOException {
        if (firstOfEachGroup) {
            RecordCursor records = sorted();
            byte[] record;
            while ((record = records.next()) != null) {
                visitor.accept(record, 0, record.length);
            }
            return;
        }
        if (output != null) {
            throw new IllegalStateException("The sort's output was already asked for");
        }
        output = () -> null;
        if (runs.isEmpty()) {
            visitBuffer(visitor);
            return;
        }
        if (buffer.size() > 0) {
            spill();
        }
        mergeDownTo(MERGE_WIDTH);
        visitMerged(visitor);
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
        try (SpillRun.Writer run = new SpillRun.Writer(newRun())) {
            if (firstOfEachGroup) {
                RecordCursor records = keepWanted(sortedBuffer());
                byte[] record;
                while ((record = records.next()) != null) {
                    run.accept(record, 0, record.length);
                }
            } else {
                visitBuffer(run);
            }
            run.finish();
        }
        bufferedBytes = 0;
        spilledRuns++;
    }

    /** Hands the buffer's records to {@code visitor} in order, where they lie, then lets go of them. */
    private void visitBuffer(RecordVisitor visitor) throws IOException {
        for (int record : RecordSort.order(buffer)) {
            visitor.accept(buffer.array(record), buffer.offset(record), buffer.length(record));
        }
        buffer.clear();
    }

    private void writeRun(RecordCursor records) throws IOException {
        SpillRun.write(newRun(), records);
    }

    // Registered before writing, so that a run cut short by a failure is deleted on close too.
    private Path newRun() {
        Path run = directory.resolve(String.format("%s-%05d.run", name, ++runFiles));
        runs.addLast(run);
        return run;
    }

    /** Sorts the buffer and hands out its records, each as an array of its own; the buffer is let go at the end. */
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
        };
    }

    private RecordCursor mergeOf(List<Path> files) throws IOException {
        List<RecordCursor> sources = new ArrayList<>(files.size());
        try {
            for (Path file : files) {
                sources.add(SpillRun.read(file));
            }
        } catch (IOException e) {
            for (RecordCursor source : sources) {
                try {
                    source.close();
                } catch (IOException closing) {
                    e.addSuppressed(closing);
                }
            }
            throw e;
        }
        return new MergeCursor(sources);
    }

    private RecordCursor keepWanted(RecordCursor sorted) {
        return firstOfEachGroup ? new FirstOfEachGroup(sorted) : sorted;
    }
}
