package io.lakegate.gold;

import java.io.IOException;
import java.util.List;
import java.util.PriorityQueue;

/** Merges sorted cursors into one sorted cursor, holding one record of each. Closes them all on close. */
final class MergeCursor implements RecordCursor {

    private final List<RecordCursor> sources;
    private final PriorityQueue<Head> heads;

    private static final class Head {
        final RecordCursor source;
        byte[] record;

        Head(RecordCursor source, byte[] record) {
            this.source = source;
            this.record = record;
        }
    }

    MergeCursor(List<RecordCursor> sources) throws IOException {
        this.sources = List.copyOf(sources);
        this.heads = new PriorityQueue<>(Math.max(1, sources.size()), (a, b) -> SortRecords.compare(a.record, b.record));
        try {
            for (RecordCursor source : sources) {
                byte[] first = source.next();
                if (first != null) {
                    heads.add(new Head(source, first));
                }
            }
        } catch (IOException | RuntimeException e) {
            try {
                close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    @Override
    public byte[] next() throws IOException {
        Head head = heads.poll();
        if (head == null) {
            return null;
        }
        byte[] record = head.record;
        head.record = head.source.next();
        if (head.record != null) {
            heads.add(head);
        }
        return record;
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (RecordCursor source : sources) {
            try {
                source.close();
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
