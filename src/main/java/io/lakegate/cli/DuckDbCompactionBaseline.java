package io.lakegate.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The yardstick of gold compaction: DuckDB doing the same work on the same processed parts. It keeps the latest
 * row of each key (the order Lakegate uses: {@code ingest_ts}, {@code source_file}, {@code source_line},
 * {@code ingest_run_id}, all descending), adds a SHA-256 {@code row_hash} of the business columns (joined with a
 * separator, not Lakegate's length-prefixed encoding, which is as much hashing), sorts by the sort columns, and
 * writes ZSTD Parquet partitioned by day ({@code COPY … PARTITION_BY}). It keeps no change counts, no audit and
 * no table metadata, which Lakegate does.
 */
final class DuckDbCompactionBaseline {

    private static final Set<String> LINEAGE = Set.of("ingest_run_id", "ingest_ts", "source_file", "source_line");

    record Result(long rows, double seconds) {
    }

    private DuckDbCompactionBaseline() {
    }

    static Result run(Path processed, String key, String eventTime, List<String> sortBy, Path output, int threads)
            throws SQLException, IOException {
        Files.createDirectories(output.getParent());
        String parts = sqlPath(processed) + "/**/*.parquet";
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement()) {
            statement.execute("SET threads = " + threads);
            statement.execute("SET TimeZone = 'UTC'");
            statement.execute("SET preserve_insertion_order = false");
            statement.execute("SET temp_directory = '" + sqlPath(output.resolveSibling(output.getFileName() + "-tmp")) + "'");
            List<String> business = new ArrayList<>();
            try (ResultSet columns = statement.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + parts + "')")) {
                while (columns.next()) {
                    if (!LINEAGE.contains(columns.getString(1))) {
                        business.add("coalesce(\"" + columns.getString(1) + "\"::VARCHAR, '')");
                    }
                }
            }
            String sql = """
                    COPY (
                      SELECT *, sha256(concat_ws(chr(31), %s)) AS row_hash, CAST(%s AS DATE) AS day
                      FROM read_parquet('%s')
                      QUALIFY row_number() OVER (PARTITION BY %s
                          ORDER BY ingest_ts DESC, source_file DESC, source_line DESC, ingest_run_id DESC) = 1
                      ORDER BY day, %s, %s
                    ) TO '%s' (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (day))
                    """.formatted(String.join(", ", business), eventTime, parts, key, String.join(", ", sortBy), key,
                    sqlPath(output));
            long start = System.nanoTime();
            statement.execute(sql);
            double seconds = (System.nanoTime() - start) / 1e9;
            try (ResultSet count = statement.executeQuery(
                    "SELECT count(*) FROM read_parquet('" + sqlPath(output) + "/**/*.parquet')")) {
                count.next();
                return new Result(count.getLong(1), seconds);
            }
        }
    }

    private static String sqlPath(Path path) {
        return path.toAbsolutePath().toString().replace('\\', '/').replace("'", "''");
    }
}
