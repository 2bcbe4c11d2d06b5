package io.lakegate.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Currency;
import java.util.stream.Collectors;

/**
 * The bench's yardstick: DuckDB doing the work a data engineer would otherwise script for a sales file, on the
 * same machine and file. It reads the CSV, types every column, keeps the rows that pass the sales contract's
 * reject rules (required values, lengths, ranges, ISO currency, amount = quantity × price, plausible time, only
 * the first row of each transaction id), and writes them as ZSTD Parquet partitioned by date
 * ({@code COPY … PARTITION_BY (date)}). It writes no rejected rows, audit or archive, which Lakegate does too.
 */
final class DuckDbBaseline {

    record Result(long rows, double seconds) {
    }

    private DuckDbBaseline() {
    }

    static Result run(Path csv, Path output, int threads) throws SQLException, IOException {
        Files.createDirectories(output.getParent());
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement()) {
            statement.execute("SET threads = " + threads);
            statement.execute("SET TimeZone = 'UTC'");
            statement.execute("SET temp_directory = '" + sqlPath(output.resolveSibling(output.getFileName() + "-tmp")) + "'");
            long start = System.nanoTime();
            statement.execute(copySql(csv, output));
            double seconds = (System.nanoTime() - start) / 1e9;
            try (ResultSet count = statement.executeQuery(
                    "SELECT count(*) FROM read_parquet('" + sqlPath(output) + "/**/*.parquet')")) {
                count.next();
                return new Result(count.getLong(1), seconds);
            }
        }
    }

    static String copySql(Path csv, Path output) {
        String currencies = Currency.getAvailableCurrencies().stream().map(Currency::getCurrencyCode).sorted()
                .map(code -> "'" + code + "'").collect(Collectors.joining(", "));
        return """
                COPY (
                  WITH source AS (
                    SELECT *, row_number() OVER () AS line
                    FROM read_csv('%s', header = true, all_varchar = true, delim = ',', quote = '"')
                  ), typed AS (
                    SELECT line,
                      nullif(trim(transaction_id), '') AS transaction_id,
                      nullif(trim(store_id), '') AS store_id,
                      nullif(trim(sku), '') AS sku,
                      TRY_CAST(trim(quantity) AS BIGINT) AS quantity,
                      TRY_CAST(trim(unit_price) AS DECIMAL(18, 2)) AS unit_price,
                      TRY_CAST(trim(amount) AS DECIMAL(18, 2)) AS amount,
                      nullif(trim(currency), '') AS currency,
                      nullif(trim(customer_id), '') AS customer_id,
                      TRY_CAST(trim(sold_at) AS TIMESTAMPTZ) AS sold_at,
                      nullif(trim(payment_method), '') AS payment_method,
                      -- as Lakegate's unique rule: a key's first row in the file, rejected or not, is its only one
                      row_number() OVER (PARTITION BY nullif(trim(transaction_id), '') ORDER BY line) AS occurrence
                    FROM source
                  )
                  SELECT * EXCLUDE (line, occurrence), CAST(sold_at AS DATE) AS date
                  FROM typed
                  WHERE occurrence = 1
                    AND length(transaction_id) BETWEEN 1 AND 64
                    AND store_id IS NOT NULL AND sku IS NOT NULL
                    AND quantity BETWEEN 1 AND 100000
                    AND unit_price BETWEEN 0 AND 1000000
                    AND currency IN (%s)
                    AND sold_at BETWEEN TIMESTAMPTZ '2000-01-01 00:00:00+00' AND now() + INTERVAL 1 DAY
                    AND abs(amount - quantity * unit_price) <= 0.01
                ) TO '%s' (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (date))
                """.formatted(sqlPath(csv), currencies, sqlPath(output));
    }

    private static String sqlPath(Path path) {
        return path.toAbsolutePath().toString().replace('\\', '/').replace("'", "''");
    }
}
