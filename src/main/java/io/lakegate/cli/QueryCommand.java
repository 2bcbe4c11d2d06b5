package io.lakegate.cli;

import io.lakegate.contract.ContractRegistry;
import io.lakegate.contract.DataContract;
import io.lakegate.gold.GoldManifest;
import io.lakegate.lake.LakeLayout;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code query "SELECT …" [--lake DIR] [--max-rows N]}: SQL over the embedded lake's gold tables with DuckDB,
 * printed as a table. Each gold table is a view named after its dataset, with a {@code date} column like
 * the Athena table's partition, over exactly the files the partitions' manifests name, as Athena sees them.
 */
final class QueryCommand implements CommandLine.Command {

    private static final String USAGE = "usage: lakegate query \"SELECT ...\" [--lake DIR] [--max-rows N]";

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        ServiceSettings settings = ServiceSettings.load();
        Path lake = settings.storage().embedded().directoryPath().resolve(settings.storage().bucket());
        String sql = null;
        int maxRows = 100;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--lake" -> lake = Path.of(value(args, ++i));
                case "--max-rows" -> maxRows = Integer.parseInt(value(args, ++i));
                default -> {
                    if (sql != null || args[i].startsWith("--")) {
                        throw new CommandLine.UsageException(USAGE);
                    }
                    sql = args[i];
                }
            }
        }
        if (sql == null) {
            throw new CommandLine.UsageException(USAGE);
        }
        String bucket = lake.getFileName().toString();
        ContractRegistry contracts = new ContractRegistry(settings.contracts().directoryPath());
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = duckdb.createStatement()) {
            for (DataContract contract : contracts.all()) {
                if (contract.goldTable().isPresent()) {
                    defineView(statement, contract.id(), lake, bucket, err);
                }
            }
            try (ResultSet rows = statement.executeQuery(sql)) {
                print(rows, maxRows, out);
            } catch (SQLException e) {
                err.println("Query failed: " + e.getMessage());
                return 1;
            }
        }
        return 0;
    }

    private static void defineView(Statement statement, String dataset, Path lake, String bucket, PrintStream err)
            throws IOException, SQLException {
        Path manifests = lake.resolve(LakeLayout.goldManifestsPrefix(dataset));
        List<String> files = new ArrayList<>();
        if (Files.isDirectory(manifests)) {
            try (Stream<Path> found = Files.walk(manifests)) {
                for (Path manifest : found.filter(p -> p.getFileName().toString().equals("manifest")).sorted().toList()) {
                    for (String key : GoldManifest.parse(Files.readAllBytes(manifest), bucket).keys()) {
                        files.add("'" + lake.resolve(key).toString().replace("'", "''") + "'");
                    }
                }
            }
        }
        if (files.isEmpty()) {
            err.println("Gold table " + dataset + " has no compacted dates in " + lake + " yet; run `lakegate compact` first.");
            return;
        }
        // hive_partitioning reads date= and gen= from the paths; the generation is an implementation detail.
        statement.execute("CREATE VIEW \"" + dataset + "\" AS SELECT * EXCLUDE (gen) FROM read_parquet(["
                + String.join(", ", files) + "], hive_partitioning = true, hive_types = {'date': DATE, 'gen': VARCHAR})");
    }

    private static void print(ResultSet rows, int maxRows, PrintStream out) throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        int columns = meta.getColumnCount();
        List<String[]> table = new ArrayList<>();
        String[] header = new String[columns];
        for (int c = 0; c < columns; c++) {
            header[c] = meta.getColumnLabel(c + 1);
        }
        table.add(header);
        int shown = 0;
        boolean more = false;
        while (rows.next()) {
            if (shown == maxRows) {
                more = true;
                break;
            }
            String[] row = new String[columns];
            for (int c = 0; c < columns; c++) {
                Object value = rows.getObject(c + 1);
                row[c] = value == null ? "NULL" : value.toString();
            }
            table.add(row);
            shown++;
        }
        int[] widths = new int[columns];
        Arrays.fill(widths, 1);
        for (String[] row : table) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        for (int r = 0; r < table.size(); r++) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                line.append(c == 0 ? "" : " | ").append(String.format("%-" + widths[c] + "s", table.get(r)[c]));
            }
            out.println(line.toString().stripTrailing());
            if (r == 0) {
                StringBuilder rule = new StringBuilder();
                for (int c = 0; c < columns; c++) {
                    rule.append(c == 0 ? "" : "-+-").append("-".repeat(widths[c]));
                }
                out.println(rule);
            }
        }
        out.println("(" + shown + (more ? "+" : "") + " row" + (shown == 1 ? "" : "s") + (more ? ", more not shown; --max-rows N" : "") + ")");
    }

    private static String value(String[] args, int i) throws CommandLine.UsageException {
        if (i >= args.length) {
            throw new CommandLine.UsageException(USAGE);
        }
        return args[i];
    }
}
