package io.lakegate;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs SQL on a fresh in-memory DuckDB in UTC, the reader our tests check Lakegate's Parquet against: a file that
 * DuckDB reads as we meant it is a file other engines read too.
 */
public final class DuckDbQuery {

    private DuckDbQuery() {
    }

    /** Each row as column label to value; {@code setup} statements (views, macros) run first on the same connection. */
    public static List<Map<String, Object>> rows(List<String> setup, String sql) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        run(setup, sql, result -> {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int c = 1; c <= result.getMetaData().getColumnCount(); c++) {
                row.put(result.getMetaData().getColumnLabel(c), result.getObject(c));
            }
            rows.add(row);
        });
        return rows;
    }

    /** Each row as its values' text, in column order. */
    public static List<List<String>> textRows(List<String> setup, String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        run(setup, sql, result -> {
            List<String> row = new ArrayList<>();
            for (int c = 1; c <= result.getMetaData().getColumnCount(); c++) {
                row.add(result.getString(c));
            }
            rows.add(row);
        });
        return rows;
    }

    /** A path as DuckDB's SQL wants it inside quotes. */
    public static String sqlPath(java.nio.file.Path path) {
        return path.toString().replace('\\', '/').replace("'", "''");
    }

    private interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    private static void run(List<String> setup, String sql, RowReader reader) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
            for (String step : setup) {
                statement.execute(step);
            }
            try (ResultSet result = statement.executeQuery(sql)) {
                while (result.next()) {
                    reader.read(result);
                }
            }
        }
    }
}
