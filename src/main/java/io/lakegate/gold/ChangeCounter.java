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
    private byte[] previous;

    private ChangeCounter(RecordCursor previousByKey, RowCodec codec) throws IOException {
        this.previousByKey = previousByKey;
        this.codec = codec;
        this.previous = previousByKey.next();
    }

    /**
     * Reads the key, {@code row_hash} and event time of every replaced gold file into {@code sorter}, which must
     * keep the first of each group: a key found twice is compared once.
     */
    static ChangeCounter against(List<Path> previousGold, String keyColumn, ColumnType keyType, String eventTimeColumn,
            ExternalSorter sorter) throws IOException {
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
                    sorter.add(byKey.encode(reader));
                }
            }
        }
        return new ChangeCounter(sorter.sorted(), codec);
    }

    /** Counts the next new gold row; rows must come in key order, as the deduplicating sort gives them. */
    void count(byte[] latestRecord, String rowHash, int day) throws IOException {
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
            } else if (before.getString(HASH).equals(rowHash)) {
                changes.unchanged++;
            } else {
                changes.updated++;
            }
            previous = previousByKey.next();
        } else {
            changes.inserted++;
        }
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
        return days.computeIfAbsent(GoldDays.toDate(day), d -> new DayChanges());
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
