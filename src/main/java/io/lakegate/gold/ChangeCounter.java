package io.lakegate.gold;

import io.lakegate.parquet.ColumnType;
import io.lakegate.parquet.ParquetColumn;
import io.lakegate.parquet.ParquetPartReader;
import io.lakegate.parquet.RowView;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Counts how the new gold differs from the previous one, key by key. The previous gold's keys and hashes
 * are sorted by key once (they need not be in key order in its files); the new rows then arrive in key
 * order and both are walked side by side, like a merge join.
 */
final class ChangeCounter {

    private static final int KEY = 0;
    private static final int HASH = 1;

    private final RecordCursor previousByKey;
    private final RowCodec codec;
    private byte[] previous;
    private long inserted;
    private long updated;
    private long unchanged;
    private long deleted;

    private ChangeCounter(RecordCursor previousByKey, RowCodec codec) throws IOException {
        this.previousByKey = previousByKey;
        this.codec = codec;
        this.previous = previousByKey.next();
    }

    /**
     * Reads the key and {@code row_hash} of every previous gold file into {@code sorter}, which must keep the
     * first of each group: a key found twice is compared once.
     */
    static ChangeCounter against(List<Path> previousGold, String keyColumn, ColumnType keyType, ExternalSorter sorter)
            throws IOException {
        List<ParquetColumn> columns = List.of(ParquetColumn.of(keyColumn, keyType, false),
                ParquetColumn.of(GoldSchema.ROW_HASH, ColumnType.STRING, false));
        RowCodec codec = new RowCodec(columns);
        SortRecordEncoder byKey = new SortRecordEncoder(List.of(SortField.ascending(KEY, keyType)), 1, codec);
        for (Path file : previousGold) {
            try (ParquetPartReader reader = ParquetPartReader.open(file, List.of(keyColumn, GoldSchema.ROW_HASH))) {
                checkColumns(file, reader.columns(), columns);
                while (reader.next()) {
                    if (reader.isNull(KEY) || reader.isNull(HASH)) {
                        throw new IllegalArgumentException("Previous gold file " + file + " has a row without "
                                + keyColumn + " or " + GoldSchema.ROW_HASH);
                    }
                    sorter.add(byKey.encode(reader));
                }
            }
        }
        return new ChangeCounter(sorter.sorted(), codec);
    }

    /** Counts the next new gold row; rows must come in key order, as the deduplicating sort gives them. */
    void count(byte[] latestRecord, String rowHash) throws IOException {
        while (previous != null && SortRecords.compareGroups(previous, latestRecord) < 0) {
            deleted++;
            previous = previousByKey.next();
        }
        if (previous != null && SortRecords.compareGroups(previous, latestRecord) == 0) {
            RowView before = codec.decode(previous, SortRecords.payloadOffset(previous));
            if (before.getString(HASH).equals(rowHash)) {
                unchanged++;
            } else {
                updated++;
            }
            previous = previousByKey.next();
        } else {
            inserted++;
        }
    }

    /** Counts the previous keys after the last new row as deleted. */
    void finish() throws IOException {
        while (previous != null) {
            deleted++;
            previous = previousByKey.next();
        }
    }

    long inserted() {
        return inserted;
    }

    long updated() {
        return updated;
    }

    long unchanged() {
        return unchanged;
    }

    long deleted() {
        return deleted;
    }

    private static void checkColumns(Path file, List<ParquetColumn> actual, List<ParquetColumn> expected) {
        for (int i = 0; i < expected.size(); i++) {
            if (actual.get(i).type() != expected.get(i).type()) {
                throw new IllegalArgumentException("Previous gold file " + file + " has " + actual.get(i).name() + " as "
                        + actual.get(i).type() + ", but the processed parts have " + expected.get(i).type());
            }
        }
    }
}
