package io.lakegate.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetPartWriterTest {

    private static final List<ParquetColumn> COLUMNS = List.of(
            ParquetColumn.of("transaction_id", ColumnType.STRING, false),
            ParquetColumn.of("store_id", ColumnType.STRING, false).withDictionary(),
            ParquetColumn.of("quantity", ColumnType.INT, false),
            ParquetColumn.decimal("amount", 18, 2, true));

    /** The footer (schema, statistics, page indexes) is not part of the estimate. */
    private static final long FOOTER_ALLOWANCE = 64 * 1024;

    @TempDir
    Path dir;

    @Test
    void estimatedBytesOnlyGrowAsRowsAreWrittenAndStayNearTheFileSize() throws IOException {
        Path file = dir.resolve("rolling.parquet");
        List<Long> everyRow = new ArrayList<>();
        List<Long> every50kRows = new ArrayList<>();
        long finalEstimate;
        try (ParquetPartWriter writer = ParquetPartWriter.open(file, COLUMNS, ParquetSettings.defaults())) {
            for (int line = 1; line <= 400_000; line++) {
                writer.write(sale(line));
                everyRow.add(writer.estimatedBytes());
                if (line % 50_000 == 0) {
                    every50kRows.add(writer.estimatedBytes());
                }
            }
            assertThat(writer.rowCount()).isEqualTo(400_000);
            finalEstimate = writer.estimatedBytes();
        }

        assertThat(everyRow).isSorted();
        assertThat(every50kRows).isSorted().doesNotHaveDuplicates();
        assertThat(Files.size(file)).isBetween(finalEstimate / 2, finalEstimate + FOOTER_ALLOWANCE);
    }

    @Test
    void refusesANullInARequiredColumnThenDeletesThePartAndRefusesMoreRows() throws IOException {
        Path file = dir.resolve("broken.parquet");
        ParquetPartWriter writer = ParquetPartWriter.open(file, COLUMNS, ParquetSettings.defaults());
        writer.write(sale(1));

        assertThatThrownBy(() -> writer.write(new ValuesRow("T2", null, 1L, 100L)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("store_id");

        assertThat(file).doesNotExist();
        assertThatThrownBy(() -> writer.write(sale(3))).isInstanceOf(IllegalStateException.class);
        writer.close();
        assertThat(file).doesNotExist();
    }

    @Test
    void refusesAnIntColumnValueBeyond32BitsRatherThanTruncatingIt() throws IOException {
        Path file = dir.resolve("overflow.parquet");
        try (ParquetPartWriter writer = ParquetPartWriter.open(file, COLUMNS, ParquetSettings.defaults())) {
            assertThatThrownBy(() -> writer.write(new ValuesRow("T1", "S1", 1L << 31, 100L)))
                    .isInstanceOf(ArithmeticException.class);
        }
        assertThat(file).doesNotExist();
    }

    @Test
    void refusesToReplaceAnExistingFileUnlessAskedTo() throws IOException {
        Path file = ParquetRoundTripTest.write(dir.resolve("existing.parquet"), COLUMNS, List.of(sale(1)),
                ParquetSettings.defaults());

        assertThatThrownBy(() -> ParquetPartWriter.open(file, COLUMNS, ParquetSettings.defaults()))
                .isInstanceOf(FileAlreadyExistsException.class);

        ParquetRoundTripTest.write(file, COLUMNS, List.of(sale(2), sale(3)), ParquetSettings.defaults().withOverwrite(true));
        try (ParquetPartReader reader = ParquetPartReader.open(file)) {
            assertThat(ValuesRow.readAll(reader)).containsExactly(sale(2), sale(3));
        }
    }

    @Test
    void refusesColumnListsParquetCannotHold() {
        Path file = dir.resolve("never.parquet");

        assertThatThrownBy(() -> ParquetPartWriter.open(file, List.of(), ParquetSettings.defaults()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ParquetPartWriter.open(file,
                List.of(ParquetColumn.of("sku", ColumnType.STRING, false), ParquetColumn.of("sku", ColumnType.LONG, true)),
                ParquetSettings.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sku");
        assertThat(file).doesNotExist();
    }

    private static ValuesRow sale(long line) {
        return new ValuesRow("TX%010d".formatted(line), "ST" + (line % 40), 1 + line % 5,
                line % 11 == 0 ? null : line * 137 - 50_000);
    }
}
