package io.lakegate.gold;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.parquet.ColumnType;
import io.lakegate.parquet.ParquetColumn;
import io.lakegate.parquet.RowView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExternalSorterTest {

    private static final List<ParquetColumn> COLUMNS = List.of(
            ParquetColumn.of("key", ColumnType.LONG, false), ParquetColumn.of("version", ColumnType.LONG, false));
    private static final SortRecordEncoder ENCODER = new SortRecordEncoder(List.of(SortField.ascending(0, ColumnType.LONG),
            SortField.descending(1, ColumnType.LONG)), 1, new RowCodec(COLUMNS));

    @TempDir
    Path dir;

    @Test
    void keepsTheFirstOfEachGroupWhetherItSortsInMemoryOrThroughManyRuns() throws IOException {
        List<RowView> records = randomRows(20_000);

        List<String> inMemory = sortAll(records, Long.MAX_VALUE, 0);
        List<String> spilled = sortAll(records, 2_000, ExternalSorter.MERGE_WIDTH + 1);

        assertThat(inMemory).hasSize(1000).startsWith("0@highest").allMatch(row -> row.endsWith("@highest"));
        assertThat(spilled).containsExactlyElementsOf(inMemory);
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void handsEveryRecordInOrderWhereItLiesWhetherInMemoryOrSpilled() throws IOException {
        List<RowView> records = randomRows(20_000);

        List<String> inMemory = visitAll(records, Long.MAX_VALUE);
        List<String> spilled = visitAll(records, 2_000);

        assertThat(inMemory).hasSize(20_000).startsWith("0@19", "0@18");
        assertThat(spilled).containsExactlyElementsOf(inMemory);
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void deletesItsRunsWhenClosedBeforeTheOutputIsRead() throws IOException {
        try (ExternalSorter sorter = new ExternalSorter(dir, "abandoned", 1_000, false)) {
            for (RowView row : randomRows(1_000)) {
                ENCODER.encodeInto(row, sorter);
            }
            assertThat(sorter.spilledRuns()).isPositive();
        }

        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    /** Sorted keys as "key@highest" when the winner is the key's highest version, else "key@version". */
    private List<String> sortAll(List<RowView> records, long memoryBytes, int minimumRuns) throws IOException {
        RowCodec codec = new RowCodec(COLUMNS);
        List<String> keys = new ArrayList<>();
        try (ExternalSorter sorter = new ExternalSorter(dir, "test", memoryBytes, true)) {
            for (RowView row : records) {
                ENCODER.encodeInto(row, sorter);
            }
            assertThat(sorter.spilledRuns()).isGreaterThanOrEqualTo(minimumRuns);
            RecordCursor sorted = sorter.sorted();
            byte[] record;
            while ((record = sorted.next()) != null) {
                RowView row = codec.decode(record, SortRecords.payloadOffset(record));
                keys.add(row.getLong(0) + "@" + (row.getLong(1) == 19 ? "highest" : row.getLong(1)));
            }
        }
        return keys;
    }

    /** Every record as "key@version", in the order {@link ExternalSorter#forEachSorted} hands them over. */
    private List<String> visitAll(List<RowView> records, long memoryBytes) throws IOException {
        RowCodec codec = new RowCodec(COLUMNS);
        List<String> keys = new ArrayList<>();
        try (ExternalSorter sorter = new ExternalSorter(dir, "visit", memoryBytes, false)) {
            for (RowView row : records) {
                ENCODER.encodeInto(row, sorter);
            }
            sorter.forEachSorted((bytes, offset, length) -> {
                RowView row = codec.decode(bytes, SortRecords.payloadOffset(bytes, offset));
                keys.add(row.getLong(0) + "@" + row.getLong(1));
            });
        }
        return keys;
    }

    /** 1000 keys, each with versions 0 to 19 in random order; sorted by key, highest version first. */
    private static List<RowView> randomRows(int count) {
        List<long[]> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(new long[] {i % 1000, i / 1000 % 20});
        }
        java.util.Collections.shuffle(rows, new Random(3));
        return rows.stream().map(values -> (RowView) new RowView() {
            @Override
            public boolean isNull(int column) {
                return false;
            }

            @Override
            public long getLong(int column) {
                return values[column];
            }

            @Override
            public String getString(int column) {
                throw new UnsupportedOperationException();
            }
        }).toList();
    }
}
