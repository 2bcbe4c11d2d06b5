package io.lakegate.gold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.lake.StorageProperties;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.apache.iceberg.aws.glue.GlueCatalog;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

class GoldCatalogTest {

    @TempDir
    java.nio.file.Path lake;

    private final S3Client s3 = S3Client.builder().region(Region.US_EAST_1).endpointOverride(URI.create("http://127.0.0.1:1"))
            .credentialsProvider(() -> software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("a", "b")).build();

    @Test
    void theEmbeddedLakesCatalogIsASqliteFileBesideTheBucket() {
        Catalog catalog = GoldCatalog.open(catalog("jdbc", null), storage(StorageProperties.Mode.EMBEDDED), s3);

        assertThat(catalog).isInstanceOf(JdbcCatalog.class);
        assertThat(lake.resolve(GoldCatalog.EMBEDDED_CATALOG_FILE)).isRegularFile();
    }

    @Test
    void offTheEmbeddedLakeAJdbcCatalogNeedsADatabaseEveryReplicaReaches() {
        assertThatThrownBy(() -> GoldCatalog.open(catalog("jdbc", null), storage(StorageProperties.Mode.S3), s3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lakegate.compaction.catalog.uri").hasMessageContaining("glue");
    }

    @Test
    void glueIsChosenByConfigurationAlone() {
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        try {
            Catalog catalog = GoldCatalog.open(catalog("glue", null), storage(StorageProperties.Mode.S3), s3);

            assertThat(catalog).isInstanceOf(GlueCatalog.class);
            assertThat(catalog.name()).isEqualTo("lakegate");
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }

    @Test
    void anUnknownCatalogTypeIsRefusedNamingTheChoices() {
        assertThatThrownBy(() -> GoldCatalog.open(catalog("hive", null), storage(StorageProperties.Mode.S3), s3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'hive'").hasMessageContaining("jdbc or glue");
    }

    private static CompactionProperties.Catalog catalog(String type, String uri) {
        return new CompactionProperties.Catalog(type, uri, "lakegate", Map.of());
    }

    private StorageProperties storage(StorageProperties.Mode mode) {
        return new StorageProperties(mode, "lake", "us-east-1", null, true, null, null,
                new StorageProperties.Embedded(lake.toString(), "127.0.0.1", 0, "k", "s"),
                new StorageProperties.Retry(1, Duration.ofMillis(1), Duration.ofMillis(1)));
    }
}
