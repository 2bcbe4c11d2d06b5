package io.lakegate.gold;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Reads gold files with DuckDB, as an analyst would: {@code {gold}} in the SQL stands for the files. */
final class GoldFilesQuery {

    private GoldFilesQuery() {
    }

    static List<List<String>> rows(Path directory, String sql) throws SQLException {
        return rows(directory, List.of(), sql);
    }

    /** Runs the {@code setup} statements (such as macro definitions) first, on the same connection. */
    static List<List<String>> rows(Path directory, List<String> setup, String sql) throws SQLException {
        String files = directory.toString().replace('\\', '/') + "/*.parquet";
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
            for (String step : setup) {
                statement.execute(step);
            }
            try (ResultSet result = statement.executeQuery(sql.replace("{gold}", "read_parquet('" + files + "')"))) {
                int columns = result.getMetaData().getColumnCount();
                List<List<String>> rows = new ArrayList<>();
                while (result.next()) {
                    List<String> row = new ArrayList<>(columns);
                    for (int c = 1; c <= columns; c++) {
                        row.add(result.getString(c));
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }
}
