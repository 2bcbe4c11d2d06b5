package io.lakegate.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakegate.LakeRouteTest;
import io.lakegate.lake.LakeLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A file that can no longer end within its contract's maxRejectedPercent stops being read, checked and written once
 * that is certain, and is refused as too_many_rejects the same way as at the end of the file; a file whose rest can
 * still bring it within the limit is read to its end, however bad its first rows.
 */
class TooManyRejectsEarlyRouteTest extends LakeRouteTest {

    static final String HEADER = "transaction_id,store_id,sku,quantity,unit_price,amount,currency,customer_id,sold_at,payment_method\n";
    private static final Path WORK = Path.of("target", "test-work");

    @Test
    void anAllRejectFileIsRefusedOnceItCanNoLongerEndWithinTheLimitWithoutReadingTheRest() throws IOException {
        byte[] file = sales(60_000, row -> true);
        String before = scrape();
        put("validated/sales_all_bad.csv", file);

        String refused = LakeLayout.systemRejectKeyFor("validated/sales_all_bad.csv");
        awaitObject(LakeLayout.reasonKeyFor(refused));
        awaitGone("validated/sales_all_bad.csv");

        // 65-character rows, and a good one takes at least 18 (9 commas, a line end, 8 required cells). After 30,000
        // rejected rows, with 10,000 more read ahead, the 1.3M characters left hold at most 72,222 good rows: at most
        // 112,222 rows, of which 20% is less than 30,000. A batch earlier, 20% of at most 138,333 rows was not.
        JsonNode reason = json(LakeLayout.reasonKeyFor(refused));
        assertThat(reason.path("code").asText()).isEqualTo("too_many_rejects");
        assertThat(reason.path("rows_read").asLong()).isEqualTo(30_000);
        assertThat(reason.path("rows_rejected").asLong()).isEqualTo(30_000);
        assertThat(reason.path("rejects_by_rule").path("iso_currency").asLong()).isEqualTo(30_000);
        assertThat(reason.path("sample_reasons")).hasSize(20);
        assertThat(reason.path("message").asText()).startsWith("Reading stopped after line 30001: 30000 of the 30000 rows"
                + " read (100.0%) failed the contract's rules, more than the 20.0% allowed, and the rest of the file (at most"
                + " 82222 more rows, even were they all good) could not bring the share within it; the rest was not read and"
                + " nothing of the file was published. Most frequent: {iso_currency=30000}.");
        assertThat(keys()).containsExactlyInAnyOrder(refused, LakeLayout.reasonKeyFor(refused));
        assertThat(get(refused)).isEqualTo(file);
        assertThat(increase(before, scrape(), "lakegate_files_total{code=\"too_many_rejects\"")).isEqualTo(1);
        String runId = reason.path("ingest_run_id").asText();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(runFiles(runId)).isEmpty());
    }

    @Test
    void aFileWhoseBadRowsComeFirstIsReadToItsEndAndIngestedWhenTheRestBringsItWithinTheLimit() {
        // lenient_sales refuses above 90%: 10,000 rejected rows then 2,000 good ones end at 83.3%. After the first
        // batch the 2,000 rows read ahead could still bring the share to 10,000 of 12,000, within 90%.
        put("validated/lenient/sales_bad_first.csv", sales(12_000, row -> row < 10_000));

        JsonNode audit = json(awaitAuditKeyOf("validated/lenient/sales_bad_first.csv", Duration.ofSeconds(60)));
        assertThat(audit.path("rows_read").asLong()).isEqualTo(12_000);
        assertThat(audit.path("rows_rejected").asLong()).isEqualTo(10_000);
        assertThat(audit.path("rows_good").asLong()).isEqualTo(2_000);
        assertThat(keys()).noneMatch(k -> k.startsWith(LakeLayout.REJECTED_SYSTEM));
    }

    /** Sales rows of distinct ids, 65 characters each with their line end; {@code bad} rows have an unknown currency. */
    static byte[] sales(int rows, IntPredicate bad) {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int row = 0; row < rows; row++) {
            csv.append(String.format(Locale.ROOT, "T-%06d,S01,SKU-1,1,2.00,2.00,%s,C-1,2024-03-15T10:00:00Z,card\n", row,
                    bad.test(row) ? "ZZZ" : "EUR"));
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static List<Path> runFiles(String runId) throws IOException {
        if (!Files.isDirectory(WORK)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(WORK)) {
            return files.filter(file -> file.getFileName().toString().startsWith(runId)).toList();
        }
    }
}
