package io.lakegate.gold;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.lakegate.FaultyStorage;
import io.lakegate.LakeRouteTest;
import io.lakegate.contract.ContractRegistry;
import io.lakegate.lake.LakeJson;
import io.lakegate.lake.LakeLayout;
import io.lakegate.lake.StorageException;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

class GoldRouteTest extends LakeRouteTest {

    private static final String HEADER = "transaction_id,store_id,sku,quantity,unit_price,amount,currency,customer_id,sold_at,payment_method\n";
    private static final LocalDate MARCH_15 = LocalDate.of(2024, 3, 15);
    private static final LocalDate MARCH_16 = LocalDate.of(2024, 3, 16);

    @Autowired
    private ProducerTemplate camel;

    @Autowired
    private CamelContext context;

    @Autowired
    private ContractRegistry contracts;

    @Autowired
    private CompactionProperties compaction;

    @TempDir
    Path localCopy;

    @AfterEach
    void scheduleStaysOff() throws Exception {
        context.getRouteController().stopRoute("compact-gold-on-schedule");
    }

    @Test
    void keepsTheLatestIngestOfEachTransactionPerDate() throws Exception {
        ingest("sales_day1.csv", HEADER
                + "T-1,S01,SKU-1,2,9.99,19.98,USD,C-1,2024-03-15T10:00:00Z,card\n"
                + "T-2,S02,SKU-2,1,5.00,5.00,USD,C-2,2024-03-15T11:00:00Z,cash\n"
                + "T-3,S01,SKU-3,3,1.00,3.00,EUR,,2024-03-16T09:00:00Z,card\n");
        ingest("sales_day1_fix.csv", HEADER
                + "T-1,S01,SKU-1,3,9.99,29.97,USD,C-1,2024-03-15T10:00:00Z,card\n"
                + "T-4,S03,SKU-4,1,7.50,7.50,USD,C-4,2024-03-15T12:00:00Z,mobile\n");

        String metricsBefore = scrape();
        CompactionReport report = compact(null);

        assertThat(report.compacted()).isEqualTo(2);
        assertThat(report.failed()).isZero();
        String metricsAfter = scrape();
        assertThat(increase(metricsBefore, metricsAfter, "lakegate_compaction_rows_total{dataset=\"fact_sales\",kind=\"in\"}")).isEqualTo(5);
        assertThat(increase(metricsBefore, metricsAfter, "lakegate_compaction_rows_total{dataset=\"fact_sales\",kind=\"duplicates\"}")).isEqualTo(1);
        assertThat(increase(metricsBefore, metricsAfter, "lakegate_compaction_changes_total{change=\"inserted\",dataset=\"fact_sales\"}")).isEqualTo(4);
        assertThat(metricsAfter).contains("lakegate_compaction_last_success_timestamp_seconds{dataset=\"fact_sales\",date=\"2024-03-15\"}");
        List<Map<String, Object>> day15 = gold(MARCH_15, "SELECT transaction_id, quantity, amount, store_id, source_file, row_hash FROM gold ORDER BY transaction_id");
        assertThat(day15).extracting(r -> r.get("transaction_id")).containsExactly("T-1", "T-2", "T-4");
        assertThat(day15.get(0)).containsEntry("quantity", 3L).containsEntry("amount", new BigDecimal("29.97"))
                .containsEntry("source_file", "validated/sales_day1_fix.csv");
        assertThat(day15).allSatisfy(r -> assertThat((String) r.get("row_hash")).matches("[0-9a-f]{64}"));
        assertThat(gold(MARCH_16, "SELECT transaction_id FROM gold")).extracting(r -> r.get("transaction_id")).containsExactly("T-3");

        JsonNode metrics = json(LakeLayout.goldCompactionMetricsKey(MARCH_15));
        assertThat(metrics.path("status").asText()).isEqualTo("compacted");
        assertThat(metrics.path("rows_in").asLong()).isEqualTo(4);
        assertThat(metrics.path("rows_out").asLong()).isEqualTo(3);
        assertThat(metrics.path("duplicates_removed").asLong()).isEqualTo(1);
        assertThat(metrics.path("changes").path("inserted").asLong()).isEqualTo(3);
        assertThat(metrics.path("inputs")).hasSize(2);
        assertThat(exists(LakeLayout.goldCompactionRunKey(MARCH_15, metrics.path("run_id").asText()))).isTrue();
        assertThat(keys()).noneMatch(k -> k.contains("_leases/"));
        SNS.verify(1, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AWSGlue.StartCrawler"))
                .withRequestBody(containing("\"" + GLUE_CRAWLER + "\"")));
    }

    @Test
    void partsOfARunThatHasNotCommittedAreNotCompacted() throws Exception {
        ingest("sales_committed.csv", HEADER
                + "T-1,S01,SKU-1,2,9.99,19.98,USD,C-1,2024-03-15T10:00:00Z,card\n"
                + "T-2,S02,SKU-2,1,5.00,5.00,USD,C-2,2024-03-15T11:00:00Z,cash\n");
        String part = keys().stream().filter(k -> k.startsWith(LakeLayout.processedPartitionPrefix("fact_sales", MARCH_15)))
                .findFirst().orElseThrow();
        // A run still writing (or about to be refused) has uploaded a part but has no audit record yet.
        String uncommitted = LakeLayout.processedPartKey("fact_sales", MARCH_15, "20991231T000000Z-inflight", 1);
        put(uncommitted, get(part));

        compact(null);

        JsonNode metrics = json(LakeLayout.goldCompactionMetricsKey(MARCH_15));
        assertThat(metrics.path("inputs")).extracting(JsonNode::asText).containsExactly(part);
        assertThat(metrics.path("rows_in").asLong()).isEqualTo(2);
    }

    @Test
    void aRunWithNoNewDataChangesNothingAndSaysWhy() throws Exception {
        ingest("sales_once.csv", HEADER
                + "T-1,S01,SKU-1,2,9.99,19.98,USD,C-1,2024-03-15T10:00:00Z,card\n"
                + "T-2,S02,SKU-2,1,5.00,5.00,USD,C-2,2024-03-15T11:00:00Z,cash\n");
        compact(null);
        Map<String, byte[]> before = goldObjects();

        CompactionReport again = compact(null);

        assertThat(again.compacted()).isZero();
        SNS.verify(1, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AWSGlue.StartCrawler")));
        assertThat(again.dates()).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo("skipped");
            assertThat(d.reason()).startsWith("unchanged: no new processed data since generation");
        });
        assertThat(keys()).filteredOn(k -> k.startsWith(LakeLayout.AUDIT_GOLD_COMPACTION + "runs/"))
                .as("each run's report, the skipping one included").hasSize(2);
        Map<String, byte[]> after = goldObjects();
        assertThat(after.keySet()).isEqualTo(before.keySet());
        after.forEach((key, bytes) -> assertThat(bytes).as(key).isEqualTo(before.get(key)));
    }

    @Test
    void lateDataRecompactsOnlyItsDateAndCountsTheChangesExactly() throws Exception {
        ingest("sales_first.csv", HEADER
                + "T-1,S01,SKU-1,2,9.99,19.98,USD,C-1,2024-03-15T10:00:00Z,card\n"
                + "T-2,S02,SKU-2,1,5.00,5.00,USD,C-2,2024-03-15T11:00:00Z,cash\n"
                + "T-3,S02,SKU-3,1,5.00,5.00,USD,C-3,2024-03-15T11:30:00Z,cash\n"
                + "T-9,S01,SKU-3,3,1.00,3.00,EUR,,2024-03-16T09:00:00Z,card\n");
        compact(null);
        String day16Generation = manifest(MARCH_16).generation();
        String day15Generation = manifest(MARCH_15).generation();

        // T-1 corrected, T-2 re-sent as it was, T-5 new; T-3 is not re-sent and stays.
        ingest("sales_late.csv", HEADER
                + "T-1,S01,SKU-1,1,9.99,9.99,USD,C-1,2024-03-15T10:00:00Z,card\n"
                + "T-2,S02,SKU-2,1,5.00,5.00,USD,C-2,2024-03-15T11:00:00Z,cash\n"
                + "T-5,S04,SKU-5,4,2.50,10.00,USD,C-5,2024-03-15T15:00:00Z,voucher\n");
        CompactionReport report = compact(null);

        assertThat(report.dates()).extracting(CompactionOutcome::date, CompactionOutcome::status)
                .containsExactly(tuple(MARCH_15, "compacted"),
                        tuple(MARCH_16, "skipped"));
        assertThat(manifest(MARCH_16).generation()).isEqualTo(day16Generation);
        assertThat(manifest(MARCH_15).generation()).isNotEqualTo(day15Generation);
        JsonNode changes = json(LakeLayout.goldCompactionMetricsKey(MARCH_15)).path("changes");
        assertThat(changes.path("inserted").asLong()).isEqualTo(1);
        assertThat(changes.path("updated").asLong()).isEqualTo(1);
        assertThat(changes.path("unchanged").asLong()).isEqualTo(2);
        assertThat(changes.path("deleted").asLong()).isZero();
        assertThat(json(LakeLayout.goldCompactionMetricsKey(MARCH_15)).path("previous_generation").asText())
                .isEqualTo(day15Generation);
        assertThat(gold(MARCH_15, "SELECT transaction_id, amount FROM gold ORDER BY transaction_id"))
                .extracting(r -> r.get("transaction_id") + "=" + r.get("amount"))
                .containsExactly("T-1=9.99", "T-2=5.00", "T-3=5.00", "T-5=10.00");

        // The replaced generation stays readable for running queries until the retention has passed.
        assertThat(keys()).anyMatch(k -> k.startsWith(LakeLayout.goldGenerationPrefix("fact_sales", MARCH_15, day15Generation) + "part-"));
        Clock later = Clock.fixed(Instant.now().plus(compaction.retainReplaced()).plusSeconds(60), ZoneOffset.UTC);
        int removed = new ReplacedGenerations(lakeStorage, contracts, compaction, later).sweep();
        assertThat(removed).isPositive();
        assertThat(keys()).noneMatch(k -> k.startsWith(LakeLayout.goldGenerationPrefix("fact_sales", MARCH_15, day15Generation)));
        assertThat(gold(MARCH_15, "SELECT count(*) AS n FROM gold")).singleElement().satisfies(r -> assertThat(r.get("n")).isEqualTo(4L));
    }

    @Test
    void aFailureWhileWritingLeavesTheOldGoldCompleteAuditedAndAlerted() throws Exception {
        ingest("sales_base.csv", HEADER
                + "T-1,S01,SKU-1,2,9.99,19.98,USD,C-1,2024-03-15T10:00:00Z,card\n"
                + "T-2,S02,SKU-2,1,5.00,5.00,USD,C-2,2024-03-15T11:00:00Z,cash\n");
        compact(null);
        GoldManifest before = manifest(MARCH_15);
        ingest("sales_more.csv", HEADER + "T-3,S02,SKU-3,1,5.00,5.00,USD,C-3,2024-03-15T11:30:00Z,cash\n");

        lakeStorage.failWritesTo(LakeLayout.goldDatasetPrefix("fact_sales") + "date=" + MARCH_15 + "/",
                new StorageException("injected: S3 unavailable", null));
        CompactionReport report = compact(null);
        lakeStorage.heal();

        assertThat(report.failed()).isEqualTo(1);
        assertThat(manifest(MARCH_15)).isEqualTo(before);
        assertThat(gold(MARCH_15, "SELECT transaction_id FROM gold ORDER BY 1")).extracting(r -> r.get("transaction_id"))
                .containsExactly("T-1", "T-2");
        assertThat(keys()).filteredOn(k -> k.startsWith(LakeLayout.goldPartitionPrefix("fact_sales", MARCH_15)))
                .allMatch(k -> LakeLayout.goldGeneration(k).orElseThrow().equals(before.generation()));
        JsonNode metrics = json(LakeLayout.goldCompactionMetricsKey(MARCH_15));
        assertThat(metrics.path("status").asText()).isEqualTo("failed");
        assertThat(metrics.path("error").path("message").asText()).contains("injected: S3 unavailable");
        assertThat(metrics.path("error").path("switched").asBoolean()).isFalse();
        SNS.verify(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=Publish"))
                .withRequestBody(containing("gold+compaction")));

        CompactionReport retry = compact(null);
        assertThat(retry.compacted()).isEqualTo(1);
        assertThat(gold(MARCH_15, "SELECT count(*) AS n FROM gold")).singleElement().satisfies(r -> assertThat(r.get("n")).isEqualTo(3L));
    }

    @Test
    void aDateLeasedByAnotherReplicaIsSkippedUntilTheLeaseExpires() throws Exception {
        ingest("sales_leased.csv", HEADER + "T-1,S01,SKU-1,2,9.99,19.98,USD,C-1,2024-03-15T10:00:00Z,card\n");
        String lease = LakeLayout.goldLeaseKey("fact_sales", MARCH_15);
        put(lease, LakeJson.pretty(Map.of("owner", "other-pod", "acquired_at", Instant.now().toString(),
                "expires_at", Instant.now().plus(Duration.ofMinutes(5)).toString())));

        CompactionReport held = compact(null);
        assertThat(held.dates()).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo("skipped");
            assertThat(d.reason()).contains("other-pod").contains("holds the lease");
        });
        assertThat(exists(LakeLayout.goldManifestKey("fact_sales", MARCH_15))).isFalse();

        put(lease, LakeJson.pretty(Map.of("owner", "crashed-pod", "acquired_at", "2024-01-01T00:00:00Z",
                "expires_at", "2024-01-01T00:30:00Z")));
        assertThat(compact(null).compacted()).isEqualTo(1);
        assertThat(exists(lease)).isFalse();
    }

    @Test
    void compactsOnDemandOverHttpForOneDate() throws Exception {
        ingest("sales_http.csv", HEADER
                + "T-1,S01,SKU-1,2,9.99,19.98,USD,C-1,2024-03-15T10:00:00Z,card\n"
                + "T-9,S01,SKU-3,3,1.00,3.00,EUR,,2024-03-16T09:00:00Z,card\n");
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/compaction?date=2024-03-16")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = LakeJson.mapper().readTree(response.body());
        assertThat(body.path("compacted").asInt()).isEqualTo(1);
        assertThat(body.path("dates").get(0).path("date").asText()).isEqualTo("2024-03-16");
        assertThat(exists(LakeLayout.goldManifestKey("fact_sales", MARCH_16))).isTrue();
        assertThat(exists(LakeLayout.goldManifestKey("fact_sales", MARCH_15))).isFalse();

        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/compaction?date=16.03.2024")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("16.03.2024");
    }

    @Test
    void aBadDateIsAnsweredWithEscapedJsonAndOneWarningWithoutStackTrace() throws Exception {
        String injection = "x\",\"injected\":\"yes";
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        events.start();
        root.addAppender(events);
        HttpResponse<String> bad;
        try {
            bad = httpPost("/api/compaction?date=" + URLEncoder.encode(injection, StandardCharsets.UTF_8),
                    HttpRequest.BodyPublishers.noBody());
        } finally {
            root.detachAppender(events);
        }

        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode body = LakeJson.mapper().readTree(bad.body());
        assertThat(body.fieldNames()).toIterable().containsExactly("error");
        assertThat(body.path("error").asText()).contains(injection);
        List<ILoggingEvent> request = events.list.stream().filter(e -> e.getThreadName().startsWith("http-")).toList();
        assertThat(request).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).singleElement()
                .satisfies(e -> assertThat(e.getFormattedMessage()).contains("POST /api/compaction refused", injection));
        assertThat(request).allSatisfy(e -> assertThat(e.getThrowableProxy()).as(e.getFormattedMessage()).isNull());
    }

    @Test
    void aSecondRunWhileOneIsUnderWayIsRefusedWith409() throws Exception {
        ingest("sales_busy.csv", HEADER + "T-1,S01,SKU-1,2,9.99,19.98,USD,C-1,2024-03-15T10:00:00Z,card\n");
        FaultyStorage.Hold slowGold = lakeStorage.holdWritesTo(LakeLayout.GOLD);
        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(
                () -> httpPost("/api/compaction", HttpRequest.BodyPublishers.noBody()));
        try {
            await().atMost(Duration.ofSeconds(30)).until(slowGold::reached);

            HttpResponse<String> second = httpPost("/api/compaction", HttpRequest.BodyPublishers.noBody());
            assertThat(second.statusCode()).isEqualTo(409);
            assertThat(LakeJson.mapper().readTree(second.body()).path("error").asText()).contains("already running");
            assertThatThrownBy(() -> compact(null)).as("the schedule's way in is refused too")
                    .hasRootCauseInstanceOf(CompactionGate.CompactionInProgress.class);
        } finally {
            slowGold.release();
        }

        HttpResponse<String> answered = first.get(60, TimeUnit.SECONDS);
        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(LakeJson.mapper().readTree(answered.body()).path("compacted").asInt()).isEqualTo(1);
        assertThat(httpPost("/api/compaction", HttpRequest.BodyPublishers.noBody()).statusCode())
                .as("the next run, once the first is done").isEqualTo(200);
    }

    @Test
    void aLargeBodyIsRefusedFromItsLengthWithoutBeingRead() throws Exception {
        // 300 MB announced, none sent: the answer can only come from the headers.
        String answer = rawHttp("POST /api/compaction HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nContent-Type: application/json\r\nContent-Length: " + 300L * 1024 * 1024);
        assertThat(answer).startsWith("HTTP/1.1 413 ");
        assertThat(answer.substring(answer.indexOf("\r\n\r\n") + 4)).contains("\"error\"");

        HttpResponse<String> twoKilobytes = httpPost("/api/compaction", HttpRequest.BodyPublishers.ofString("x".repeat(2048)));
        assertThat(twoKilobytes.statusCode()).isEqualTo(413);
        HttpResponse<String> chunked = httpPost("/api/compaction", HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8))));
        assertThat(chunked.statusCode()).isEqualTo(411);
    }

    @Test
    void theQuartzScheduleCompactsChangedDates() throws Exception {
        ingest("sales_scheduled.csv", HEADER + "T-1,S01,SKU-1,2,9.99,19.98,USD,C-1,2024-03-15T10:00:00Z,card\n");

        context.getRouteController().startRoute("compact-gold-on-schedule");

        awaitObject(LakeLayout.goldManifestKey("fact_sales", MARCH_15));
    }

    private CompactionReport compact(String date) {
        return camel.requestBodyAndHeader("direct:compact-gold", null, "compactionDate", date, CompactionReport.class);
    }

    /** Puts a file into raw/ and waits until processing has archived it. */
    private void ingest(String name, String csv) {
        long archivedBefore = keys().stream().filter(k -> k.startsWith(LakeLayout.ARCHIVE_VALIDATED)).count();
        put(LakeLayout.RAW + name, csv.getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                keys().stream().filter(k -> k.startsWith(LakeLayout.ARCHIVE_VALIDATED)).count() > archivedBefore);
    }

    private GoldManifest manifest(LocalDate date) {
        return GoldManifest.parse(get(LakeLayout.goldManifestKey("fact_sales", date)), bucket());
    }

    private Map<String, byte[]> goldObjects() {
        Map<String, byte[]> objects = new LinkedHashMap<>();
        keys().stream().filter(k -> k.startsWith(LakeLayout.GOLD) && !k.contains("_leases/")).forEach(k -> objects.put(k, get(k)));
        return objects;
    }

    /** Reads a gold date as Athena would: exactly the files its manifest names, here with DuckDB. */
    private List<Map<String, Object>> gold(LocalDate date, String sql) throws Exception {
        List<String> files = new ArrayList<>();
        for (String key : manifest(date).keys()) {
            Path file = localCopy.resolve(key);
            Files.createDirectories(file.getParent());
            Files.write(file, get(key));
            files.add("'" + file + "'");
        }
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = duckdb.createStatement()) {
            statement.execute("CREATE VIEW gold AS SELECT * FROM read_parquet([" + String.join(", ", files) + "])");
            try (ResultSet rows = statement.executeQuery(sql)) {
                List<Map<String, Object>> result = new ArrayList<>();
                while (rows.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= rows.getMetaData().getColumnCount(); c++) {
                        row.put(rows.getMetaData().getColumnLabel(c), rows.getObject(c));
                    }
                    result.add(row);
                }
                return result;
            }
        }
    }
}
