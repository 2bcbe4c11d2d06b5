package io.lakegate.gold;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.parquet.ColumnType;
import io.lakegate.parquet.ParquetColumn;
import io.lakegate.parquet.RowView;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecordSortTest {

    private static final List<ParquetColumn> COLUMNS = List.of(
            ParquetColumn.of("store", ColumnType.STRING, true), ParquetColumn.of("sold_at", ColumnType.TIMESTAMP, true),
            ParquetColumn.of("key", ColumnType.STRING, true), ParquetColumn.of("note", ColumnType.STRING, true));

    @Test
    void ordersGoldRowsAsComparingTheirRecordsDoes() {
        SortRecordEncoder gold = new SortRecordEncoder(List.of(SortField.dayOf(1), SortField.ascending(0, ColumnType.STRING),
                SortField.ascending(1, ColumnType.TIMESTAMP), SortField.ascending(2, ColumnType.STRING)), 4, new RowCodec(COLUMNS));
        Random random = new Random(7);
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            long day = 19_800 + random.nextInt(3);
            String store = random.nextInt(50) == 0 ? null : "S" + random.nextInt(40);
            Long soldAt = random.nextInt(100) == 0 ? null : (day * 86_400 + random.nextInt(86_400)) * 1_000_000L;
            records.add(gold.encode(row(store, soldAt == null ? day * 86_400_000_000L : soldAt, "T-2026-" + random.nextInt(15_000),
                    random.nextBoolean() ? "same note" : "note " + random.nextInt(3))));
        }

        assertSortsAsComparator(records);
    }

    @Test
    void ordersKeysThatShareLongPrefixesEndEarlyOrRepeatExactly() {
        SortRecordEncoder latestFirst = new SortRecordEncoder(List.of(SortField.ascending(2, ColumnType.STRING),
                SortField.descending(1, ColumnType.TIMESTAMP)), 1, new RowCodec(COLUMNS));
        Random random = new Random(11);
        String prefix = "transaction-with-a-long-shared-prefix-".repeat(4);
        List<byte[]> records = new ArrayList<>();
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
            byte[] record = latestFirst.encode(row(null, soldAt, key, random.nextInt(4) == 0 ? null : "n" + random.nextInt(2)));
            records.add(record);
            if (random.nextInt(10) == 0) {
                records.add(record.clone());
            }
        }

        assertSortsAsComparator(records);
    }

    @Test
    void ordersTextThatFirstDiffersAtBytesAboveAndBelow0x80() {
        SortRecordEncoder byKey = new SortRecordEncoder(List.of(SortField.ascending(2, ColumnType.STRING)), 1,
                new RowCodec(COLUMNS));
        Random random = new Random(13);
        String[] starts = {"e", "é", "z", "\u0080", "\u007F", "東", "😀", "A"};
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            records.add(byKey.encode(row("S1", 1, starts[random.nextInt(starts.length)] + random.nextInt(50), null)));
        }

        assertSortsAsComparator(records);
    }

    @Test
    void sortsNothingAndOneRecord() {
        assertThat(RecordSort.order(new RecordBuffer())).isEmpty();
        SortRecordEncoder encoder = new SortRecordEncoder(List.of(SortField.ascending(2, ColumnType.STRING)), 1,
                new RowCodec(COLUMNS));
        RecordBuffer one = new RecordBuffer();
        one.add(encoder.encode(row("S1", 1, "T1", null)));

        assertThat(RecordSort.order(one)).containsExactly(0);
    }

    @Test
    void keepsRecordsLargerThanItsSharedArraysWhole() {
        SortRecordEncoder byKey = new SortRecordEncoder(List.of(SortField.ascending(2, ColumnType.STRING)), 1,
                new RowCodec(COLUMNS));
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            records.add(byKey.encode(row("S1", i, "K" + (i % 7), "x".repeat(i % 3 == 0 ? 1_500_000 : 100_000))));
        }

        assertSortsAsComparator(records);
    }

    private static void assertSortsAsComparator(List<byte[]> records) {
        byte[][] expected = records.toArray(byte[][]::new);
        Arrays.sort(expected, SortRecords::compare);
        RecordBuffer buffer = new RecordBuffer();
        records.forEach(buffer::add);

        int[] order = RecordSort.order(buffer);

        assertThat(order).hasSize(expected.length);
        for (int i = 0; i < order.length; i++) {
            assertThat(buffer.copy(order[i])).as("record %d of %d", i, order.length).isEqualTo(expected[i]);
        }
    }

    private static RowView row(String store, long soldAt, String key, String note) {
        Object[] values = {store, soldAt, key, note};
        return new RowView() {
            @Override
            public boolean isNull(int column) {
                return values[column] == null;
            }

            @Override
            public long getLong(int column) {
                return (Long) values[column];
            }

            @Override
            public String getString(int column) {
                return (String) values[column];
            }
        };
    }
}
