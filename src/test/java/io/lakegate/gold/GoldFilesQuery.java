package io.lakegate.gold;

import io.lakegate.DuckDbQuery;
import java.nio.file.Path;
import java.sql.SQLException;
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
        String files = DuckDbQuery.sqlPath(directory) + "/*.parquet";
        return DuckDbQuery.textRows(setup, sql.replace("{gold}", "read_parquet('" + files + "')"));
    }
}
