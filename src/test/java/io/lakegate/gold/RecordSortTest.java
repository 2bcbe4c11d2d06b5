package io.lakegate.gold;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.parquet.ColumnType;
import io.lakegate.parquet.ParquetColumn;
import io.lakegate.parquet.RowView;
import io.lakegate.parquet.ValuesRow;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordSortTest {

    @TempDir
    Path dir;

    private static final List<ParquetColumn> COLUMNS = List.of(
            ParquetColumn.of("store", ColumnType.STRING, true), ParquetColumn.of("sold_at", ColumnType.TIMESTAMP, true),
            ParquetColumn.of("key", ColumnType.STRING, true), ParquetColumn.of("note", ColumnType.STRING, true));

    @Test
    void ordersGoldRowsAsComparingTheirRecordsDoes() throws IOException {
        SortRecordEncoder gold = new SortRecordEncoder(List.of(SortField.dayOf(1), SortField.ascending(0, ColumnType.STRING),
                SortField.ascending(1, ColumnType.TIMESTAMP), SortField.ascending(2, ColumnType.STRING)), 4, new RowCodec(COLUMNS));
        Random random = new Random(7);
        List<RowView> rows = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            long day = 19_800 + random.nextInt(3);
            String store = random.nextInt(50) == 0 ? null : "S" + random.nextInt(40);
            Long soldAt = random.nextInt(100) == 0 ? null : (day * 86_400 + random.nextInt(86_400)) * 1_000_000L;
            rows.add(row(store, soldAt == null ? day * 86_400_000_000L : soldAt, "T-2026-" + random.nextInt(15_000),
                    random.nextBoolean() ? "same note" : "note " + random.nextInt(3)));
        }

        assertSortsAsComparator(gold, rows);
    }

    @Test
    void ordersKeysThatShareLongPrefixesEndEarlyOrRepeatExactly() throws IOException {
        SortRecordEncoder latestFirst = new SortRecordEncoder(List.of(SortField.ascending(2, ColumnType.STRING),
                SortField.descending(1, ColumnType.TIMESTAMP)), 1, new RowCodec(COLUMNS));
        Random random = new Random(11);
        String prefix = "transaction-with-a-long-shared-prefix-".repeat(4);
        List<RowView> rows = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            String key = switch (random.nextInt(6)) {
                case 0 -> prefix;
                case 1 -> prefix + random.nextInt(20);
                case 2 -> prefix + "\u0000" + random.nextInt(3);
                case 3 -> "";
                case 4 -> null;
                default -> "é" + "x".repeat(random.nextInt(300));
            };
            long soldAt = random.nextInt(4);
            RowView row = row(null, soldAt, key, random.nextInt(4) == 0 ? null : "n" + random.nextInt(2));
            rows.add(row);
            if (random.nextInt(10) == 0) {
                rows.add(row);
            }
        }

        assertSortsAsComparator(latestFirst, rows);
    }

    @Test
    void ordersTextThatFirstDiffersAtBytesAboveAndBelow0x80() throws IOException {
        SortRecordEncoder byKey = new SortRecordEncoder(List.of(SortField.ascending(2, ColumnType.STRING)), 1,
                new RowCodec(COLUMNS));
        Random random = new Random(13);
        String[] starts = {"e", "é", "z", "\u0080", "\u007F", "東", "😀", "A"};
        List<RowView> rows = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            rows.add(row("S1", 1, starts[random.nextInt(starts.length)] + random.nextInt(50), null));
        }

        assertSortsAsComparator(byKey, rows);
    }

    @Test
    void sortsNothingAndOneRecord() throws IOException {
        assertThat(RecordSort.order(new RecordBuffer())).isEmpty();
        SortRecordEncoder encoder = new SortRecordEncoder(List.of(SortField.ascending(2, ColumnType.STRING)), 1,
                new RowCodec(COLUMNS));
        assertSortsAsComparator(encoder, List.of(row("S1", 1, "T1", null)));
    }

    @Test
    void keepsRecordsLargerThanItsSharedArraysWhole() throws IOException {
        SortRecordEncoder byKey = new SortRecordEncoder(List.of(SortField.ascending(2, ColumnType.STRING)), 1,
                new RowCodec(COLUMNS));
        List<RowView> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            rows.add(row("S1", i, "K" + (i % 7), "x".repeat(i % 3 == 0 ? 1_500_000 : 100_000)));
        }

        assertSortsAsComparator(byKey, rows);
    }

    /** Sorts the rows' records in a sort that holds them in memory, which orders them with {@link RecordSort}. */
    private void assertSortsAsComparator(SortRecordEncoder encoder, List<RowView> rows) throws IOException {
        byte[][] expected = rows.stream().map(encoder::encode).toArray(byte[][]::new);
        Arrays.sort(expected, SortRecords::compare);
        List<byte[]> sorted = new ArrayList<>();
        try (ExternalSorter sort = new ExternalSorter(dir, "radix", Long.MAX_VALUE, false)) {
            for (RowView row : rows) {
                encoder.encodeInto(row, sort);
            }
            sort.forEachSorted((bytes, offset, length) -> sorted.add(Arrays.copyOfRange(bytes, offset, offset + length)));
            assertThat(sort.spilledRuns()).isZero();
        }

        assertThat(sorted).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(sorted.get(i)).as("record %d of %d", i, expected.length).isEqualTo(expected[i]);
        }
    }

    private static RowView row(String store, long soldAt, String key, String note) {
        return new ValuesRow(store, soldAt, key, note);
    }
}
