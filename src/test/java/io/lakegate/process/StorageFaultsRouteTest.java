package io.lakegate.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakegate.LakegateApplication;
import io.lakegate.lake.EmbeddedS3Server;
import io.lakegate.lake.FaultProxy;
import io.lakegate.lake.LakeJson;
import io.lakegate.lake.LakeLayout;
import io.lakegate.lake.StorageProperties;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The whole service in s3 mode, its S3 endpoint a {@link FaultProxy} in front of an S3 server: every call
 * the routes make, with the S3 client built as in production (its own retries included), crosses a network
 * that breaks large downloads mid-body and answers 503 SlowDown to uploads. The test itself reaches the
 * server directly. A context of its own (another endpoint than the shared route tests), closed after the class.
 */
@CamelSpringBootTest
@SpringBootTest(classes = LakegateApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "server.port=0",
    "lakegate.storage.mode=s3",
    "lakegate.storage.access-key=" + StorageFaultsRouteTest.ACCESS_KEY,
    "lakegate.storage.secret-key=" + StorageFaultsRouteTest.SECRET_KEY,
    "lakegate.storage.retry.max-attempts=4",
    "lakegate.storage.retry.initial-backoff=20ms",
    "lakegate.intake.enabled=false",
    "lakegate.compaction.enabled=false",
    "lakegate.compaction.work-directory=target/fault-compaction",
    // Off the embedded lake, a JDBC catalog needs a database: here a file of its own.
    "lakegate.compaction.catalog.uri=jdbc:sqlite:target/fault-catalog.db",
    "lakegate.processing.poll-interval=200",
    "lakegate.processing.work-directory=target/fault-work",
    // Parts of a few thousand rows, so some are uploaded while the file is still being read.
    "lakegate.processing.part-target-rows=3000",
    // The project's contracts and routes, read as they are and not watched: nothing here edits them.
    "lakegate.contracts.directory=contracts",
    "camel.main.routes-include-pattern=file:routes/*.yaml",
    "camel.main.routes-reload-enabled=false",
})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class StorageFaultsRouteTest {

    static final String ACCESS_KEY = "faults";
    static final String SECRET_KEY = "faults-secret";
    private static final String BUCKET = "lake";
    private static final String FILE = "validated/sales_faults.csv";
    private static final int MB = 1 << 20;
    private static final int ROWS = 50_000;

    private static final EmbeddedS3Server SERVER = new EmbeddedS3Server(new StorageProperties.Embedded(
            freshFolder(Path.of("target", "fault-lake")).toString(), "127.0.0.1", 0, ACCESS_KEY, SECRET_KEY), BUCKET);
    private static final FaultProxy PROXY = new FaultProxy(SERVER.endpoint());
    private static final S3Client DIRECT = S3Client.builder()
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
            .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
            .endpointOverride(SERVER.endpoint())
            .build();

    @DynamicPropertySource
    static void storageBehindTheProxy(DynamicPropertyRegistry registry) {
        registry.add("lakegate.storage.endpoint", () -> PROXY.endpoint().toString());
    }

    /** Stops the server and the proxy with the context, after its routes, so no poll meets a closed port. */
    @TestConfiguration
    static class FaultyNetwork {
        @Bean(destroyMethod = "close")
        AutoCloseable faultyNetwork() {
            return () -> {
                DIRECT.close();
                PROXY.close();
                SERVER.close();
            };
        }
    }

    @Autowired
    private CamelContext camel;

    @TempDir
    static Path folder;

    private static Path salesFile;

    @BeforeEach
    void emptyLake() throws IOException {
        PROXY.heal();
        for (S3Object o : DIRECT.listObjectsV2Paginator(r -> r.bucket(BUCKET)).contents()) {
            DIRECT.deleteObject(r -> r.bucket(BUCKET).key(o.key()));
        }
        if (salesFile == null) {
            salesFile = writeSalesFile(folder.resolve("sales_faults.csv"), ROWS);
        }
    }

    @Test
    void aFileReadAndWrittenThroughBreakingConnectionsLeavesExactlyTheLakeACleanRunLeaves() throws Exception {
        assertThat(Files.size(salesFile)).isGreaterThan(3L * MB);
        Lake clean = process("clean");

        emptyLake();
        // Large GETs of the file lose their connection four times, twice in a row at one byte; the first two
        // parts and the rejected rows are refused with 503 SlowDown four times each, more than the client retries.
        PROXY.cutBodies("/lake/validated/", MB, 700_000, 2).cutBodies("/lake/validated/", MB, 0, 1)
                .cutBodies("/lake/validated/", MB, 400_000, 1)
                .slowDownPuts("/lake/processed/", 2, 4).slowDownPuts("/lake/rejected/data_quality/", 1, 4);
        Lake faulty = process("faulty");

        assertThat(PROXY.bodiesCut()).as("the file's body was cut").isEqualTo(4);
        assertThat(PROXY.putsRefused()).as("uploads were refused").isEqualTo(12);
        assertThat(faulty.keys()).isEqualTo(clean.keys());
        assertThat(faulty.counts()).isEqualTo(clean.counts());
        assertThat(faulty.goodRows()).isEqualTo(clean.goodRows());
        assertThat(faulty.rejectedRows()).isEqualTo(clean.rejectedRows());
        assertThat(faulty.keys()).filteredOn(k -> k.startsWith("audit/ingest/date=")).hasSize(1);
        assertThat(faulty.counts()).containsEntry("rows_read", (long) ROWS)
                .containsEntry("rows_read", faulty.counts().get("rows_good") + faulty.counts().get("rows_rejected"));
        assertThat(faulty.counts().get("rows_rejected")).isPositive();
    }

    @Test
    void aFileWhoseDownloadKeepsBreakingIsRefusedAsProcessingFailedNamingTheAttempts() throws Exception {
        PROXY.cutBodies("/lake/validated/", MB, MB, 1).cutBodies("/lake/validated/", MB, 0, Integer.MAX_VALUE);

        putSalesFile();

        String rejectKey = LakeLayout.systemRejectKeyFor(FILE);
        String reasonKey = LakeLayout.reasonKeyFor(rejectKey);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> exists(reasonKey) && !exists(FILE) && keys().stream().noneMatch(k -> k.startsWith("_leases/")));
        JsonNode reason = LakeJson.mapper().readTree(get(reasonKey));
        assertThat(reason.path("code").asText()).isEqualTo("processing_failed");
        assertThat(reason.path("stage").asText()).isEqualTo("read");
        assertThat(reason.path("message").asText()).contains(FILE).contains("gave up after 4 attempts");
        assertThat(keys()).containsExactlyInAnyOrder(rejectKey, reasonKey);
        assertThat(sha256(get(rejectKey))).isEqualTo(sha256(Files.readAllBytes(salesFile)));
        assertThat(PROXY.bodiesCut()).isGreaterThanOrEqualTo(4);
    }

    private JsonNode readJson(String key) {
        try {
            return LakeJson.mapper().readTree(get(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a run left, with its run id and ingest date taken out so two runs of the same file compare. */
    private record Lake(List<String> keys, Map<String, Long> counts, List<Map<String, Object>> goodRows,
            Map<String, String> rejectedRows) {
    }

    private Lake process(String name) throws Exception {
        putSalesFile();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                .until(() -> !exists(FILE) && keys().stream().noneMatch(k -> k.startsWith("_leases/")));
        List<String> keys = keys();
        String auditKey = keys.stream().filter(k -> k.startsWith("audit/ingest/date="))
                .filter(k -> readJson(k).path("source_file").asText().equals(FILE)).findFirst()
                .orElseThrow(() -> new AssertionError("no audit record of " + FILE + "; the lake holds " + keys));
        JsonNode audit = LakeJson.mapper().readTree(get(auditKey));
        String runId = audit.path("ingest_run_id").asText();
        String ingestDate = auditKey.substring("audit/ingest/date=".length(), auditKey.lastIndexOf('/'));
        List<String> normalized = keys.stream()
                .map(k -> k.startsWith("archive/") ? "archive/" + runId : k)
                .map(k -> k.replace(runId, "{run}").replace("date=" + ingestDate, "date={ingest-date}"))
                .sorted().toList();
        Map<String, Long> counts = new TreeMap<>();
        for (String field : List.of("rows_read", "rows_good", "rows_rejected", "rows_warned", "bytes_in")) {
            counts.put(field, audit.path(field).asLong());
        }
        audit.path("rejects_by_rule").properties().forEach(e -> counts.put("rejects_by_rule." + e.getKey(), e.getValue().asLong()));
        Map<String, String> rejected = new TreeMap<>();
        for (JsonNode file : audit.path("rejected_row_files")) {
            rejected.put(file.asText().replace(runId, "{run}").replace(ingestDate, "{ingest-date}"), sha256(get(file.asText())));
        }
        List<Map<String, Object>> rows = LakeQuery.query(DIRECT, BUCKET, "processed/fact_sales", folder.resolve(name),
                "SELECT CAST(date AS VARCHAR) AS d, count(*) AS n, md5(string_agg(concat_ws('|', transaction_id, store_id, sku, "
                        + "quantity, unit_price, amount, currency, coalesce(customer_id, '-'), epoch_us(sold_at), "
                        + "coalesce(payment_method, '-'), source_line, source_file), chr(10) ORDER BY source_line)) AS digest "
                        + "FROM {parquet} GROUP BY ALL ORDER BY d");
        return new Lake(normalized, counts, rows, rejected);
    }

    private void putSalesFile() throws Exception {
        // Stopped while the file is written: the server lists an object it is still writing under a temporary name.
        camel.getRouteController().stopRoute("process-validated");
        DIRECT.putObject(r -> r.bucket(BUCKET).key(FILE), RequestBody.fromFile(salesFile));
        camel.getRouteController().startRoute("process-validated");
    }

    // The service starts polling before any test method runs: a file left by an earlier JVM must not be there.
    private static Path freshFolder(Path folder) {
        try {
            if (Files.exists(folder)) {
                try (Stream<Path> files = Files.walk(folder)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(file);
                    }
                }
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean exists(String key) {
        try {
            DIRECT.headObject(r -> r.bucket(BUCKET).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        }
    }

    private static byte[] get(String key) {
        return DIRECT.getObjectAsBytes(r -> r.bucket(BUCKET).key(key)).asByteArray();
    }

    private static List<String> keys() {
        return DIRECT.listObjectsV2Paginator(r -> r.bucket(BUCKET)).contents().stream().map(S3Object::key).sorted().toList();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /**
     * Sales rows over seven days (fewer than the partitions open at once) in no particular order, about 2%
     * defective in four ways, and a few repeated transaction ids.
     */
    private static Path writeSalesFile(Path file, int rows) throws IOException {
        SplittableRandom random = new SplittableRandom(11);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("transaction_id,store_id,sku,quantity,unit_price,amount,currency,customer_id,sold_at,payment_method\n");
            for (int i = 0; i < rows; i++) {
                long id = random.nextInt(200) == 0 && i > 0 ? random.nextInt(i) : i;
                int quantity = 1 + random.nextInt(9);
                int cents = 99 + random.nextInt(20_000);
                String price = cents / 100 + "." + String.format("%02d", cents % 100);
                String amount = cents * quantity / 100 + "." + String.format("%02d", cents * quantity % 100);
                String store = "S" + random.nextInt(100);
                String currency = List.of("USD", "EUR", "GBP", "CHF").get(random.nextInt(4));
                String soldAt = String.format("2024-03-%02dT%02d:%02d:%02dZ", 1 + random.nextInt(7), random.nextInt(24),
                        random.nextInt(60), random.nextInt(60));
                if (random.nextInt(50) == 0) {
                    switch (random.nextInt(4)) {
                        case 0 -> soldAt = "yesterday";
                        case 1 -> price = "n/a price";
                        case 2 -> currency = "XXQ";
                        default -> store = "";
                    }
                }
                String customer = random.nextInt(10) == 0 ? "" : "C-" + random.nextInt(100_000);
                out.write("T-" + id + "," + store + ",SKU-" + random.nextInt(10_000) + "," + quantity + "," + price + ","
                        + amount + "," + currency + "," + customer + "," + soldAt + "," + List.of("card", "cash", "voucher",
                        "mobile").get(random.nextInt(4)) + "\n");
            }
        }
        return file;
    }
}
