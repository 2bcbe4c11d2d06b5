package io.lakegate.gold;

import java.io.IOException;

/** Passes on the first record of each group of a sorted cursor: the one its sort order ranks first. */
final class FirstOfEachGroup implements RecordCursor {

    private final RecordCursor sorted;
    private byte[] previous;

    FirstOfEachGroup(RecordCursor sorted) {
        this.sorted = sorted;
    }

    @Override
    public byte[] next() throws IOException {
        byte[] record;
        while ((record = sorted.next()) != null) {
            if (previous == null || SortRecords.compareGroups(previous, record) != 0) {
                previous = record;
                return record;
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        sorted.close();
    }
}
