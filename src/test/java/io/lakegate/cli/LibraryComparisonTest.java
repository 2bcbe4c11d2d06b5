package io.lakegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.DuckDbQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The comparison is only fair if both sides do the same work: checked here, never its timings. */
class LibraryComparisonTest {

    @TempDir
    Path dir;

    @Test
    void bothReadersReadTheSameFieldsOfQuotedMultiLineRecords() throws Exception {
        Path csv = Files.writeString(dir.resolve("tricky.csv"), "id,note,amount\r\n"
                + "1,\"comma, inside\",1.50\r\n"
                + "2,\"line\nbreak and \"\"quotes\"\"\",2.00\r\n"
                + "3,,3\r\n");

        assertThat(LibraryComparison.readWithLakegate(csv))
                .isEqualTo(LibraryComparison.readWithCommonsCsv(csv))
                .isEqualTo(new LibraryComparison.Fields(4, "idnoteamount".length() + "1comma, inside1.50".length()
                        + "2line\nbreak and \"quotes\"2.00".length() + "33".length()));
    }

    @Test
    void bothWritersWriteTheSameRowsThatDuckDbReadsAlike() throws Exception {
        Path ours = dir.resolve("ours.parquet");
        Path avro = dir.resolve("avro.parquet");

        LibraryComparison.writeWithLakegate(ours, 5000);
        LibraryComparison.writeWithAvro(avro, 5000);

        String columns = "transaction_id, store_id, sku, quantity, amount::VARCHAR, currency, customer_id,"
                + " epoch_us(sold_at::TIMESTAMP)";
        List<List<String>> ourRows = DuckDbQuery.textRows(List.of(),
                "SELECT " + columns + " FROM read_parquet('" + DuckDbQuery.sqlPath(ours) + "') ORDER BY transaction_id");
        assertThat(ourRows).hasSize(5000);
        assertThat(ourRows.get(0).get(4)).matches("\\d+\\.\\d{2}");
        assertThat(DuckDbQuery.textRows(List.of(),
                "SELECT " + columns + " FROM read_parquet('" + DuckDbQuery.sqlPath(avro) + "') ORDER BY transaction_id"))
                .isEqualTo(ourRows);
    }
}
