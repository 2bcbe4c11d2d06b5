package io.lakegate.parquet;

import static io.lakegate.parquet.ValuesRow.days;
import static io.lakegate.parquet.ValuesRow.micros;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetRoundTripTest {

    static final List<ParquetColumn> EVERY_TYPE = List.of(
            ParquetColumn.of("id", ColumnType.LONG, false),
            ParquetColumn.of("label", ColumnType.STRING, true),
            ParquetColumn.of("city", ColumnType.STRING, true).withDictionary(),
            ParquetColumn.of("quantity", ColumnType.INT, true),
            ParquetColumn.decimal("amount", 18, 2, true),
            ParquetColumn.of("sold_at", ColumnType.TIMESTAMP, true),
            ParquetColumn.of("sale_date", ColumnType.DATE, true),
            ParquetColumn.of("refunded", ColumnType.BOOLEAN, true));

    static final List<ValuesRow> EVERY_TYPE_ROWS = List.of(
            new ValuesRow(1L, "Zürich – 東京 🚀", "Zürich", 7L, 123_450L,
                    micros("2024-02-29T23:59:59.999999Z"), days("2024-02-29"), 0L),
            new ValuesRow(2L, "", "Genève", (long) Integer.MIN_VALUE, -123_450L,
                    micros("1969-07-20T20:17:40.123456Z"), days("1969-12-31"), 1L),
            new ValuesRow(3L, null, null, null, null, null, null, null),
            new ValuesRow(Long.MAX_VALUE, "tab\there, \"quoted\"", "Zürich", (long) Integer.MAX_VALUE,
                    999_999_999_999_999_999L, micros("1900-01-01T00:00:00.000001Z"), days("0001-01-01"), 1L),
            new ValuesRow(Long.MIN_VALUE, "x", "Genève", 0L, -999_999_999_999_999_999L, 0L, 0L, 0L));

    // Small row groups and dictionary pages, so that 30,000 rows make several groups and a dictionary fall back.
    static final List<ParquetColumn> LINE_AND_CUSTOMER = List.of(
            ParquetColumn.of("line", ColumnType.LONG, false),
            ParquetColumn.of("customer", ColumnType.STRING, true).withDictionary());
    private static final ParquetSettings SMALL_GROUPS =
            ParquetSettings.defaults().withRowGroupBytes(64 * 1024).withDictionaryPageBytes(4 * 1024);

    @TempDir
    Path dir;

    @Test
    void readsBackEveryTypeWithNullsUnicodeNegativeDecimalsAndPre1970Timestamps() throws IOException {
        Path file = write(dir.resolve("every-type.parquet"), EVERY_TYPE, EVERY_TYPE_ROWS, ParquetSettings.defaults());

        try (ParquetPartReader reader = ParquetPartReader.open(file)) {
            assertThat(ValuesRow.readAll(reader)).containsExactlyElementsOf(EVERY_TYPE_ROWS);
        }
    }

    @Test
    void reconstructsTheColumnsFromTheFileSchema() throws IOException {
        Path file = write(dir.resolve("columns.parquet"), EVERY_TYPE, EVERY_TYPE_ROWS, ParquetSettings.defaults());

        try (ParquetPartReader reader = ParquetPartReader.open(file)) {
            assertThat(reader.columns()).isEqualTo(EVERY_TYPE);
        }
    }

    @Test
    void readsOnlyTheChosenColumnsInTheOrderAsked() throws IOException {
        Path file = write(dir.resolve("projection.parquet"), EVERY_TYPE, EVERY_TYPE_ROWS, ParquetSettings.defaults());

        try (ParquetPartReader reader = ParquetPartReader.open(file, List.of("amount", "city", "id"))) {
            assertThat(reader.columns()).containsExactly(EVERY_TYPE.get(4), EVERY_TYPE.get(2), EVERY_TYPE.get(0));
            assertThat(ValuesRow.readAll(reader)).containsExactlyElementsOf(EVERY_TYPE_ROWS.stream()
                    .map(row -> new ValuesRow(row.values()[4], row.values()[2], row.values()[0]))
                    .toList());
        }
    }

    @Test
    void refusesToReadAColumnTheFileDoesNotHave() throws IOException {
        Path file = write(dir.resolve("projection.parquet"), EVERY_TYPE, EVERY_TYPE_ROWS, ParquetSettings.defaults());

        assertThatThrownBy(() -> ParquetPartReader.open(file, List.of("id", "row_hash")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row_hash");
    }

    @Test
    void keepsTheKeyValueMetadataGivenAtOpen() throws IOException {
        Path file = dir.resolve("metadata.parquet");
        Map<String, String> metadata = Map.of("lakegate.contract", "fact_sales", "lakegate.ingest_run_id", "run-42");
        try (ParquetPartWriter writer = ParquetPartWriter.open(file, EVERY_TYPE, ParquetSettings.defaults(), metadata)) {
            writer.write(EVERY_TYPE_ROWS.get(0));
        }

        try (ParquetPartReader reader = ParquetPartReader.open(file)) {
            assertThat(reader.keyValueMetadata()).isEqualTo(metadata);
        }
    }

    @Test
    void readsRowsInOrderAcrossRowGroupsAndAfterADictionaryFallsBackToPlain() throws IOException {
        List<ValuesRow> rows = customerRows(30_000);

        Path file = write(dir.resolve("row-groups.parquet"), LINE_AND_CUSTOMER, rows, SMALL_GROUPS);

        assertThat(rowGroupCount(file)).isGreaterThan(1);
        try (ParquetPartReader reader = ParquetPartReader.open(file)) {
            assertThat(ValuesRow.readAll(reader)).containsExactlyElementsOf(rows);
        }
    }

    @Test
    void cutsTheSameRowGroupsAndPagesAsParquetJavasOwnWriter() throws IOException {
        List<ValuesRow> rows = customerRows(5_000);
        Path ours = write(dir.resolve("ours.parquet"), LINE_AND_CUSTOMER, rows, SMALL_GROUPS);

        Path theirs = ColumnChunkWriterTest.writeWithParquetJava(dir.resolve("theirs.parquet"), LINE_AND_CUSTOMER, rows,
                SMALL_GROUPS);

        assertThat(rowGroupCount(ours)).isGreaterThan(1);
        assertThat(layout(ours)).isEqualTo(layout(theirs));
    }

    /** 30,000 rows of a line number and one of {@code customers} customers, every seventh customer null. */
    static List<ValuesRow> customerRows(int customers) {
        List<ValuesRow> rows = new ArrayList<>();
        for (long line = 0; line < 30_000; line++) {
            rows.add(new ValuesRow(line, line % 7 == 0 ? null : "customer-" + line % customers));
        }
        return rows;
    }

    /** Per row group its rows and, per column chunk, its encodings, sizes, offsets and statistics. */
    private static List<String> layout(Path file) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            List<String> layout = new ArrayList<>();
            for (BlockMetaData group : reader.getRowGroups()) {
                layout.add("rows " + group.getRowCount());
                for (ColumnChunkMetaData chunk : group.getColumns()) {
                    layout.add(chunk.getPath() + " " + chunk.getEncodings() + " " + chunk.getTotalSize() + " "
                            + chunk.getTotalUncompressedSize() + " " + chunk.getFirstDataPageOffset() + " "
                            + chunk.getDictionaryPageOffset() + " " + chunk.getStatistics());
                }
            }
            return layout;
        }
    }

    @Test
    void passesRowsFromAReaderStraightToAWriter() throws IOException {
        Path source = write(dir.resolve("source.parquet"), EVERY_TYPE, EVERY_TYPE_ROWS, ParquetSettings.defaults());
        Path copy = dir.resolve("copy.parquet");

        try (ParquetPartReader reader = ParquetPartReader.open(source);
                ParquetPartWriter writer = ParquetPartWriter.open(copy, reader.columns(), ParquetSettings.defaults())) {
            while (reader.next()) {
                writer.write(reader);
            }
        }

        try (ParquetPartReader reader = ParquetPartReader.open(copy)) {
            assertThat(reader.columns()).isEqualTo(EVERY_TYPE);
            assertThat(ValuesRow.readAll(reader)).containsExactlyElementsOf(EVERY_TYPE_ROWS);
        }
    }

    @Test
    void readsAPartWithNoRows() throws IOException {
        Path file = write(dir.resolve("empty.parquet"), EVERY_TYPE, List.of(), ParquetSettings.defaults());

        try (ParquetPartReader reader = ParquetPartReader.open(file)) {
            assertThat(reader.columns()).extracting(ParquetColumn::name)
                    .containsExactly("id", "label", "city", "quantity", "amount", "sold_at", "sale_date", "refunded");
            assertThat(reader.next()).isFalse();
        }
    }

    @Test
    void writesSnappyPartsToo() throws IOException {
        Path file = write(dir.resolve("snappy.parquet"), EVERY_TYPE, EVERY_TYPE_ROWS,
                ParquetSettings.defaults().withCodec(ParquetCodec.SNAPPY));

        try (ParquetPartReader reader = ParquetPartReader.open(file)) {
            assertThat(ValuesRow.readAll(reader)).containsExactlyElementsOf(EVERY_TYPE_ROWS);
        }
    }

    static Path write(Path file, List<ParquetColumn> columns, List<ValuesRow> rows, ParquetSettings settings)
            throws IOException {
        try (ParquetPartWriter writer = ParquetPartWriter.open(file, columns, settings)) {
            for (ValuesRow row : rows) {
                writer.write(row);
            }
        }
        return file;
    }

    private static int rowGroupCount(Path file) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            return reader.getRowGroups().size();
        }
    }
}
