package io.lakegate.parquet;

import static io.lakegate.parquet.ValuesRow.days;
import static io.lakegate.parquet.ValuesRow.micros;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DuckDB stands in for the lake's query engines: what it reads is what Athena and Spark users will see. */
class DuckDbInteropTest {

    private static final List<ParquetColumn> SALES = List.of(
            ParquetColumn.of("transaction_id", ColumnType.STRING, false),
            ParquetColumn.of("store_id", ColumnType.STRING, false).withDictionary(),
            ParquetColumn.of("quantity", ColumnType.INT, false),
            ParquetColumn.decimal("amount", 18, 2, false),
            ParquetColumn.of("customer_id", ColumnType.STRING, true),
            ParquetColumn.of("sold_at", ColumnType.TIMESTAMP, false),
            ParquetColumn.of("sale_date", ColumnType.DATE, false),
            ParquetColumn.of("refunded", ColumnType.BOOLEAN, false),
            ParquetColumn.of("source_line", ColumnType.LONG, false));

    private static final List<ValuesRow> ROWS = List.of(
            new ValuesRow("T1", "ST01", 2L, 123_450L, "C1", micros("2025-01-31T23:59:59.999999Z"),
                    days("2025-01-31"), 0L, 2L),
            new ValuesRow("T2", "ST01", -1L, -123_450L, null, micros("1969-07-20T20:17:40.123456Z"),
                    days("1969-07-20"), 1L, 3L),
            new ValuesRow("T3", "Zürich Hbf – 東京 🚀", 2_147_483_647L, 999_999_999_999_999_999L, "C3", 0L,
                    days("1970-01-01"), 0L, 4_000_000_000L));

    @TempDir
    Path dir;

    private Connection duckDb;
    private Path sales;

    @BeforeEach
    void writeSalesAndConnect() throws Exception {
        sales = dir.resolve("sales.parquet");
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("lakegate.contract", "fact_sales");
        metadata.put("lakegate.ingest_run_id", "run-2026-11-27-001");
        try (ParquetPartWriter writer = ParquetPartWriter.open(sales, SALES, ParquetSettings.defaults(), metadata)) {
            for (ValuesRow row : ROWS) {
                writer.write(row);
            }
        }
        duckDb = DriverManager.getConnection("jdbc:duckdb:");
        execute("SET TimeZone = 'UTC'");
    }

    @AfterEach
    void disconnect() throws SQLException {
        duckDb.close();
    }

    @Test
    void readsEachColumnAsTheMatchingSqlType() throws SQLException {
        List<String> types = row("""
                SELECT typeof(transaction_id), typeof(quantity), typeof(amount), typeof(sold_at),
                       typeof(sale_date), typeof(refunded), typeof(source_line)
                FROM %s LIMIT 1""");

        assertThat(types).containsExactly("VARCHAR", "INTEGER", "DECIMAL(18,2)", "TIMESTAMP WITH TIME ZONE",
                "DATE", "BOOLEAN", "BIGINT");
    }

    @Test
    void readsBackDecimalsExactlyInDuckDb() throws SQLException {
        assertThat(row("SELECT amount::VARCHAR FROM %s WHERE transaction_id = 'T2'")).containsExactly("-1234.50");
        assertThat(row("SELECT amount::VARCHAR FROM %s WHERE transaction_id = 'T3'"))
                .containsExactly("9999999999999999.99");
        try (Statement statement = duckDb.createStatement();
                ResultSet result = statement.executeQuery(sql("SELECT sum(amount) FROM %s"))) {
            result.next();
            assertThat(result.getBigDecimal(1)).isEqualByComparingTo(new BigDecimal("9999999999999999.99"));
        }
    }

    @Test
    void readsTimestampsAsUtcInstantsToTheMicrosecondIncludingBefore1970() throws SQLException {
        assertThat(row("SELECT sold_at::VARCHAR, epoch_us(sold_at)::VARCHAR FROM %s WHERE transaction_id = 'T2'"))
                .containsExactly("1969-07-20 20:17:40.123456+00", String.valueOf(micros("1969-07-20T20:17:40.123456Z")));
        assertThat(row("SELECT sold_at::VARCHAR FROM %s WHERE transaction_id = 'T1'"))
                .containsExactly("2025-01-31 23:59:59.999999+00");
    }

    @Test
    void readsCountsNullsDatesBooleansAndUnicodeText() throws SQLException {
        assertThat(row("SELECT count(*), count(customer_id), sum(quantity), sum(source_line) FROM %s"))
                .containsExactly("3", "2", "2147483648", "4000000005");
        assertThat(row("SELECT sale_date::VARCHAR, refunded::VARCHAR, quantity FROM %s WHERE transaction_id = 'T2'"))
                .containsExactly("1969-07-20", "true", "-1");
        assertThat(row("SELECT store_id FROM %s WHERE transaction_id = 'T3'"))
                .containsExactly("Zürich Hbf – 東京 🚀");
    }

    @Test
    void readsTheKeyValueMetadata() throws SQLException {
        Map<String, String> metadata = new LinkedHashMap<>();
        try (Statement statement = duckDb.createStatement();
                ResultSet result = statement.executeQuery(
                        "SELECT decode(key), decode(value) FROM parquet_kv_metadata('" + sales + "')")) {
            while (result.next()) {
                metadata.put(result.getString(1), result.getString(2));
            }
        }

        assertThat(metadata)
                .containsEntry("lakegate.contract", "fact_sales")
                .containsEntry("lakegate.ingest_run_id", "run-2026-11-27-001");
    }

    @Test
    void partReaderReadsAFileDuckDbWrote() throws Exception {
        Path copy = dir.resolve("duckdb-copy.parquet");
        execute("COPY (SELECT * FROM '" + sales + "') TO '" + copy + "' (FORMAT parquet)");

        try (ParquetPartReader reader = ParquetPartReader.open(copy)) {
            assertThat(reader.columns()).extracting(ParquetColumn::type).containsExactly(ColumnType.STRING,
                    ColumnType.STRING, ColumnType.INT, ColumnType.DECIMAL, ColumnType.STRING, ColumnType.TIMESTAMP,
                    ColumnType.DATE, ColumnType.BOOLEAN, ColumnType.LONG);
            assertThat(ValuesRow.readAll(reader)).containsExactlyElementsOf(ROWS);
        }
    }

    @Test
    void partReaderRefusesColumnsTheLakeDoesNotUse() throws Exception {
        Path nested = dir.resolve("nested.parquet");
        execute("COPY (SELECT [1, 2] AS skus) TO '" + nested + "' (FORMAT parquet)");

        assertThatThrownBy(() -> ParquetPartReader.open(nested))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("skus");
    }

    @Test
    void partsWithDeltaEncodingsReadBackAsThePlainOnesInDuckDbAndThePartReader() throws Exception {
        List<ValuesRow> rows = new ArrayList<>(ROWS);
        for (int i = 0; i < 5_000; i++) {
            rows.add(new ValuesRow("T-" + (100_000 + 7L * i), "ST0" + i % 3, (long) (i % 50), 199L * i,
                    i % 10 == 0 ? null : "C-" + i, micros("2025-01-01T00:00:00Z") + 1_000_003L * i, days("2025-01-01"),
                    (long) (i % 2), 31L * i));
        }
        Path plain = dir.resolve("plain.parquet");
        Path delta = dir.resolve("delta.parquet");
        writeAll(plain, ParquetSettings.defaults(), rows);
        writeAll(delta, ParquetSettings.defaults().withDeltaEncodings(true), rows);

        assertThat(encodingsOf(plain, "source_line")).doesNotContain("DELTA");
        assertThat(encodingsOf(delta, "source_line")).contains("DELTA_BINARY_PACKED");
        assertThat(encodingsOf(delta, "transaction_id")).contains("DELTA_BYTE_ARRAY");
        assertThat(row("SELECT (SELECT count(*) FROM (FROM '" + plain + "' EXCEPT ALL FROM '" + delta + "')),"
                + " (SELECT count(*) FROM (FROM '" + delta + "' EXCEPT ALL FROM '" + plain + "')),"
                + " (SELECT count(*) FROM '" + delta + "')"))
                .as("rows only in the plain file, rows only in the delta one, all rows").containsExactly("0", "0", "5003");
        try (ParquetPartReader reader = ParquetPartReader.open(delta)) {
            assertThat(ValuesRow.readAll(reader)).containsExactlyElementsOf(rows);
        }
    }

    private static void writeAll(Path file, ParquetSettings settings, List<ValuesRow> rows) throws Exception {
        try (ParquetPartWriter writer = ParquetPartWriter.open(file, SALES, settings)) {
            for (ValuesRow row : rows) {
                writer.write(row);
            }
        }
    }

    private String encodingsOf(Path file, String column) throws SQLException {
        return row("SELECT string_agg(encodings, ',') FROM parquet_metadata('" + file + "') WHERE path_in_schema = '"
                + column + "'").get(0);
    }

    private List<String> row(String query) throws SQLException {
        try (Statement statement = duckDb.createStatement(); ResultSet result = statement.executeQuery(sql(query))) {
            assertThat(result.next()).as("a row from: " + query).isTrue();
            List<String> values = new ArrayList<>();
            for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
                values.add(result.getString(i));
            }
            return values;
        }
    }

    private String sql(String query) {
        return query.formatted("read_parquet('" + sales + "')");
    }

    private void execute(String statementText) throws SQLException {
        try (Statement statement = duckDb.createStatement()) {
            statement.execute(statementText);
        }
    }
}
