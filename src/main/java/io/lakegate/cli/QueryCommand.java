package io.lakegate.cli;

import io.lakegate.contract.ContractRegistry;
import io.lakegate.contract.DataContract;
import io.lakegate.gold.GoldCatalog;
import io.lakegate.gold.GoldSnapshotFiles;
import io.lakegate.gold.GoldTables;
import io.lakegate.lake.EmbeddedS3Server;
import io.lakegate.lake.LakeLayout;
import io.lakegate.lake.StorageProperties;
import java.io.Closeable;
import java.io.PrintStream;
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
import java.util.Optional;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code query "SELECT …" [--as-of TIME|SNAPSHOT] [--lake DIR] [--max-rows N]}: SQL over the embedded lake's gold
 * tables with DuckDB, printed as a table. Each gold table is a view named after its dataset over exactly the
 * files of one Iceberg snapshot (the current one, or the one in force at {@code --as-of}), as Athena would read
 * it. The table's metadata is read through the same catalog and S3 API as the service, from an S3 endpoint
 * started here over the lake's folder.
 */
final class QueryCommand implements CommandLine.Command {

    private static final String USAGE =
            "usage: lakegate query \"SELECT ...\" [--as-of 2024-05-01T10:00:00Z|SNAPSHOT_ID] [--lake DIR] [--max-rows N]";

    @Override
    public String usage() {
        return USAGE;
    }

    @Override
    public String summary() {
        return "SQL (DuckDB) over the gold tables of a local lake, optionally as of a time or snapshot";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        ServiceSettings settings = ServiceSettings.load();
        Path lake = settings.storage().embedded().directoryPath().resolve(settings.storage().bucket());
        String sql = null;
        String asOf = null;
        int maxRows = 100;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--lake" -> lake = Path.of(value(args, ++i));
                case "--as-of" -> asOf = value(args, ++i);
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
        ContractRegistry contracts = new ContractRegistry(settings.contracts().directoryPath());
        StorageProperties storage = embeddedOn(settings.storage(), lake);
        try (QuietLogs quiet = new QuietLogs();
                EmbeddedS3Server server = new EmbeddedS3Server(storage.embedded(), storage.bucket());
                S3Client s3 = S3Client.builder().region(Region.of(storage.region())).endpointOverride(server.endpoint())
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                                storage.embedded().accessKey(), storage.embedded().secretKey())))
                        .forcePathStyle(true).build();
                Closeable catalog = (Closeable) GoldCatalog.open(settings.compaction().catalog(), storage, s3);
                Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement()) {
            GoldTables tables = new GoldTables((Catalog) catalog, settings.compaction().catalog().namespace(), storage.bucket());
            for (DataContract contract : contracts.all()) {
                if (contract.goldTable().isPresent()) {
                    Optional<Table> table = tables.load(contract.id());
                    List<String> files = table.isEmpty() ? List.of() : snapshotFiles(table.get(), asOf);
                    defineView(statement, contract.id(), files, lake, storage.bucket(), err);
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

    private static void defineView(Statement statement, String dataset, List<String> locations, Path lake, String bucket,
            PrintStream err) throws SQLException {
        if (locations.isEmpty()) {
            err.println("Gold table " + dataset + " has no data in " + lake + " yet: compact first"
                    + " (java -jar target/lakegate.jar compact).");
            return;
        }
        String prefix = LakeLayout.s3Uri(bucket, "");
        List<String> files = locations.stream()
                .map(location -> "'" + lake.resolve(location.substring(prefix.length())).toString().replace("'", "''") + "'")
                .toList();
        statement.execute("CREATE VIEW \"" + dataset + "\" AS SELECT * FROM read_parquet([" + String.join(", ", files) + "])");
    }

    private static List<String> snapshotFiles(Table table, String asOf) throws CommandLine.UsageException {
        try {
            return GoldSnapshotFiles.of(table, asOf);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.UsageException(e.getMessage());
        }
    }

    /** The lake's settings with its folder taken from {@code --lake} and the endpoint on a free port. */
    private static StorageProperties embeddedOn(StorageProperties storage, Path lake) {
        StorageProperties.Embedded embedded = storage.embedded();
        Path directory = lake.toAbsolutePath().getParent();
        return new StorageProperties(StorageProperties.Mode.EMBEDDED, lake.getFileName().toString(), storage.region(),
                null, true, null, null, new StorageProperties.Embedded(directory.toString(), embedded.host(), 0,
                        embedded.accessKey(), embedded.secretKey()), storage.retry());
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
