package io.lakegate.gold;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/** Merges sorted runs into one sorted cursor, reading one record of each at a time. Closes them all on close. */
final class MergeCursor implements RecordCursor {

    private final List<SpillRun.Reader> runs;
    private final PriorityQueue<SpillRun.Reader> heads;

    private MergeCursor(List<SpillRun.Reader> runs) throws IOException {
        this.runs = runs;
        this.heads = new PriorityQueue<>(Math.max(1, runs.size()),
                (a, b) -> SortRecords.compare(a.record(), a.length(), b.record(), b.length()));
        for (SpillRun.Reader run : runs) {
            if (run.next()) {
                heads.add(run);
            }
        }
    }

    static MergeCursor of(List<Path> files) throws IOException {
        List<SpillRun.Reader> runs = new ArrayList<>(files.size());
        try {
            for (Path file : files) {
                runs.add(new SpillRun.Reader(file));
            }
            return new MergeCursor(runs);
        } catch (IOException | RuntimeException e) {
            for (SpillRun.Reader run : runs) {
                try {
                    run.close();
                } catch (IOException closing) {
                    e.addSuppressed(closing);
                }
            }
            throw e;
        }
    }

    @Override
    public byte[] next() throws IOException {
        SpillRun.Reader head = heads.poll();
        if (head == null) {
            return null;
        }
        byte[] record = Arrays.copyOf(head.record(), head.length());
        advance(head);
        return record;
    }

    /** Hands each record from its run's reused array. */
    @Override
    public void forEachRemaining(ExternalSorter.RecordVisitor visitor) throws IOException {
        SpillRun.Reader head;
        while ((head = heads.poll()) != null) {
            visitor.accept(head.record(), 0, head.length());
            advance(head);
        }
    }

    private void advance(SpillRun.Reader head) throws IOException {
        if (head.next()) {
            heads.add(head);
        }
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (SpillRun.Reader run : runs) {
            try {
                run.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
