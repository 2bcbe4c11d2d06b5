package io.lakegate.gold;

import io.lakegate.lake.LakeLayout;
import io.lakegate.lake.StorageProperties;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.aws.AwsClientProperties;
import org.apache.iceberg.aws.glue.GlueCatalog;
import org.apache.iceberg.aws.s3.S3FileIO;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.jdbc.JdbcClientPool;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Opens the Iceberg catalog the gold tables live in, from configuration alone: the same tables and files on
 * the embedded lake and on AWS, only the catalog behind them differs.
 * <ul>
 * <li>{@code jdbc}: Iceberg's JDBC catalog. On the embedded lake its database is a SQLite file beside the
 *     bucket's folder ({@code lake-data/iceberg-catalog.db}): no server to run, and replicas on one host share it.
 *     Elsewhere point {@code uri} at a database every replica reaches (PostgreSQL, MySQL).</li>
 * <li>{@code glue}: the AWS Glue Data Catalog, where Athena, EMR and Redshift find the tables natively.</li>
 * </ul>
 * Either way the table's data and metadata are objects in the lake's bucket, written through the S3 API; on
 * {@code jdbc} they go through the service's own S3 client. A commit swaps the table's metadata pointer only if
 * it still is the one the commit started from, so two replicas never commit over each other.
 */
public final class GoldCatalog {

    public static final String EMBEDDED_CATALOG_FILE = "iceberg-catalog.db";
    private static final String NAME = "lakegate";

    private GoldCatalog() {}

    public static Catalog open(CompactionProperties.Catalog settings, StorageProperties storage, S3Client s3) {
        Map<String, String> properties = new HashMap<>(settings.properties());
        properties.put(CatalogProperties.WAREHOUSE_LOCATION, LakeLayout.s3Uri(storage.bucket(), LakeLayout.GOLD));
        properties.putIfAbsent(AwsClientProperties.CLIENT_REGION, storage.region());
        return switch (settings.type().toLowerCase(Locale.ROOT)) {
            case "jdbc" -> jdbc(settings, storage, s3, properties);
            case "glue" -> glue(properties);
            default -> throw new IllegalArgumentException("lakegate.compaction.catalog.type is '" + settings.type()
                    + "'; it must be jdbc or glue");
        };
    }

    private static Catalog jdbc(CompactionProperties.Catalog settings, StorageProperties storage, S3Client s3,
            Map<String, String> properties) {
        String uri = settings.uri();
        if (uri == null || uri.isBlank()) {
            if (!storage.embeddedMode()) {
                throw new IllegalArgumentException("lakegate.compaction.catalog.uri must name a database every replica"
                        + " reaches (jdbc:postgresql://...), or set lakegate.compaction.catalog.type to glue");
            }
            uri = "jdbc:sqlite:" + embeddedCatalogFile(storage).toAbsolutePath();
        }
        properties.put(CatalogProperties.URI, uri);
        // The current schema of the catalog's own tables; the legacy one makes Iceberg warn at every start.
        properties.putIfAbsent("jdbc.schema-version", "V1");
        JdbcCatalog catalog = new JdbcCatalog(ioProperties -> fileIO(s3, ioProperties),
                poolProperties -> new JdbcClientPool(poolProperties.get(CatalogProperties.URI), poolProperties), true);
        catalog.initialize(NAME, properties);
        return catalog;
    }

    private static Catalog glue(Map<String, String> properties) {
        GlueCatalog catalog = new GlueCatalog();
        catalog.initialize(NAME, properties);
        return catalog;
    }

    /** The embedded lake's catalog database: beside the bucket's folder, not inside it, so it is not an object. */
    public static Path embeddedCatalogFile(StorageProperties storage) {
        return storage.embedded().directoryPath().resolve(EMBEDDED_CATALOG_FILE);
    }

    private static FileIO fileIO(S3Client s3, Map<String, String> properties) {
        S3FileIO io = new S3FileIO(() -> s3);
        io.initialize(properties);
        return io;
    }
}
