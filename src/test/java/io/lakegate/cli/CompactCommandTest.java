package io.lakegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakegate.lake.LakeJson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
    void refusesADateThatIsNotOne() {
        int exit = run("compact", "--date", "2024-13-45");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("2024-13-45");
        assertThat(out.size()).isZero();
    }
}
