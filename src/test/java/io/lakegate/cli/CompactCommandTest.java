package io.lakegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakegate.gold.Sale;
import io.lakegate.lake.LakeJson;
import io.lakegate.lake.LakeLayout;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code compact} command's wiring: the service it starts, the route it calls, the report it prints and
 * its exit codes. What a compaction does to a lake is the gold route's tests' business.
 */
class CompactCommandTest {

    private static final String LAKE_DIRECTORY = "lakegate.storage.embedded.directory";

    @TempDir
    Path lake;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    // A system property outranks ./application.yaml (the command's own arguments do not name the lake).
    @BeforeEach
    void pointAtAnEmptyLake() {
        System.setProperty(LAKE_DIRECTORY, lake.toString());
    }

    @AfterEach
    void forgetTheLake() {
        System.clearProperty(LAKE_DIRECTORY);
    }

    private int run(String... args) {
        return CommandLine.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void printsTheReportOfARunOverALakeWithNothingToCompact() throws Exception {
        int exit = run("compact");

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        JsonNode report = LakeJson.mapper().readTree(out.toByteArray());
        assertThat(report.path("compacted").asInt()).isZero();
        assertThat(report.path("failed").asInt()).isZero();
        assertThat(report.path("dates").isArray()).isTrue();
        assertThat(lake.resolve("lake")).as("the bucket, in the lake the test named").isDirectory();
    }

    @Test
    void saysItsStepsAndEachDateAsItIsWrittenOnStderrAndKeepsStdoutForTheReport() throws Exception {
        String runId = "20240502T000000Z-0123456789";
        commitProcessedPart(runId, LocalDate.of(2024, 5, 1), 1, Sale.sale("T-1", "9.99"));
        commitProcessedPart(runId, LocalDate.of(2024, 5, 3), 2, Sale.sale("T-2", "5.00").soldAt("2024-05-03T08:00:00Z"));

        int exit = run("compact");

        String said = err.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(said).isZero();
        assertThat(said.lines().toList()).anyMatch(line -> line.matches("Gold fact_sales run \\S+: compacting 2 dates from 2 processed parts"))
                .contains("Gold day 2024-05-01: 1 rows written", "Gold day 2024-05-03: 1 rows written")
                .anyMatch(line -> line.startsWith("fact_sales 2024-05-03: compacted, 1 rows in, 1 out"));
        assertThat(said.indexOf("Gold day 2024-05-03")).as("progress comes before the outcomes")
                .isLessThan(said.indexOf("fact_sales 2024-05-01: compacted"));
        JsonNode report = LakeJson.mapper().readTree(out.toByteArray());
        assertThat(report.path("compacted").asInt()).isEqualTo(2);
    }

    // A part of an ingest run, put where the lake's folder keeps it, and the run's audit record that commits it.
    private void commitProcessedPart(String runId, LocalDate date, int sequence, Sale row) throws Exception {
        Path bucket = lake.resolve("lake");
        Path part = bucket.resolve(LakeLayout.processedPartKey("fact_sales", date, runId, sequence));
        Files.createDirectories(part.getParent());
        Sale.writePart(part, row);
        Path audit = bucket.resolve(LakeLayout.ingestAuditKeyOf(runId));
        Files.createDirectories(audit.getParent());
        Files.writeString(audit, "{}");
    }

    @Test
    void refusesADateThatIsNotOne() {
        int exit = run("compact", "--date", "2024-13-45");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("2024-13-45");
        assertThat(out.size()).isZero();
    }
}
