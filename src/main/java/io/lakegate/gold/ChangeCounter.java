package io.lakegate.gold;

import io.lakegate.parquet.ColumnType;
import io.lakegate.parquet.ParquetColumn;
import io.lakegate.parquet.ParquetPartReader;
import io.lakegate.parquet.RowView;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts how the new gold differs from the gold files it replaces, key by key and per partition day. The
 * replaced files' keys, hashes and event times are sorted by key once (they need not be in key order in their
 * files); the new rows then arrive in key order and both are walked side by side, like a merge join.
 */
final class ChangeCounter {

    private static final int KEY = 0;
    private static final int HASH = 1;
    private static final int EVENT_TIME = 2;

    private final RecordCursor previousByKey;
    private final RowCodec codec;
    private final Map<LocalDate, DayChanges> days = new TreeMap<>();
    // A group's rows come day after day, so most rows count on the day the row before them did.
    private int lastDay;
    private DayChanges lastChanges;
    private byte[] previous;

    private ChangeCounter(RecordCursor previousByKey, RowCodec codec) throws IOException {
        this.previousByKey = previousByKey;
        this.codec = codec;
        this.previous = previousByKey.next();
    }

    /**
     * Reads the key, {@code row_hash} and event time of the replaced gold rows of {@code repeatedKeys} into
     * {@code sorter}, which must keep the first of each group: a key found twice is compared once. The other gold
     * rows are their key's only row, counted by {@link #countOnlyRow}.
     */
    static ChangeCounter against(List<Path> previousGold, String keyColumn, ColumnType keyType, String eventTimeColumn,
            KeyHashSet repeatedKeys, ExternalSorter sorter) throws IOException {
        List<ParquetColumn> columns = List.of(ParquetColumn.of(keyColumn, keyType, false),
                ParquetColumn.of(GoldSchema.ROW_HASH, ColumnType.STRING, false),
                ParquetColumn.of(eventTimeColumn, ColumnType.TIMESTAMP, false));
        RowCodec codec = new RowCodec(columns);
        SortRecordEncoder byKey = new SortRecordEncoder(List.of(SortField.ascending(KEY, keyType)), 1, codec);
        for (Path file : previousGold) {
            try (ParquetPartReader reader = ParquetPartReader.open(file, List.of(keyColumn, GoldSchema.ROW_HASH, eventTimeColumn))) {
                checkColumns(file, reader.columns(), columns);
                while (reader.next()) {
                    if (reader.isNull(KEY) || reader.isNull(HASH) || reader.isNull(EVENT_TIME)) {
                        throw new IllegalArgumentException("Gold file " + file + " has a row without " + keyColumn + ", "
                                + GoldSchema.ROW_HASH + " or " + eventTimeColumn);
                    }
                    if (repeatedKeys.contains(KeyHash.of(reader, KEY, keyType))) {
                        byKey.encodeInto(reader, sorter);
                    }
                }
            }
        }
        return new ChangeCounter(sorter.sorted(), codec);
    }

    /**
     * Counts the next new gold row of a key with several rows; these must come in key order, as the deduplicating sort
     * gives them.
     */
    void count(byte[] latestRecord, byte[] rowHash, int day) throws IOException {
        while (previous != null && SortRecords.compareGroups(previous, latestRecord) < 0) {
            countDeleted();
        }
        DayChanges changes = day(day);
        if (previous != null && SortRecords.compareGroups(previous, latestRecord) == 0) {
            RowView before = codec.decode(previous, SortRecords.payloadOffset(previous));
            int previousDay = GoldDays.ofMicros(before.getLong(EVENT_TIME));
            if (previousDay != day) {
                changes.moved++;
                day(previousDay).deleted++;
            } else if (RowHash.same(before.getString(HASH), rowHash)) {
                changes.unchanged++;
            } else {
                changes.updated++;
            }
            previous = previousByKey.next();
        } else {
            changes.inserted++;
        }
    }

    /**
     * Counts the only row of a key, which came without a sort: a processed row is a new key; a gold row stays, unchanged
     * unless its hash is computed differently now.
     *
     * @param previousHash the {@code row_hash} the row has in its gold file; null for a processed row
     */
    void countOnlyRow(int day, byte[] rowHash, String previousHash) {
        DayChanges changes = day(day);
        if (previousHash == null) {
            changes.inserted++;
        } else if (RowHash.same(previousHash, rowHash)) {
            changes.unchanged++;
        } else {
            changes.updated++;
        }
    }

    /**
     * Counts a new row whose key's replaced gold row is counted by another group, on another day: that group counts
     * it deleted there, as {@link #count} does for a key that moves within one group.
     */
    void countMovedIn(int day) {
        day(day).moved++;
    }

    /** Counts the previous keys after the last new row as deleted. */
    void finish() throws IOException {
        while (previous != null) {
            countDeleted();
        }
    }

    /** The changes per partition day: keys counted on the day their new row lands, deletions on the day they left. */
    Map<LocalDate, CompactionResult.Changes> byDay() {
        Map<LocalDate, CompactionResult.Changes> result = new TreeMap<>();
        days.forEach((date, c) -> result.put(date, new CompactionResult.Changes(c.inserted, c.updated, c.unchanged,
                c.moved, c.deleted)));
        return result;
    }

    private void countDeleted() throws IOException {
        RowView before = codec.decode(previous, SortRecords.payloadOffset(previous));
        day(GoldDays.ofMicros(before.getLong(EVENT_TIME))).deleted++;
        previous = previousByKey.next();
    }

    private DayChanges day(int day) {
        if (lastChanges == null || day != lastDay) {
            lastChanges = days.computeIfAbsent(GoldDays.toDate(day), d -> new DayChanges());
            lastDay = day;
        }
        return lastChanges;
    }

    private static void checkColumns(Path file, List<ParquetColumn> actual, List<ParquetColumn> expected) {
        for (int i = 0; i < expected.size(); i++) {
            if (actual.get(i).type() != expected.get(i).type()) {
                throw new IllegalArgumentException("Gold file " + file + " has " + actual.get(i).name() + " as "
                        + actual.get(i).type() + ", but the processed parts have " + expected.get(i).type());
            }
        }
    }

    private static final class DayChanges {
        long inserted;
        long updated;
        long unchanged;
        long moved;
        long deleted;
    }
}
