package io.lakegate.process;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakegate.LakeRouteTest;
import io.lakegate.lake.LakeLayout;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * The processing limits set tight: a work-folder budget of 256 KB, and the sampling rule of too_many_rejects on
 * from 5,000 rows. A context of its own (its own lake and work folder), closed after the class.
 */
@TestPropertySource(properties = {
    "lakegate.storage.embedded.directory=" + ProcessingLimitsRouteTest.LAKE_FOLDER,
    "lakegate.processing.work-directory=" + ProcessingLimitsRouteTest.WORK_FOLDER,
    "lakegate.processing.work-folder-budget=256KB",
    "lakegate.processing.early-reject-min-rows=5000",
    // Parts cut by size only: none is uploaded while a file is read, so the budget meets the rows' local files.
    "lakegate.processing.part-target-rows=0",
})
@DirtiesContext
class ProcessingLimitsRouteTest extends LakeRouteTest {

    static final String LAKE_FOLDER = "target/test-lake-limits";
    static final String WORK_FOLDER = "target/test-work-limits";

    static {
        try {
            FileSystemUtils.deleteRecursively(Path.of(LAKE_FOLDER));
            FileSystemUtils.deleteRecursively(Path.of(WORK_FOLDER));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aFileWhoseLocalFilesOutgrowTheBudgetIsRefusedAndLeavesNothingWhileTheNextFileIsIngested() throws IOException {
        // Every tenth row rejected, well within fact_sales' 20%; the first batch's 1,000 rejected rows alone take
        // about half a megabyte in the work folder (NDJSON and CSV).
        byte[] file = TooManyRejectsEarlyRouteTest.sales(15_000, row -> row % 10 == 0);
        String before = scrape();
        put("validated/sales_big.csv", file);
        putResource("validated/sales.csv", "sales.csv");

        String refused = LakeLayout.systemRejectKeyFor("validated/sales_big.csv");
        awaitObject(LakeLayout.reasonKeyFor(refused));
        await().atMost(Duration.ofSeconds(30)).until(() -> keys().stream().anyMatch(k -> k.matches("archive/validated/sales_\\d{8}T\\d{6}Z-[0-9a-z]+\\.csv")));
        awaitGone("validated/sales_big.csv");
        awaitGone("validated/sales.csv");

        JsonNode reason = json(LakeLayout.reasonKeyFor(refused));
        assertThat(reason.path("code").asText()).isEqualTo("work_folder_budget_exceeded");
        assertThat(reason.path("stage").asText()).isEqualTo("read");
        assertThat(reason.path("message").asText()).startsWith("By line 10001 (while the file was read), this file's Parquet"
                + " parts, rejected rows and date spill held ").contains("more than lakegate.processing.work-folder-budget"
                + " (256 KB) allows. The file is refused whole and nothing of it was published");
        assertThat(get(refused)).isEqualTo(file);
        String runId = reason.path("ingest_run_id").asText();
        assertThat(keys()).as("nothing of run %s", runId).noneMatch(k -> k.contains(runId))
                .anyMatch(k -> k.startsWith("processed/fact_sales/date=2024-03-15/"));
        assertThat(increase(before, scrape(), "lakegate_files_total{code=\"work_folder_budget_exceeded\"")).isEqualTo(1);
        await().untilAsserted(() -> SNS.verify(postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("work_folder_budget_exceeded"))
                .withRequestBody(containing("sales_big.csv"))));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(workFiles()).isEmpty());
    }

    @Test
    void aGzipFileIsJudgedOnItsFirstRowsByTheSamplingRuleWhenItIsOn() throws IOException {
        // Of a gzip file the length of the text is not known, so the certain rule cannot stop it; the sampling rule
        // does, once 5,000 rows or more are judged.
        ByteArrayOutputStream gzip = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gzip)) {
            out.write(TooManyRejectsEarlyRouteTest.sales(30_000, row -> true));
        }
        put("validated/sales_all_bad.csv.gz", gzip.toByteArray());

        String refused = LakeLayout.systemRejectKeyFor("validated/sales_all_bad.csv.gz");
        awaitObject(LakeLayout.reasonKeyFor(refused));
        awaitGone("validated/sales_all_bad.csv.gz");

        JsonNode reason = json(LakeLayout.reasonKeyFor(refused));
        assertThat(reason.path("code").asText()).isEqualTo("too_many_rejects");
        assertThat(reason.path("rows_read").asLong()).isEqualTo(10_000);
        assertThat(reason.path("rows_rejected").asLong()).isEqualTo(10_000);
        assertThat(reason.path("message").asText()).startsWith("Reading stopped after line 10001: 10000 of the 10000 rows"
                + " read (100.0%) failed the contract's rules, more than the 20.0% allowed; past"
                + " lakegate.processing.early-reject-min-rows (5000) a file is judged on the rows read so far");
        assertThat(keys()).containsExactlyInAnyOrder(refused, LakeLayout.reasonKeyFor(refused));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(workFiles()).isEmpty());
    }

    private static List<Path> workFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(WORK_FOLDER))) {
            return files.toList();
        }
    }
}
