package io.lakegate.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakegate.LakeRouteTest;
import io.lakegate.cli.SalesFileGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Producers' files are rarely in time order: a month exported by store spreads every date over the whole
 * file. Whatever the order and however many dates, a file must give the same rows, in the same number of parts
 * per date, as the same rows sorted by time. The route tests cut parts at 20 rows
 * ({@code part-target-rows}), so a date of n rows has exactly ceil(n / 20) parts when nothing else cuts them.
 */
class RowOrderRouteTest extends LakeRouteTest {

    private static final int PART_ROWS = 20;
    private static final String ROWS_SQL = "SELECT transaction_id, store_id, sku, quantity, unit_price, amount, currency,"
            + " customer_id, sold_at, payment_method, CAST(date AS VARCHAR) AS date FROM {parquet} WHERE ingest_run_id = '%s'"
            + " ORDER BY transaction_id";

    @TempDir
    Path work;

    /** What one file left in the lake. */
    private record Outcome(JsonNode audit, List<Map<String, Object>> rows, Map<String, Long> partsByDate) {
    }

    @ParameterizedTest(name = "{0} rows over {1} dates")
    @CsvSource({
        "2000, 31",    // a month: every date has a part open while the file is read
        "2000, 366",   // a year: more dates than parts kept open, the rest wait in the spill
        "3650, 3650",  // ten years, one row per date: the worst case for a writer per date
    })
    void shuffledRowsGiveTheSameRowsAndPartsAsTheSameRowsInTimeOrder(int rows, int days) throws Exception {
        Path sortedFile = work.resolve("sorted.csv");
        Path shuffledFile = work.resolve("shuffled.csv");
        SalesFileGenerator.write(sortedFile, rows, days, 0.01, 0, SalesFileGenerator.Order.SORTED);
        SalesFileGenerator.write(shuffledFile, rows, days, 0.01, 0, SalesFileGenerator.Order.SHUFFLED);

        Outcome sorted = process(sortedFile, "validated/sales_sorted.csv");
        emptyLake();
        Outcome shuffled = process(shuffledFile, "validated/sales_shuffled.csv");

        assertThat(shuffled.rows()).hasSize(sorted.rows().size()).isEqualTo(sorted.rows());
        for (String count : List.of("rows_read", "rows_good", "rows_rejected")) {
            assertThat(shuffled.audit().path(count).asLong()).as(count).isEqualTo(sorted.audit().path(count).asLong());
        }
        assertThat(shuffled.audit().path("rows_read").asLong()).isEqualTo(rows);
        assertThat(shuffled.audit().path("partitions")).isEqualTo(sorted.audit().path("partitions"));

        Map<String, Long> rowsByDate = rowsByDate(shuffled.audit());
        assertThat(rowsByDate).hasSizeGreaterThan(days * 9 / 10);
        Map<String, Long> expectedParts = new TreeMap<>();
        rowsByDate.forEach((date, count) -> expectedParts.put(date, (count + PART_ROWS - 1) / PART_ROWS));
        assertThat(sorted.partsByDate()).isEqualTo(expectedParts);
        assertThat(shuffled.partsByDate()).isEqualTo(expectedParts);

        long spilled = shuffled.audit().path("bytes_spilled").asLong();
        if (rowsByDate.size() <= 64) {
            assertThat(spilled).as("a month fits the open parts").isZero();
        } else {
            assertThat(spilled).as("dates beyond the open parts wait in the spill").isPositive();
        }
        try (var left = Files.list(Path.of("target", "test-work"))) {
            assertThat(left.filter(f -> f.getFileName().toString().startsWith(shuffled.audit().path("ingest_run_id").asText())))
                    .as("local parts and spill removed").isEmpty();
        }
    }

    private Outcome process(Path file, String key) throws Exception {
        put(key, Files.readAllBytes(file));
        JsonNode audit = json(awaitAuditKeyOf(key, Duration.ofMinutes(3)));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> keys().stream().anyMatch(k -> k.startsWith("archive/")));
        Path localCopy = Files.createTempDirectory(work, "query");
        String runId = audit.path("ingest_run_id").asText();
        List<Map<String, Object>> rows = LakeQuery.query(s3, bucket(), "processed/", localCopy, ROWS_SQL.formatted(runId));
        Map<String, Long> partsByDate = keys().stream().filter(k -> k.startsWith("processed/") && k.contains(runId))
                .collect(Collectors.groupingBy(k -> k.replaceAll(".*/date=([0-9-]+)/.*", "$1"), TreeMap::new,
                        Collectors.counting()));
        return new Outcome(audit, rows, partsByDate);
    }

    private static Map<String, Long> rowsByDate(JsonNode audit) {
        Map<String, Long> rows = new TreeMap<>();
        audit.path("partitions").forEach(p -> rows.put(p.path("date").asText(), p.path("rows").asLong()));
        return rows;
    }
}
