package io.lakegate.gold;

import io.lakegate.DuckDbQuery;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
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
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

class GoldRouteTest extends LakeRouteTest {

    private static final String HEADER = "transaction_id,store_id,sku,quantity,unit_price,amount,currency,customer_id,sold_at,payment_method\n";
    private static final LocalDate MARCH_15 = LocalDate.of(2024, 3, 15);
    private static final LocalDate MARCH_16 = LocalDate.of(2024, 3, 16);
    private static final String ON_15 = "sold_at::DATE = DATE '2024-03-15'";
    private static final String ON_16 = "sold_at::DATE = DATE '2024-03-16'";

    @Autowired
    private ProducerTemplate camel;

    @Autowired
    private CamelContext context;

    @Autowired
    private ContractRegistry contracts;

    @Autowired
    private GoldTables goldTables;

    @Autowired
    private GoldCompaction goldCompaction;

    @TempDir
    Path localCopy;

    @AfterEach
    void scheduleStaysOff() throws Exception {
        context.getRouteController().stopRoute("compact-gold-on-schedule");
    }

    @Test
    void keepsTheLatestIngestOfEachTransaction() throws Exception {
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
        List<Map<String, Object>> day15 = gold("SELECT transaction_id, quantity, amount, store_id, source_file, row_hash FROM gold"
                + " WHERE " + ON_15 + " ORDER BY transaction_id");
        assertThat(day15).extracting(r -> r.get("transaction_id")).containsExactly("T-1", "T-2", "T-4");
        assertThat(day15.get(0)).containsEntry("quantity", 3L).containsEntry("amount", new BigDecimal("29.97"))
                .containsEntry("source_file", "validated/sales_day1_fix.csv");
        assertThat(day15).allSatisfy(r -> assertThat((String) r.get("row_hash")).matches("[0-9a-f]{64}"));
        assertThat(gold("SELECT transaction_id FROM gold WHERE " + ON_16)).extracting(r -> r.get("transaction_id"))
                .containsExactly("T-3");

        JsonNode metrics = json(LakeLayout.goldCompactionMetricsKey(MARCH_15));
        assertThat(metrics.path("status").asText()).isEqualTo("compacted");
        assertThat(metrics.path("rows_in").asLong()).isEqualTo(4);
        assertThat(metrics.path("rows_out").asLong()).isEqualTo(3);
        assertThat(metrics.path("run").path("duplicates_removed").asLong()).isEqualTo(1);
        assertThat(metrics.path("run").path("dates")).extracting(JsonNode::asText).containsExactly("2024-03-15", "2024-03-16");
        assertThat(metrics.path("run").path("timings_ms").properties()).extracting(Map.Entry::getKey).containsExactly(
                "download", "replaced_gold", "key_pass", "cross_group_winners", "groups", "compact_other", "upload", "commit");
        assertThat(metrics.path("changes").path("inserted").asLong()).isEqualTo(3);
        assertThat(metrics.path("inputs")).hasSize(2);
        assertThat(metrics.path("snapshot_id").asLong()).isEqualTo(table().currentSnapshot().snapshotId());
        assertThat(metrics.path("outputs")).singleElement().satisfies(key ->
                assertThat(key.asText()).startsWith(LakeLayout.goldDataPrefix("fact_sales") + "sold_at_day=2024-03-15/"));
        assertThat(exists(LakeLayout.goldCompactionRunKey(MARCH_15, metrics.path("run_id").asText()))).isTrue();
        assertThat(keys()).noneMatch(k -> k.contains("_leases/"));
        assertThat(table().history()).as("one commit for both dates").hasSize(1);
    }

    @Test
    void aTransactionResentWithANewDateIsInGoldOnceOnItsNewDate() throws Exception {
        StringBuilder march15 = new StringBuilder(HEADER);
        for (int i = 1; i <= 20; i++) {
            march15.append("T-%d,S01,SKU-1,1,2.00,2.00,USD,C-1,2024-03-15T10:%02d:00Z,card\n".formatted(i, i));
        }
        ingest("sales_march_15.csv", march15.toString());
        compact(null);
        long before = table().currentSnapshot().snapshotId();
        // The producer corrects 8 of them to March 16, in a file of their own.
        StringBuilder corrections = new StringBuilder(HEADER);
        for (int i = 1; i <= 8; i++) {
            corrections.append("T-%d,S01,SKU-1,1,2.00,2.00,USD,C-1,2024-03-16T10:%02d:00Z,card\n".formatted(i, i));
        }
        // Named to sort after the first file: two files accepted in the same second tie on ingest_ts, and the later name wins.
        ingest("sales_march_16_corrections.csv", corrections.toString());

        CompactionReport report = compact(null);

        assertThat(report.dates()).extracting(CompactionOutcome::date, CompactionOutcome::status)
                .containsExactly(tuple(MARCH_15, "skipped"), tuple(MARCH_16, "compacted"));
        assertThat(gold("SELECT count(*) AS n, count(DISTINCT transaction_id) AS k FROM gold")).singleElement()
                .satisfies(r -> assertThat(List.of(r.get("n"), r.get("k"))).containsExactly(20L, 20L));
        assertThat(gold("SELECT transaction_id FROM gold WHERE " + ON_16 + " ORDER BY source_line"))
                .extracting(r -> r.get("transaction_id")).containsExactly("T-1", "T-2", "T-3", "T-4", "T-5", "T-6", "T-7", "T-8");
        assertThat(gold("SELECT count(*) AS n FROM gold WHERE " + ON_15)).singleElement()
                .satisfies(r -> assertThat(r.get("n")).isEqualTo(12L));
        JsonNode changes = json(LakeLayout.goldCompactionMetricsKey(MARCH_16)).path("changes");
        assertThat(changes.path("moved").asLong()).isEqualTo(8);
        assertThat(changes.path("inserted").asLong()).isZero();
        assertThat(table().history()).as("the move is one commit").hasSize(2);
        // A reader of the snapshot before the correction sees that state, whole.
        assertThat(goldAt(before, "SELECT count(*) AS n FROM gold WHERE " + ON_15)).singleElement()
                .satisfies(r -> assertThat(r.get("n")).isEqualTo(20L));
        assertThat(goldAt(before, "SELECT count(*) AS n FROM gold WHERE " + ON_16)).singleElement()
                .satisfies(r -> assertThat(r.get("n")).isEqualTo(0L));
        // So does `lakegate query --as-of`, by snapshot id; before the first snapshot there is nothing to read.
        String perDay = "SELECT sold_at::DATE::VARCHAR || '=' || count(*) AS line FROM fact_sales GROUP BY sold_at::DATE ORDER BY 1";
        assertThat(query(perDay, "--as-of", Long.toString(before))).containsExactly("2024-03-15=20");
        assertThat(query(perDay)).containsExactly("2024-03-15=12", "2024-03-16=8");
        assertThat(query("SELECT 1 AS line", "--as-of", "2000-01-01T00:00:00Z")).containsExactly("1");
    }

    /** The lines of {@code lakegate query}'s table, without its header and row count. */
    private List<String> query(String sql, String... options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("query", sql, "--lake",
                Path.of(storage.embedded().directory(), bucket()).toString()));
        args.addAll(List.of(options));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = io.lakegate.cli.CommandLine.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8).lines().skip(2).filter(l -> !l.startsWith("(")).map(String::strip).toList();
    }

    @Test
    void icebergsOwnReaderSeesTheSameRowsAsLakegateQuery() throws Exception {
        ingest("sales_readers.csv", HEADER
                + "T-1,S01,SKU-1,2,9.99,19.98,USD,C-1,2024-03-15T10:00:00Z,card\n"
                + "T-2,S02,SKU-2,1,5.00,5.00,USD,,2024-03-16T11:00:00Z,cash\n");
        compact(null);

        List<String> iceberg = new ArrayList<>();
        try (CloseableIterable<Record> records = IcebergGenerics.read(table()).build()) {
            records.forEach(r -> iceberg.add(r.getField("transaction_id") + "|" + r.getField("amount") + "|"
                    + r.getField("customer_id") + "|" + ((java.time.OffsetDateTime) r.getField("sold_at")).toInstant()
                    + "|" + r.getField("row_hash")));
        }
        List<String> query = query("SELECT transaction_id || '|' || amount || '|' || coalesce(customer_id, 'null') || '|' || "
                + "strftime(sold_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') || '|' || row_hash AS line FROM fact_sales");

        assertThat(iceberg).hasSize(2);
        assertThat(query).containsExactlyInAnyOrderElementsOf(iceberg);
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
        assertThat(again.dates()).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo("skipped");
            assertThat(d.reason()).startsWith("unchanged: no new processed data since inputs");
        });
        assertThat(table().history()).hasSize(1);
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
        long first = table().currentSnapshot().snapshotId();
        List<String> day16Files = dataFiles(table(), MARCH_16);

        // T-1 corrected, T-2 re-sent as it was, T-5 new; T-3 is not re-sent and stays.
        ingest("sales_late.csv", HEADER
                + "T-1,S01,SKU-1,1,9.99,9.99,USD,C-1,2024-03-15T10:00:00Z,card\n"
                + "T-2,S02,SKU-2,1,5.00,5.00,USD,C-2,2024-03-15T11:00:00Z,cash\n"
                + "T-5,S04,SKU-5,4,2.50,10.00,USD,C-5,2024-03-15T15:00:00Z,voucher\n");
        CompactionReport report = compact(null);

        assertThat(report.dates()).extracting(CompactionOutcome::date, CompactionOutcome::status)
                .containsExactly(tuple(MARCH_15, "compacted"),
                        tuple(MARCH_16, "skipped"));
        assertThat(dataFiles(table(), MARCH_16)).as("the untouched day keeps its files").isEqualTo(day16Files);
        JsonNode metrics = json(LakeLayout.goldCompactionMetricsKey(MARCH_15));
        JsonNode changes = metrics.path("changes");
        assertThat(changes.path("inserted").asLong()).isEqualTo(1);
        assertThat(changes.path("updated").asLong()).isEqualTo(1);
        assertThat(changes.path("unchanged").asLong()).isEqualTo(2);
        assertThat(changes.path("deleted").asLong()).isZero();
        assertThat(metrics.path("previous_inputs_fingerprint").asText()).isNotBlank()
                .isNotEqualTo(metrics.path("inputs_fingerprint").asText());
        assertThat(gold("SELECT transaction_id, amount FROM gold WHERE " + ON_15 + " ORDER BY transaction_id"))
                .extracting(r -> r.get("transaction_id") + "=" + r.get("amount"))
                .containsExactly("T-1=9.99", "T-2=5.00", "T-3=5.00", "T-5=10.00");

        // The replaced snapshot stays readable (time travel, running queries) until the retention has passed.
        List<String> firstFiles = GoldSnapshotFiles.of(table(), Long.toString(first));
        assertThat(goldAt(first, "SELECT amount FROM gold WHERE transaction_id = 'T-1'")).singleElement()
                .satisfies(r -> assertThat(r.get("amount")).isEqualTo(new BigDecimal("19.98")));
        Clock later = Clock.fixed(Instant.now().plus(compaction.retainSnapshots()).plusSeconds(60), ZoneOffset.UTC);
        new GoldHousekeeping(lakeStorage, goldTables, compaction.retainSnapshots(), later).tidy("fact_sales", () -> { });
        assertThat(table().snapshot(first)).as("expired").isNull();
        assertThat(firstFiles).filteredOn(f -> !GoldSnapshotFiles.of(table(), null).contains(f))
                .isNotEmpty().allSatisfy(f -> assertThat(exists(f.substring(("s3://" + bucket() + "/").length()))).isFalse());
        assertThat(gold("SELECT count(*) AS n FROM gold WHERE " + ON_15)).singleElement().satisfies(r -> assertThat(r.get("n")).isEqualTo(4L));
    }

    @Test
    void housekeepingDeletesOldFilesNoSnapshotNamesAndKeepsYoungOnes() throws Exception {
        ingest("sales_orphans.csv", HEADER + "T-1,S01,SKU-1,2,9.99,19.98,USD,C-1,2024-03-15T10:00:00Z,card\n");
        compact(null);
        // What a run that died before its commit leaves behind.
        String orphan = LakeLayout.goldDataFileKey("fact_sales", "sold_at_day=2024-03-15", "20240101T000000Z-dead", 0);
        put(orphan, "not committed".getBytes(StandardCharsets.UTF_8));
        List<String> live = GoldSnapshotFiles.of(table(), null);

        new GoldHousekeeping(lakeStorage, goldTables, compaction.retainSnapshots(), Clock.systemUTC()).tidy("fact_sales", () -> { });
        assertThat(exists(orphan)).as("young: maybe a run under way on another replica").isTrue();

        Clock later = Clock.fixed(Instant.now().plus(compaction.retainSnapshots()).plusSeconds(60), ZoneOffset.UTC);
        new GoldHousekeeping(lakeStorage, goldTables, compaction.retainSnapshots(), later).tidy("fact_sales", () -> { });
        assertThat(exists(orphan)).isFalse();
        assertThat(live).allSatisfy(f -> assertThat(exists(f.substring(("s3://" + bucket() + "/").length()))).isTrue());
    }

    @Test
    void twoReplicasCompactingAtOnceLeaveOneCorrectSnapshot() throws Exception {
        ingest("sales_race.csv", HEADER
                + "T-1,S01,SKU-1,2,9.99,19.98,USD,C-1,2024-03-15T10:00:00Z,card\n"
                + "T-2,S02,SKU-2,1,5.00,5.00,USD,C-2,2024-03-16T11:00:00Z,cash\n");
        GoldCompaction other = new GoldCompaction(lakeStorage, contracts, goldTables, compaction, "other-replica",
                new io.lakegate.observe.LakeMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), Clock.systemUTC()),
                Clock.systemUTC(), Runnable::run, Runnable::run);

        List<CompletableFuture<List<CompactionOutcome>>> runs = List.of(goldCompaction, other).stream()
                .map(replica -> CompletableFuture.supplyAsync(() -> {
                    try {
                        return replica.compact(replica.plan(null).get(0));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })).toList();
        List<CompactionOutcome> outcomes = new ArrayList<>();
        for (CompletableFuture<List<CompactionOutcome>> run : runs) {
            outcomes.addAll(run.get(60, TimeUnit.SECONDS));
        }

        assertThat(outcomes).filteredOn(CompactionOutcome::compacted).hasSize(2)
                .extracting(CompactionOutcome::runId).as("both dates by one run").containsOnly(outcomes.stream()
                        .filter(CompactionOutcome::compacted).findFirst().orElseThrow().runId());
        assertThat(table().history()).hasSize(1);
        assertThat(gold("SELECT transaction_id FROM gold ORDER BY 1")).extracting(r -> r.get("transaction_id"))
                .containsExactly("T-1", "T-2");
    }

    @Test
    void aCommitThatLostTheRaceChangesNothing() throws Exception {
        ingest("sales_race_1.csv", HEADER + "T-1,S01,SKU-1,2,9.99,19.98,USD,C-1,2024-03-15T10:00:00Z,card\n");
        compact(null);
        Table table = table();
        GoldCommit late = GoldCommit.begin(table, lakeStorage, "fact_sales", "20240101T000000Z-late");
        late.filesToReplace(java.util.Set.of((int) MARCH_15.toEpochDay()), null, () -> { });
        // Meanwhile another replica commits new data for the same day.
        ingest("sales_race_2.csv", HEADER + "T-2,S01,SKU-1,2,9.99,19.98,USD,C-1,2024-03-15T12:00:00Z,card\n");
        compact(null);
        long winner = table().currentSnapshot().snapshotId();

        assertThatThrownBy(() -> late.commit(Map.of(MARCH_15, "stale")))
                .isInstanceOf(org.apache.iceberg.exceptions.ValidationException.class);
        assertThat(table().currentSnapshot().snapshotId()).isEqualTo(winner);
        assertThat(gold("SELECT count(*) AS n FROM gold")).singleElement().satisfies(r -> assertThat(r.get("n")).isEqualTo(2L));
    }

    @Test
    void aFailureWhileWritingLeavesTheOldGoldCompleteAuditedAndAlerted() throws Exception {
        ingest("sales_base.csv", HEADER
                + "T-1,S01,SKU-1,2,9.99,19.98,USD,C-1,2024-03-15T10:00:00Z,card\n"
                + "T-2,S02,SKU-2,1,5.00,5.00,USD,C-2,2024-03-15T11:00:00Z,cash\n");
        compact(null);
        long before = table().currentSnapshot().snapshotId();
        List<String> dataBefore = keys().stream().filter(k -> k.startsWith(LakeLayout.goldDataPrefix("fact_sales"))).toList();
        ingest("sales_more.csv", HEADER + "T-3,S02,SKU-3,1,5.00,5.00,USD,C-3,2024-03-15T11:30:00Z,cash\n"
                + "T-4,S02,SKU-3,1,5.00,5.00,USD,C-3,2024-03-16T11:30:00Z,cash\n");

        // The second day's file fails, after the first day's was uploaded.
        lakeStorage.failWritesTo(LakeLayout.goldDataPrefix("fact_sales") + "sold_at_day=2024-03-16/",
                new StorageException("injected: S3 unavailable", null));
        CompactionReport report = compact(null);
        lakeStorage.heal();

        assertThat(report.failed()).isEqualTo(2);
        assertThat(table().currentSnapshot().snapshotId()).isEqualTo(before);
        assertThat(gold("SELECT transaction_id FROM gold ORDER BY 1")).extracting(r -> r.get("transaction_id"))
                .containsExactly("T-1", "T-2");
        assertThat(keys()).filteredOn(k -> k.startsWith(LakeLayout.goldDataPrefix("fact_sales")))
                .as("the failed run's uploads are removed").isEqualTo(dataBefore);
        JsonNode metrics = json(LakeLayout.goldCompactionMetricsKey(MARCH_15));
        assertThat(metrics.path("status").asText()).isEqualTo("failed");
        assertThat(metrics.path("error").path("message").asText()).contains("injected: S3 unavailable");
        SNS.verify(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=Publish"))
                .withRequestBody(containing("gold+compaction")));

        CompactionReport retry = compact(null);
        assertThat(retry.compacted()).isEqualTo(2);
        assertThat(gold("SELECT count(*) AS n FROM gold")).singleElement().satisfies(r -> assertThat(r.get("n")).isEqualTo(4L));
    }

    @Test
    void aTableLeasedByAnotherReplicaIsSkippedUntilTheLeaseExpires() throws Exception {
        ingest("sales_leased.csv", HEADER + "T-1,S01,SKU-1,2,9.99,19.98,USD,C-1,2024-03-15T10:00:00Z,card\n");
        String lease = LakeLayout.goldLeaseKey("fact_sales");
        put(lease, LakeJson.pretty(Map.of("owner", "other-pod", "acquired_at", Instant.now().toString(),
                "expires_at", Instant.now().plus(Duration.ofMinutes(5)).toString())));

        CompactionReport held = compact(null);
        assertThat(held.dates()).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo("skipped");
            assertThat(d.reason()).contains("other-pod").contains("holds the lease");
        });
        assertThat(goldTables.load("fact_sales")).isEmpty();

        put(lease, LakeJson.pretty(Map.of("owner", "crashed-pod", "acquired_at", "2024-01-01T00:00:00Z",
                "expires_at", "2024-01-01T00:30:00Z")));
        assertThat(compact(null).compacted()).isEqualTo(1);
        assertThat(exists(lease)).isFalse();
    }

    @Test
    void compactsOnDemandOverHttpAsAJobForOneDate() throws Exception {
        ingest("sales_http.csv", HEADER
                + "T-1,S01,SKU-1,2,9.99,19.98,USD,C-1,2024-03-15T10:00:00Z,card\n"
                + "T-9,S01,SKU-3,3,1.00,3.00,EUR,,2024-03-16T09:00:00Z,card\n");

        JsonNode job = compactOverHttp("?date=2024-03-16");

        assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("finished");
        assertThat(job.path("date").asText()).isEqualTo("2024-03-16");
        assertThat(job.path("report").path("compacted").asInt()).isEqualTo(1);
        assertThat(job.path("report").path("dates").get(0).path("date").asText()).isEqualTo("2024-03-16");
        assertThat(GoldTables.compactedInputs(table())).containsOnlyKeys(MARCH_16);

        HttpResponse<String> bad = httpPost("/api/compaction?date=16.03.2024", HttpRequest.BodyPublishers.noBody());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("16.03.2024");
        HttpResponse<String> unknown = httpGet("/api/compaction/no-such-job");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(LakeJson.mapper().readTree(unknown.body()).path("error").asText()).contains("no-such-job");
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
        HttpResponse<String> first = httpPost("/api/compaction", HttpRequest.BodyPublishers.noBody());
        String href;
        try {
            assertThat(first.statusCode()).as("answered at once, before the run ends").isEqualTo(202);
            href = first.headers().firstValue("Location").orElseThrow();
            assertThat(LakeJson.mapper().readTree(first.body()).path("state").asText()).isEqualTo("queued");
            await().atMost(Duration.ofSeconds(30)).until(slowGold::reached);

            HttpResponse<String> second = httpPost("/api/compaction", HttpRequest.BodyPublishers.noBody());
            assertThat(second.statusCode()).isEqualTo(409);
            assertThat(LakeJson.mapper().readTree(second.body()).path("error").asText()).contains("already running");
            assertThat(LakeJson.mapper().readTree(httpGet(href).body()).path("state").asText()).isEqualTo("running");
            assertThatThrownBy(() -> compact(null)).as("the schedule's way in is refused too")
                    .hasRootCauseInstanceOf(CompactionGate.CompactionInProgress.class);
        } finally {
            slowGold.release();
        }

        await().atMost(Duration.ofSeconds(60)).until(() ->
                LakeJson.mapper().readTree(httpGet(href).body()).path("state").asText().equals("finished"));
        assertThat(LakeJson.mapper().readTree(httpGet(href).body()).path("report").path("compacted").asInt()).isEqualTo(1);
        assertThat(compactOverHttp("").path("state").asText()).as("the next run, once the first is done").isEqualTo("finished");
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

        awaitObject(LakeLayout.goldCompactionMetricsKey(MARCH_15));
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

    private Table table() {
        return goldTables.load("fact_sales").orElseThrow();
    }

    private static List<String> dataFiles(Table table, LocalDate day) {
        return GoldSnapshotFiles.of(table, null).stream().filter(f -> f.contains("sold_at_day=" + day + "/")).sorted().toList();
    }

    private Map<String, byte[]> goldObjects() {
        Map<String, byte[]> objects = new LinkedHashMap<>();
        keys().stream().filter(k -> k.startsWith(LakeLayout.GOLD) && !k.contains("_leases/")).forEach(k -> objects.put(k, get(k)));
        return objects;
    }

    /** Reads gold's current snapshot as Athena would: exactly the files it names, here with DuckDB. */
    private List<Map<String, Object>> gold(String sql) throws Exception {
        return query(GoldSnapshotFiles.of(table(), null), sql);
    }

    private List<Map<String, Object>> goldAt(long snapshotId, String sql) throws Exception {
        return query(GoldSnapshotFiles.of(table(), Long.toString(snapshotId)), sql);
    }

    private List<Map<String, Object>> query(List<String> locations, String sql) throws Exception {
        List<String> files = new ArrayList<>();
        for (String location : locations) {
            String key = location.substring(("s3://" + bucket() + "/").length());
            Path file = localCopy.resolve(key);
            Files.createDirectories(file.getParent());
            Files.write(file, get(key));
            files.add("'" + file + "'");
        }
        return DuckDbQuery.rows(List.of(files.isEmpty()
                ? "CREATE VIEW gold AS SELECT NULL::VARCHAR AS transaction_id, NULL::TIMESTAMPTZ AS sold_at WHERE false"
                : "CREATE VIEW gold AS SELECT * FROM read_parquet([" + String.join(", ", files) + "])"), sql);
    }
}
