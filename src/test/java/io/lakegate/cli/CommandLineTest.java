package io.lakegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakegate.lake.LakeJson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {

    private static final String INTAKE = "src/test/resources/intake/";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return CommandLine.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private List<String> outputLines() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void sniffPrintsOneJsonLinePerFile() throws Exception {
        int exit = run("sniff", INTAKE + "sales.csv", INTAKE + "sales_semicolon.csv", INTAKE + "sales_utf16.csv");

        assertThat(exit).isZero();
        List<String> lines = outputLines();
        assertThat(lines).hasSize(3);
        JsonNode first = LakeJson.mapper().readTree(lines.get(0));
        assertThat(first.path("file").asText()).endsWith("sales.csv");
        assertThat(first.path("encoding").asText()).isEqualTo("utf-8");
        assertThat(first.path("delimiter").asText()).isEqualTo(",");
        assertThat(first.path("quote").asText()).isEqualTo("\"");
        assertThat(first.path("has_header").asBoolean()).isTrue();
        assertThat(first.path("header").get(0).asText()).isEqualTo("transaction_id");
        assertThat(LakeJson.mapper().readTree(lines.get(1)).path("delimiter").asText()).isEqualTo(";");
        assertThat(LakeJson.mapper().readTree(lines.get(2)).path("encoding").asText()).isEqualTo("utf-16le-bom");
    }

    @Test
    void sniffSaysWhenAFileHasNoHeader() throws Exception {
        run("sniff", INTAKE + "sales_no_header.csv");

        JsonNode sniffed = LakeJson.mapper().readTree(outputLines().get(0));
        assertThat(sniffed.path("has_header").asBoolean()).isFalse();
        assertThat(sniffed.has("header")).isFalse();
    }

    @Test
    void sniffReportsFilesItCannotReadAndExitsNonZero() throws Exception {
        int exit = run("sniff", INTAKE + "sales_binary.csv");

        assertThat(exit).isEqualTo(1);
        assertThat(LakeJson.mapper().readTree(outputLines().get(0)).path("error").asText()).isEqualTo("binary_content");
    }

    @Test
    void checkPrintsTheReasonAndExitsOneForARejectedFile() throws Exception {
        int exit = run("check", INTAKE + "sales_missing_columns.csv");

        assertThat(exit).isEqualTo(1);
        JsonNode reason = LakeJson.mapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(reason.path("code").asText()).isEqualTo("missing_required_columns");
        assertThat(reason.path("file").asText()).isEqualTo("raw/sales_missing_columns.csv");
    }

    @Test
    void checkExitsZeroForAValidFile() throws Exception {
        int exit = run("check", INTAKE + "sales_compressed.csv.gz");

        assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(LakeJson.mapper().readTree(out.toString(StandardCharsets.UTF_8)).path("code").asText()).isEqualTo("valid");
    }

    @Test
    void checkJudgesAgainstANamedContract() throws Exception {
        int exit = run("check", INTAKE + "inventory.csv", "--contract", "fact_sales");

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(1);
        assertThat(LakeJson.mapper().readTree(out.toString(StandardCharsets.UTF_8)).path("code").asText())
                .isEqualTo("missing_required_columns");
    }

    @Test
    void printsUsageForMissingArguments() {
        assertThat(run("check")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: lakegate check");
    }

    @Test
    void ddlPrintsTheAthenaTableOfTheGoldDataFromTheContract() {
        int exit = run("ddl", "--bucket", "acme-lake", "--database", "sales_db");

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String ddl = out.toString(StandardCharsets.UTF_8);
        assertThat(ddl).contains("An Apache Iceberg table, format v2, at s3://acme-lake/gold/fact_sales.")
                .contains("partitioned by day(sold_at), sorted by store_id, sold_at, transaction_id")
                .contains("--   transaction_id string", "--   quantity long", "--   unit_price decimal(18, 2)",
                        "--   sold_at timestamptz", "--   ingest_ts timestamptz", "--   source_line long", "--   row_hash string")
                .contains("SELECT * FROM \"sales_db\".\"fact_sales\" WHERE sold_at >=")
                .contains("FOR TIMESTAMP AS OF")
                .contains("no DDL, no crawler");
    }

    @Test
    void queryOnALakeWithoutGoldSaysToCompactFirst(@TempDir Path directory) throws Exception {
        Path lake = Files.createDirectories(directory.resolve("lake"));

        int exit = run("query", "SELECT 42 AS answer", "--lake", lake.toString());

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Gold table fact_sales has no data").contains("compact first");
        assertThat(outputLines()).containsExactly("answer", "------", "42", "(1 row)");
    }

    @Test
    void queryReportsBadSqlWithoutAStackTrace(@TempDir Path lake) {
        int exit = run("query", "SELECT nonsense FROM nowhere", "--lake", lake.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Query failed:").contains("nowhere");
    }
}
