package io.lakegate.process;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakegate.FaultyStorage;
import io.lakegate.LakeRouteTest;
import io.lakegate.lake.LakeJson;
import io.lakegate.lake.LakeLayout;
import io.lakegate.lake.LakeLease;
import io.lakegate.lake.LakeObject;
import io.lakegate.lake.LeaseLostException;
import io.lakegate.lake.StorageException;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

class ProcessRouteTest extends LakeRouteTest {

    @Autowired
    private Ingest ingest;

    @Autowired
    private ValidatedZone validatedZone;

    @Autowired
    private CamelContext camel;

    @TempDir
    Path localCopy;

    // A test that stopped the route may leave its file in validated/: taken away first, so that the restarted
    // route does not process it while the next test runs.
    @AfterEach
    void processingRuns() throws Exception {
        keys().stream().filter(k -> k.startsWith("validated/")).forEach(k -> s3.deleteObject(r -> r.bucket(bucket()).key(k)));
        camel.getRouteController().startRoute("process-validated");
    }

    @Test
    void aFileWhoseRunsKeepDyingIsRefusedNamingTheAttemptsInsteadOfTriedForever() {
        // Two earlier holders died mid-run (their claims ran out); this replica's takeover is the third attempt.
        put(LakeLayout.processingLeaseKey("validated/sales_crashing.csv"), LakeJson.pretty(Map.of("owner", "oom-killed-pod",
                "acquired_at", "2024-01-01T00:00:00Z", "expires_at", "2024-01-01T00:02:00Z", "takeovers", 2)));
        putResource("validated/sales_crashing.csv", "sales_mixed.csv");

        String reasonKey = LakeLayout.reasonKeyFor(LakeLayout.systemRejectKeyFor("validated/sales_crashing.csv"));
        awaitObject(reasonKey);
        awaitGone("validated/sales_crashing.csv");

        JsonNode reason = json(reasonKey);
        assertThat(reason.path("code").asText()).isEqualTo("processing_failed");
        assertThat(reason.path("message").asText()).contains("began 3 times and never finished");
        assertThat(keys()).noneMatch(k -> k.startsWith("processed/") || k.startsWith("_leases/"));
    }

    @Test
    void aSlowFileDoesNotHoldBackAnotherWhileAWorkerIsIdle() throws Exception {
        FaultyStorage.Hold slow = lakeStorage.holdWritesTo("archive/validated/sales_slow_");
        try {
            putResource("validated/sales_slow.csv", "sales_mixed.csv");
            await().atMost(Duration.ofSeconds(30)).until(slow::reached);

            putResource("validated/sales_quick.csv", "sales_aliases.csv");

            await().atMost(Duration.ofSeconds(30)).until(() -> keys().stream()
                    .anyMatch(k -> k.startsWith("archive/validated/sales_quick_")));
            assertThat(exists("validated/sales_slow.csv")).as("the slow file is still at its archive step").isTrue();
        } finally {
            slow.release();
        }
        awaitGone("validated/sales_slow.csv");
        assertThat(keys()).filteredOn(k -> k.startsWith("audit/ingest/date=")).hasSize(2);
    }

    @Test
    void aFileClaimedByAnotherReplicaWaitsForItsLeaseAndIsThenProcessedOnce() throws Exception {
        String lease = LakeLayout.processingLeaseKey("validated/sales_claimed.csv");
        put(lease, LakeJson.pretty(Map.of("owner", "other-pod", "acquired_at", Instant.now().toString(),
                "expires_at", Instant.now().plusSeconds(3).toString())));
        putResource("validated/sales_claimed.csv", "sales_mixed.csv");

        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                .until(() -> exists("validated/sales_claimed.csv") && keys().stream().noneMatch(k -> k.startsWith("processed/")));

        JsonNode audit = awaitAuditOf("validated/sales_claimed.csv");
        assertThat(audit.path("rows_read").asLong()).isEqualTo(61);
        assertThat(exists(lease)).as("the lease is released after the commit").isFalse();
    }

    @Test
    void processesAMixedFileIntoExactlyTheExpectedGoodRowsRejectsAndCounts() throws Exception {
        putResource("validated/sales_mixed.csv", "sales_mixed.csv");

        JsonNode audit = awaitAuditOf("validated/sales_mixed.csv");

        assertThat(audit.path("rows_read").asLong()).isEqualTo(61);
        assertThat(audit.path("rows_good").asLong()).isEqualTo(50);
        assertThat(audit.path("rows_rejected").asLong()).isEqualTo(11);
        assertThat(audit.path("rows_read").asLong())
                .isEqualTo(audit.path("rows_good").asLong() + audit.path("rows_rejected").asLong());
        assertThat(audit.path("rows_warned").asLong()).isEqualTo(1);
        assertThat(audit.path("warnings_by_rule").path("accepted_values").asLong()).isEqualTo(1);
        assertThat(audit.path("contract").path("id").asText()).isEqualTo("fact_sales");
        assertThat(audit.path("detected").path("delimiter").asText()).isEqualTo(",");

        String runId = audit.path("ingest_run_id").asText();
        Map<Long, List<String>> reasonsByLine = new TreeMap<>();
        for (String line : new String(get(audit.path("rejected_row_files").get(0).asText()), StandardCharsets.UTF_8).split("\n")) {
            JsonNode row = LakeJson.mapper().readTree(line);
            List<String> codes = new ArrayList<>();
            row.path("reasons").forEach(r -> codes.add(r.path("code").asText() + (r.path("column").isNull() ? "" : ":" + r.path("column").asText())));
            reasonsByLine.put(row.path("line").asLong(), codes);
            assertThat(row.path("source_file").asText()).isEqualTo("validated/sales_mixed.csv");
            assertThat(row.path("original").asText()).startsWith(row.path("fields").path("transaction_id").asText());
        }
        assertThat(reasonsByLine).containsExactlyEntriesOf(new TreeMap<>(Map.ofEntries(
                Map.entry(7L, List.of("column_count_mismatch")),
                Map.entry(8L, List.of("invalid_timestamp:sold_at")),
                Map.entry(9L, List.of("implausible_value:sold_at")),
                Map.entry(10L, List.of("invalid_decimal:unit_price")),
                Map.entry(11L, List.of("invalid_integer:quantity")),
                Map.entry(12L, List.of("missing_value:store_id")),
                Map.entry(13L, List.of("duplicate_key:transaction_id")),
                Map.entry(14L, List.of("out_of_range:quantity")),
                Map.entry(15L, List.of("unknown_currency:currency")),
                Map.entry(16L, List.of("product_mismatch:amount")),
                Map.entry(17L, List.of("out_of_range:quantity", "unknown_currency:currency", "product_mismatch:amount")))));

        String csv = new String(get(audit.path("rejected_row_files").get(1).asText()), StandardCharsets.UTF_8);
        assertThat(csv).startsWith("transaction_id,store_id,sku,quantity,unit_price,amount,currency,customer_id,sold_at,"
                + "payment_method,source_line,reject_reasons\r\n");
        assertThat(csv).contains("T-12,\"'=HYPERLINK(\"\"http://x\"\")\",SKU-12").doesNotContain(",=HYPERLINK");

        assertThat(keys()).contains(
                "processed/fact_sales/date=2024-03-15/part-" + runId + "-00001.parquet",
                "processed/fact_sales/date=2024-03-16/part-" + runId + "-00001.parquet",
                "processed/fact_sales/date=2024-03-17/part-" + runId + "-00001.parquet",
                "processed/fact_sales/date=2024-03-17/part-" + runId + "-00002.parquet",
                "processed/fact_sales/date=2024-03-17/part-" + runId + "-00003.parquet",
                audit.path("archived_as").asText());
        assertThat(audit.path("part_files")).hasSize(5);
        assertThat(audit.path("archived_as").asText()).isEqualTo("archive/validated/sales_mixed_" + runId + ".csv");
        assertThat(get(audit.path("archived_as").asText())).isEqualTo(resource("sales_mixed.csv"));

        List<Map<String, Object>> perDate = LakeQuery.query(s3, bucket(), "processed/fact_sales", localCopy,
                "SELECT CAST(date AS VARCHAR) AS d, count(*) AS n FROM {parquet} GROUP BY ALL ORDER BY d");
        assertThat(perDate).extracting(r -> r.get("d") + "=" + r.get("n"))
                .containsExactly("2024-03-15=2", "2024-03-16=2", "2024-03-17=46");
    }

    @Test
    void writesParquetThatDuckDbReadsWithTheContractTypesAndExactValues() throws Exception {
        putResource("validated/sales_mixed.csv", "sales_mixed.csv");
        awaitAuditOf("validated/sales_mixed.csv");

        List<Map<String, Object>> types = LakeQuery.query(s3, bucket(), "processed/fact_sales", localCopy,
                "SELECT typeof(transaction_id) AS id, typeof(quantity) AS qty, typeof(unit_price) AS price, "
                        + "typeof(sold_at) AS ts, typeof(ingest_ts) AS its, typeof(source_line) AS line FROM {parquet} LIMIT 1");
        assertThat(types.get(0)).containsEntry("id", "VARCHAR").containsEntry("qty", "BIGINT")
                .containsEntry("price", "DECIMAL(18,2)").containsEntry("ts", "TIMESTAMP WITH TIME ZONE")
                .containsEntry("its", "TIMESTAMP WITH TIME ZONE").containsEntry("line", "BIGINT");

        List<Map<String, Object>> t3 = LakeQuery.query(s3, bucket(), "processed/fact_sales", localCopy,
                "SELECT sku, unit_price, amount, customer_id, epoch_us(sold_at) AS sold_us, source_line, source_file "
                        + "FROM {parquet} WHERE transaction_id IN ('T-2', 'T-3') ORDER BY transaction_id");
        assertThat(t3.get(0).get("customer_id")).as("N/A is a null token").isNull();
        assertThat(t3.get(0).get("unit_price")).isEqualTo(new BigDecimal("24.50"));
        assertThat(t3.get(1).get("sku")).isEqualTo("SKU, \"special\"\nsecond line");
        assertThat(t3.get(1).get("unit_price")).isEqualTo(new BigDecimal("1000.00"));
        assertThat(t3.get(1).get("amount")).isEqualTo(new BigDecimal("3000.00"));
        assertThat(t3.get(1).get("sold_us")).isEqualTo(1710572400000000L); // 2024-03-16T07:00:00Z
        assertThat(t3.get(1).get("source_line")).isEqualTo(4L);
        assertThat(t3.get(1).get("source_file")).isEqualTo("validated/sales_mixed.csv");

        List<Map<String, Object>> totals = LakeQuery.query(s3, bucket(), "processed/fact_sales", localCopy,
                "SELECT count(*) AS n, CAST(sum(amount) AS VARCHAR) AS total, count(DISTINCT transaction_id) AS ids FROM {parquet}");
        assertThat(totals.get(0)).containsEntry("n", 50L).containsEntry("ids", 50L).containsEntry("total", "3146.98");
    }

    @Test
    void rejectsAByteIdenticalReuploadNamingTheEarlierRun() {
        putResource("validated/sales.csv", "sales.csv");
        JsonNode first = awaitAuditOf("validated/sales.csv");
        List<String> afterFirst = keys();

        putResource("validated/sales_again.csv", "sales.csv");
        awaitObject("rejected/system/validated/sales_again.csv.reason.json");
        awaitGone("validated/sales_again.csv");

        JsonNode reason = json("rejected/system/validated/sales_again.csv.reason.json");
        assertThat(reason.path("code").asText()).isEqualTo("duplicate_file");
        assertThat(reason.path("earlier_ingest_run_id").asText()).isEqualTo(first.path("ingest_run_id").asText());
        assertThat(reason.path("message").asText()).contains(first.path("ingest_run_id").asText());
        List<String> expected = new ArrayList<>(afterFirst);
        expected.add("rejected/system/validated/sales_again.csv");
        expected.add("rejected/system/validated/sales_again.csv.reason.json");
        assertThat(keys()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void refusesAFileWhoseRejectShareIsAboveTheContractThreshold() {
        StringBuilder csv = new StringBuilder("transaction_id,store_id,sku,quantity,unit_price,amount,currency,customer_id,sold_at,payment_method\n");
        for (int i = 0; i < 10; i++) {
            String currency = i < 3 ? "USD" : "ZZZ";
            csv.append("T-").append(i).append(",S01,SKU-1,1,2.00,2.00,").append(currency).append(",C-1,2024-03-15T10:00:00Z,card\n");
        }
        put("validated/sales_bad.csv", csv.toString().getBytes(StandardCharsets.UTF_8));

        awaitObject("rejected/system/validated/sales_bad.csv.reason.json");
        awaitGone("validated/sales_bad.csv");

        JsonNode reason = json("rejected/system/validated/sales_bad.csv.reason.json");
        assertThat(reason.path("code").asText()).isEqualTo("too_many_rejects");
        assertThat(reason.path("rows_read").asLong()).isEqualTo(10);
        assertThat(reason.path("rows_rejected").asLong()).isEqualTo(7);
        assertThat(reason.path("sample_reasons")).hasSize(7);
        assertThat(keys()).containsExactlyInAnyOrder("rejected/system/validated/sales_bad.csv", "rejected/system/validated/sales_bad.csv.reason.json");
    }

    @Test
    void aFailedParquetUploadLeavesNoOutputRejectsTheFileAndAlerts() {
        lakeStorage.failWritesTo("processed/", new StorageException("Storage failed to upload: injected", null));

        putResource("validated/sales_mixed.csv", "sales_mixed.csv");

        awaitObject("rejected/system/validated/sales_mixed.csv.reason.json");
        awaitGone("validated/sales_mixed.csv");
        JsonNode reason = json("rejected/system/validated/sales_mixed.csv.reason.json");
        assertThat(reason.path("code").asText()).isEqualTo("processing_failed");
        assertThat(reason.path("stage").asText()).isEqualTo("commit");
        assertThat(reason.path("message").asText()).contains("injected");
        assertThat(keys()).containsExactlyInAnyOrder("rejected/system/validated/sales_mixed.csv", "rejected/system/validated/sales_mixed.csv.reason.json");
        assertThat(get("rejected/system/validated/sales_mixed.csv")).isEqualTo(resource("sales_mixed.csv"));
        await().untilAsserted(() -> SNS.verify(postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("Action=Publish"))
                .withRequestBody(containing("lakegate-alerts"))
                .withRequestBody(containing("sales_mixed.csv"))));
    }

    /** The worker that took the file over writes the same keys and decides the file; the one that lost it only stops. */
    @Test
    void aRunWhoseLeaseWasLostStopsWithoutRemovingOrRefusingAnything() throws Exception {
        camel.getRouteController().stopRoute("process-validated");
        putResource("validated/sales_mixed.csv", "sales_mixed.csv");
        LakeObject source = lakeStorage.head("validated/sales_mixed.csv").orElseThrow();
        put("processed/fact_sales/date=2024-03-15/part-written-by-the-new-holder.parquet", new byte[] {1});
        LakeLease claim = validatedZone.claim(source);
        List<String> before = keys();
        IngestRun run = ingest.open(source, claim);

        String alert = ingest.fail(source, run, new LeaseLostException("Lease of validated/sales_mixed.csv was lost to another worker"));

        assertThat(alert).isNull();
        assertThat(keys()).containsExactlyElementsOf(before);
        assertThat(SNS.findAll(postRequestedFor(urlEqualTo("/")))).isEmpty();
    }

    /** A run reuses its batch buffers, so a split made parallel must fail loudly, not mix batches up. */
    @Test
    void aRunRefusesABatchOutOfTurn() throws Exception {
        camel.getRouteController().stopRoute("process-validated");
        putResource("validated/sales_mixed.csv", "sales_mixed.csv");
        LakeObject source = lakeStorage.head("validated/sales_mixed.csv").orElseThrow();
        try (LakeLease claim = validatedZone.claim(source); IngestRun run = ingest.open(source, claim)) {
            RawBatch first = ingest.batches(run).next();
            ingest.read(run, first);

            assertThatThrownBy(() -> ingest.read(run, first)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Batch 0 of validated/sales_mixed.csv came while batch 1 was due")
                    .hasMessageContaining("one batch at a time, in order");
        }
    }

    @Test
    void rejectsOnlyTheRowsWithBytesInvalidInTheEncodingDetectedFromTheFilesStart() throws Exception {
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        csv.writeBytes("transaction_id,store_id,sku,quantity,unit_price,amount,currency,customer_id,sold_at,payment_method\n"
                .getBytes(StandardCharsets.UTF_8));
        int rows = 0;
        while (csv.size() < 80_000) {
            csv.writeBytes(("T-" + rows++ + ",S01,SKU-1,1,2.00,2.00,EUR,Zoë,2024-03-15T10:00:00Z,card\n").getBytes(StandardCharsets.UTF_8));
        }
        csv.writeBytes("T-bad,S01,SKU-1,1,2.00,2.00,EUR,".getBytes(StandardCharsets.UTF_8));
        csv.write(0xFF);
        csv.writeBytes(",2024-03-15T10:00:00Z,card\n".getBytes(StandardCharsets.UTF_8));
        put("validated/sales_late_garbage.csv", csv.toByteArray());

        JsonNode audit = awaitAuditOf("validated/sales_late_garbage.csv");

        assertThat(audit.path("rows_read").asLong()).isEqualTo(rows + 1);
        assertThat(audit.path("rows_rejected").asLong()).isEqualTo(1);
        assertThat(audit.path("rejects_by_rule").path("encoding").asLong()).isEqualTo(1);
        String rejected = new String(get(audit.path("rejected_row_files").get(0).asText()), StandardCharsets.UTF_8);
        assertThat(rejected).contains("\"code\":\"invalid_encoding\"").contains("T-bad");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sales_aliases.csv", "sales_semicolon.csv", "sales_utf16.csv", "sales_windows1252.csv",
        "sales_compressed.csv.gz"})
    void takesFilesFromRawToParquetWhateverTheirDialectEncodingOrHeaderSpelling(String file) throws Exception {
        putResource("raw/" + file, file);

        JsonNode audit = awaitAuditOf("validated/" + file);

        assertThat(audit.path("rows_rejected").asLong()).as(audit.toString()).isZero();
        List<Map<String, Object>> rows = LakeQuery.query(s3, bucket(), "processed/fact_sales", localCopy,
                "SELECT transaction_id, store_id, CAST(unit_price AS VARCHAR) AS price, CAST(amount AS VARCHAR) AS amount, "
                        + "customer_id, strftime(sold_at AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M') AS sold "
                        + "FROM {parquet} ORDER BY transaction_id");
        assertThat(rows).hasSize((int) audit.path("rows_read").asLong());
        switch (file) {
            case "sales_aliases.csv" -> {
                assertThat(rows.get(0)).containsEntry("transaction_id", "T-2001").containsEntry("store_id", "S01")
                        .containsEntry("price", "2.50").containsEntry("sold", "2024-04-01 09:00");
                assertThat(audit.path("extra_columns").get(0).asText()).isEqualTo("cashier");
            }
            case "sales_semicolon.csv" -> {
                assertThat(rows.get(0)).containsEntry("price", "9.99").containsEntry("sold", "2024-03-15 10:22");
                assertThat(rows.get(1)).containsEntry("price", "1299.00").containsEntry("amount", "1299.00");
                assertThat(audit.path("column_decisions").path("unit_price").asText())
                        .isEqualTo("decimal separator comma (decided by 2 sample values)");
                assertThat(audit.path("column_decisions").path("quantity").asText())
                        .isEqualTo("whole numbers, no thousands marks in the sample");
                assertThat(audit.path("column_decisions").path("sold_at").asText())
                        .isEqualTo("dotted dates day-first (decided by 2 of 2 sample values)");
            }
            case "sales_utf16.csv" -> assertThat(rows.get(0)).containsEntry("customer_id", "Zoë");
            case "sales_windows1252.csv" -> assertThat(rows.get(0)).containsEntry("customer_id", "Renée Müller");
            default -> assertThat(rows).extracting(r -> r.get("transaction_id")).containsExactly("T-1001", "T-1002", "T-1003", "T-1004");
        }
    }

    @Test
    void auditAndRejectFilesNameTheSourceFileTheHeaderMappingAndTheFirstLineOfADuplicateAndKeepNegatives() throws Exception {
        StringBuilder csv = new StringBuilder("TransactionId,Store,SKU,Qty,Unit Price,Total,Currency Code,Sale Time,Cashier\n");
        for (int i = 1; i <= 10; i++) {
            csv.append("T-").append(i).append(",S01,SKU-1,1,5.00,5.00,USD,2024-06-01T10:00:00Z,Ann\n");
        }
        csv.append("T-11,S01,SKU-2,-3,5.00,-15.00,USD,2024-06-02T10:00:00Z,Ann\n");
        csv.append("T-4,S02,SKU-3,1,5.00,5.00,USD,2024-06-02T11:00:00Z,Bob\n");
        put("validated/sales_2024-06.csv", csv.toString().getBytes(StandardCharsets.UTF_8));

        JsonNode audit = awaitAuditOf("validated/sales_2024-06.csv");

        String runId = audit.path("ingest_run_id").asText();
        String ingestDate = LakeLayout.partitionDate(LakeLayout.ingestAuditKeyOf(runId)).orElseThrow().toString();
        assertThat(audit.path("archived_as").asText()).isEqualTo("archive/validated/sales_2024-06_" + runId + ".csv");
        assertThat(audit.path("rejected_row_files")).extracting(JsonNode::asText).containsExactly(
                "rejected/data_quality/json/fact_sales/date=" + ingestDate + "/sales_2024-06_" + runId + ".ndjson",
                "rejected/data_quality/csv/fact_sales/date=" + ingestDate + "/sales_2024-06_" + runId + ".csv");
        assertThat(LakeJson.mapper().convertValue(audit.path("header_mapping"), Map.class)).containsExactly(
                Map.entry("TransactionId", "transaction_id"), Map.entry("Store", "store_id"), Map.entry("SKU", "sku"),
                Map.entry("Qty", "quantity"), Map.entry("Unit Price", "unit_price"), Map.entry("Total", "amount"),
                Map.entry("Currency Code", "currency"), Map.entry("Sale Time", "sold_at"));
        assertThat(audit.path("extra_columns")).extracting(JsonNode::asText).containsExactly("cashier");

        List<JsonNode> rejects = new ArrayList<>();
        for (String line : new String(get(audit.path("rejected_row_files").get(0).asText()), StandardCharsets.UTF_8).split("\n")) {
            rejects.add(LakeJson.mapper().readTree(line));
        }
        assertThat(rejects).extracting(r -> r.path("line").asLong() + " " + r.path("reasons").get(0).path("message").asText())
                .containsExactly("12 quantity -3 is outside [1..100000]",
                        "13 transaction_id 'T-4' appears earlier in this file, first on line 5");
        String rejectsCsv = new String(get(audit.path("rejected_row_files").get(1).asText()), StandardCharsets.UTF_8);
        assertThat(rejectsCsv).contains("T-11,S01,SKU-2,-3,5.00,-15.00,USD,").doesNotContain("'-");
    }

    @Test
    void aFileNoKeyPatternMatchesIsClaimedByTheContractThatMatchesHeadersAndProcessedWithIt() {
        put("raw/visits_export.csv", ("Visit ID,Store,Visit Time,Headcount\n"
                + "V-1,S01,2024-06-01T10:00:00Z,12\nV-2,S02,2024-06-01T11:00:00Z,7\n").getBytes(StandardCharsets.UTF_8));

        JsonNode audit = awaitAuditOf("validated/visits_export.csv");

        assertThat(audit.path("contract").path("id").asText()).isEqualTo("store_visits");
        assertThat(audit.path("rows_good").asLong()).isEqualTo(2);
        assertThat(audit.path("header_mapping").path("Headcount").asText()).isEqualTo("visitors");
        assertThat(audit.path("part_files")).extracting(JsonNode::asText)
                .allMatch(key -> key.startsWith("processed/store_visits/date=2024-06-01/"));
    }
}
