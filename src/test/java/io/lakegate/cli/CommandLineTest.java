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
        assertThat(ddl).contains("CREATE EXTERNAL TABLE IF NOT EXISTS `sales_db`.`fact_sales` (")
                .contains("`transaction_id` string,", "`quantity` bigint,", "`unit_price` decimal(18,2),",
                        "`sold_at` timestamp,", "`ingest_ts` timestamp,", "`source_line` bigint,", "`row_hash` string")
                .contains("PARTITIONED BY (`date` string)")
                .contains("'org.apache.hadoop.hive.ql.io.SymlinkTextInputFormat'")
                .contains("LOCATION 's3://acme-lake/gold/fact_sales/_symlink_format_manifest/'")
                .contains("'storage.location.template' = 's3://acme-lake/gold/fact_sales/_symlink_format_manifest/date=${date}/'")
                .contains("'projection.date.type' = 'date'");
    }

    @Test
    void queryRunsSqlOverTheFilesTheGoldManifestsName(@TempDir Path lake) throws Exception {
        Path current = lake.resolve("gold/fact_sales/date=2024-03-15/gen=new/part-00000.parquet");
        Path replaced = lake.resolve("gold/fact_sales/date=2024-03-15/gen=old/part-00000.parquet");
        Files.createDirectories(current.getParent());
        Files.createDirectories(replaced.getParent());
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = duckdb.createStatement()) {
            sql.execute("COPY (SELECT * FROM (VALUES ('T-1', 3::BIGINT), ('T-2', 1::BIGINT)) t(transaction_id, quantity)) TO '"
                    + current + "' (FORMAT parquet)");
            sql.execute("COPY (SELECT 'T-1' AS transaction_id, 2::BIGINT AS quantity) TO '" + replaced + "' (FORMAT parquet)");
        }
        Path manifest = lake.resolve("gold/fact_sales/_symlink_format_manifest/date=2024-03-15/manifest");
        Files.createDirectories(manifest.getParent());
        Files.writeString(manifest, "s3://" + lake.getFileName() + "/gold/fact_sales/date=2024-03-15/gen=new/part-00000.parquet\n");

        int exit = run("query", "SELECT date, transaction_id, quantity FROM fact_sales ORDER BY transaction_id", "--lake", lake.toString());

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(outputLines()).containsExactly(
                "date       | transaction_id | quantity",
                "-----------+----------------+---------",
                "2024-03-15 | T-1            | 3",
                "2024-03-15 | T-2            | 1",
                "(2 rows)");
    }

    @Test
    void queryReportsBadSqlWithoutAStackTrace(@TempDir Path lake) {
        int exit = run("query", "SELECT nonsense FROM nowhere", "--lake", lake.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Query failed:").contains("nowhere");
    }
}
