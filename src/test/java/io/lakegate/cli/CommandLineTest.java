package io.lakegate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakegate.contract.ContractException;
import io.lakegate.contract.ContractRegistry;
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
        assertThat(LakeJson.mapper().readTree(lines.get(2)).path("encoding_source").asText()).isEqualTo("bom");
    }

    @Test
    void sniffSaysHowSureItIsOfAnEncodingAndHowItDecided() throws Exception {
        run("sniff", INTAKE + "sales.csv", INTAKE + "sales_windows1252.csv");

        JsonNode utf8 = LakeJson.mapper().readTree(outputLines().get(0));
        JsonNode latin = LakeJson.mapper().readTree(outputLines().get(1));
        assertThat(utf8.path("encoding_source").asText()).isEqualTo("utf8");
        assertThat(utf8.path("encoding_confidence").asInt()).isEqualTo(100);
        assertThat(latin.path("encoding").asText()).isEqualTo("windows-1252");
        assertThat(latin.path("encoding_source").asText()).isEqualTo("detected");
        assertThat(latin.path("encoding_confidence").asInt()).isBetween(1, 100);
    }

    @Test
    void sniffSaysWhenTooLittleTextLeftTheEncodingToTheFallback(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("short.csv");
        Files.write(file, "transaction_id,city\nT-1,Caf\u00e9\nT-2,\u00a3512\n".getBytes(java.nio.charset.Charset.forName("windows-1252")));

        run("sniff", file.toString());

        JsonNode sniffed = LakeJson.mapper().readTree(outputLines().get(0));
        assertThat(sniffed.path("encoding").asText()).isEqualTo("windows-1252");
        assertThat(sniffed.path("encoding_source").asText()).isEqualTo("fallback");
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

    @Test
    void helpListsEveryCommandAndStartsNothing() {
        for (String help : List.of("help", "--help", "-h")) {
            out.reset();

            assertThat(run(help)).as(help).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).as(help).startsWith("usage: lakegate")
                    .contains("  sniff ", "  check ", "  compact ", "  ddl ", "  query ", "  bench ");
        }
        assertThat(CommandLine.startsService(new String[] {"--help"})).isFalse();
    }

    @Test
    void aCommandsHelpPrintsItsUsageWithoutRunningIt() {
        assertThat(run("check", "--help")).isZero();
        assertThat(outputLines()).first().isEqualTo("usage: lakegate check FILE [--contract ID] [--rows]");

        out.reset();
        assertThat(run("compact", "-h")).as("compact would start the lake").isZero();
        assertThat(outputLines()).first().asString().startsWith("usage: lakegate compact");
    }

    @Test
    void anUnknownWordPrintsUsageAndExitsTwoWithoutStartingTheService() {
        assertThat(CommandLine.startsService(new String[] {"compcat"})).isFalse();

        assertThat(run("compcat")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("lakegate: unknown command 'compcat'")
                .contains("usage: lakegate", "  compact ");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void noArgumentsOrOnlySpringOptionsStartTheService() {
        assertThat(CommandLine.startsService(new String[0])).isTrue();
        assertThat(CommandLine.startsService(new String[] {"--server.port=8081", "--spring.profiles.active=kubernetes"})).isTrue();
        assertThat(CommandLine.startsService(new String[] {"--server.port=8081", "check"})).isFalse();
        assertThat(CommandLine.startsService(new String[] {"--verbose"})).isFalse();
    }

    @Test
    void checkRowsPrintsTheCountsAndFirstRejectsOfTheContractsRules(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("sales.csv");
        Files.writeString(file, """
                transaction_id,store_id,sku,quantity,unit_price,amount,currency,customer_id,sold_at,payment_method
                T-1,S01,SKU-1,2,9.99,19.98,USD,C-77,2024-03-15T10:22:33Z,card
                T-2,S01,SKU-2,1,24.50,24.50,USD,,2024-03-15T10:25:01Z,cash
                T-3,S02,SKU-1,3,9.99,29.97,EUR,C-12,2024-03-16T08:00:00Z,card
                T-4,S02,SKU-3,1,5.00,5.00,EUR,C-13,2024-03-16T09:00:00Z,barter
                T-5,S03,SKU-4,1,5.00,5.00,USD,C-14,2024-03-17T09:00:00Z,cash
                T-6,S03,SKU-5,1,5.00,5.00,USD,C-15,2024-03-17T10:00:00Z,card
                T-7,S03,SKU-6,1,5.00,5.00,USD,C-16,2024-03-17T11:00:00Z,card
                T-8,S03,SKU-7,1,5.00,5.00,USD,C-17,2024-03-17T12:00:00Z,card
                T-3,S04,SKU-8,1,five,5.00,USD,C-18,2024-03-18T09:00:00Z,card
                T-10,S04,SKU-9,1,5.00,5.00,USD,C-19,2024-03-18T10:00:00Z,card
                """);

        int exit = run("check", file.toString(), "--rows");

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        List<JsonNode> documents = LakeJson.mapper().readerFor(JsonNode.class)
                .<JsonNode>readValues(out.toString(StandardCharsets.UTF_8)).readAll();
        assertThat(documents.get(0).path("code").asText()).isEqualTo("valid");
        JsonNode rows = documents.get(1);
        assertThat(rows.path("contract").asText()).isEqualTo("fact_sales");
        assertThat(rows.path("rows_read").asLong()).isEqualTo(10);
        assertThat(rows.path("rows_rejected").asLong()).isEqualTo(1);
        assertThat(rows.path("rows_good").asLong()).isEqualTo(9);
        assertThat(rows.path("rows_warned").asLong()).isEqualTo(1);
        assertThat(rows.path("warnings_by_rule").path("accepted_values").asLong()).isEqualTo(1);
        assertThat(rows.path("would_be_refused").asBoolean()).isFalse();
        JsonNode reject = rows.path("first_rejects").get(0);
        assertThat(reject.path("line").asLong()).isEqualTo(10);
        assertThat(reject.path("original").asText()).isEqualTo("T-3,S04,SKU-8,1,five,5.00,USD,C-18,2024-03-18T09:00:00Z,card");
        assertThat(reject.path("reasons")).extracting(reason -> reason.path("code").asText())
                .containsExactlyInAnyOrder("invalid_decimal", "duplicate_key");
        JsonNode decisions = rows.path("column_decisions");
        assertThat(decisions.path("quantity").asText()).isEqualTo("whole numbers, no thousands marks in the sample");
        assertThat(decisions.path("unit_price").asText()).isEqualTo("decimal separator dot (decided by 9 sample values)");
        assertThat(decisions.path("sold_at").asText())
                .isEqualTo("no dates in day/month order in the sample (year-first, epoch or named-month forms)");
    }

    @Test
    void checkRowsExitsOneWhenTheRejectsExceedTheContractsLimit(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("sales.csv");
        Files.writeString(file, """
                transaction_id,store_id,sku,quantity,unit_price,amount,currency,customer_id,sold_at,payment_method
                T-1,S01,SKU-1,2,9.99,19.98,USD,C-77,2024-03-15T10:22:33Z,card
                T-2,,SKU-2,1,24.50,24.50,USD,,2024-03-15T10:25:01Z,cash
                T-3,,SKU-1,3,9.99,29.97,EUR,C-12,2024-03-16T08:00:00Z,card
                """);

        assertThat(run("check", file.toString(), "--rows")).isEqualTo(1);
        List<JsonNode> documents = LakeJson.mapper().readerFor(JsonNode.class)
                .<JsonNode>readValues(out.toString(StandardCharsets.UTF_8)).readAll();
        assertThat(documents.get(1).path("would_be_refused").asBoolean()).isTrue();
        assertThat(documents.get(1).path("rejects_by_rule").path("not_null").asLong()).isEqualTo(2);
    }

    @Test
    void aMissingFileIsOneLineAndExitThree() {
        assertThat(run("check", "no-such-file.csv")).isEqualTo(3);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("lakegate check: no such file: no-such-file.csv" + System.lineSeparator());

        err.reset();
        assertThat(run("sniff", "no-such-file.csv")).isEqualTo(3);
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).singleElement().asString().contains("no such file: no-such-file.csv");
    }

    @Test
    void aFolderWithoutContractsIsOneLineThatSaysWhereToStart(@TempDir Path empty) {
        ContractException noContracts = assertThrows(ContractException.class, () -> new ContractRegistry(empty));

        assertThat(CommandLine.oneLine(noContracts)).doesNotContain("\n")
                .contains("No data contract (*.yaml) found in " + empty.toAbsolutePath(),
                        "start Lakegate in the folder that holds contracts/", "--lakegate.contracts.directory=DIR");
    }
}
