package io.lakegate.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakegate.FaultyStorage;
import io.lakegate.LakeRouteTest;
import io.lakegate.lake.StorageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

class ValidateRouteTest extends LakeRouteTest {

    @Autowired
    private CamelContext camel;

    // Accepted files would otherwise be processed away from validated/ before the assertions look.
    @BeforeEach
    void holdProcessing() throws Exception {
        camel.getRouteController().stopRoute("process-validated");
    }

    @AfterEach
    void resumeProcessing() throws Exception {
        emptyLake();
        camel.getRouteController().startRoute("process-validated");
    }

    @Test
    void aSlowFileDoesNotHoldBackAnotherWhileAWorkerIsIdle() {
        FaultyStorage.Hold slow = lakeStorage.holdWritesTo("validated/sales_slow.csv");
        try {
            putResource("raw/sales_slow.csv", "sales.csv");
            await().atMost(Duration.ofSeconds(20)).until(slow::reached);

            putResource("raw/sales_quick.csv", "sales_aliases.csv");

            awaitObject("validated/sales_quick.csv");
            assertThat(exists("raw/sales_slow.csv")).as("the slow file is still being moved").isTrue();
        } finally {
            slow.release();
        }
        awaitObject("validated/sales_slow.csv");
    }

    @Test
    void aMisnamedFileIsRefusedWithTheKeysEachContractTakesAndTheContractItsHeaderMatches() {
        putResource("raw/my_export.csv", "sales_aliases.csv");

        awaitObject("rejected/system/raw/my_export.csv.reason.json");

        JsonNode reason = json("rejected/system/raw/my_export.csv.reason.json");
        assertThat(reason.path("code").asText()).isEqualTo("unknown_dataset");
        assertThat(reason.path("source_keys").path("fact_sales")).extracting(JsonNode::asText)
                .containsExactly("raw/sales*.csv", "raw/sales*.csv.gz", "raw/sales*.txt", "raw/sales*.tsv", "raw/fact_sales/**");
        assertThat(reason.path("source_keys").path("store_visits")).extracting(JsonNode::asText).containsExactly("raw/store_visits/**");
        assertThat(reason.path("header_matches")).hasSize(1);
        JsonNode match = reason.path("header_matches").get(0);
        assertThat(match.path("contract").asText()).isEqualTo("fact_sales");
        assertThat(match.path("mapping").path("TransactionId").asText()).isEqualTo("transaction_id");
        assertThat(match.path("mapping").path("Sale Time").asText()).isEqualTo("sold_at");
        assertThat(reason.path("message").asText())
                .contains("fact_sales takes raw/sales*.csv, raw/sales*.csv.gz, raw/sales*.txt, raw/sales*.tsv, raw/fact_sales/**")
                .contains("Its header matches the columns of contract fact_sales (Store → store_id, TransactionId → transaction_id")
                .contains("set source.matchHeader: true");
    }

    @Test
    void movesValidFileToValidatedUnchanged() {
        putResource("raw/sales.csv", "sales.csv");

        awaitObject("validated/sales.csv");
        awaitGone("raw/sales.csv");

        assertThat(get("validated/sales.csv")).isEqualTo(resource("sales.csv"));
        assertThat(keys()).containsExactly("validated/sales.csv");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedFiles")
    void acceptsFilesProducersReallySend(String resource) {
        putResource("raw/" + resource, resource);

        awaitObject("validated/" + resource);
        awaitGone("raw/" + resource);

        assertThat(get("validated/" + resource)).isEqualTo(resource(resource));
    }

    static Stream<Arguments> acceptedFiles() {
        return Stream.of(
                Arguments.of("sales_compressed.csv.gz"),
                Arguments.of("sales_utf16.csv"),
                Arguments.of("sales_windows1252.csv"),
                Arguments.of("sales_aliases.csv"),
                Arguments.of("sales_semicolon.csv"));
    }

    @ParameterizedTest(name = "{1} from {0}")
    @MethodSource("rejectedFiles")
    void rejectsFileWithReasonBesideIt(String rawKey, String code, String resource) {
        putResource(rawKey, resource);
        String rejected = "rejected/system/raw/" + rawKey.substring("raw/".length());

        awaitObject(rejected);
        awaitObject(rejected + ".reason.json");
        awaitGone(rawKey);

        assertThat(get(rejected)).as("rejected file is kept byte-identical").isEqualTo(resource(resource));
        JsonNode reason = json(rejected + ".reason.json");
        assertThat(reason.path("code").asText()).isEqualTo(code);
        assertThat(reason.path("message").asText()).isNotBlank();
        assertThat(reason.path("file").asText()).isEqualTo(rawKey);
        assertThat(reason.path("size").asLong()).isEqualTo(resource(resource).length);
        assertThat(reason.path("rejected_at").asText()).isNotBlank();
        assertThat(reason.path("validator_version").asText()).isNotBlank();
    }

    static Stream<Arguments> rejectedFiles() {
        return Stream.of(
                Arguments.of("raw/sales_report.xlsx", "unsupported_file_type", "sales_report.xlsx"),
                Arguments.of("raw/inventory.csv", "unknown_dataset", "inventory.csv"),
                Arguments.of("raw/sales_empty.csv", "empty_file", "sales_empty.csv"),
                Arguments.of("raw/sales_fake.csv.gz", "invalid_compression", "sales_fake.csv.gz"),
                Arguments.of("raw/sales_binary.csv", "binary_content", "sales_binary.csv"),
                Arguments.of("raw/sales_bad_encoding.csv", "invalid_encoding", "sales_bad_encoding.csv"),
                Arguments.of("raw/sales_prose.csv", "undetectable_delimiter", "sales_prose.csv"),
                Arguments.of("raw/sales_unclosed_quote.csv", "unclosed_quote", "sales_unclosed_quote.csv"),
                Arguments.of("raw/sales_no_header.csv", "missing_header", "sales_no_header.csv"),
                Arguments.of("raw/sales_duplicate_columns.csv", "duplicate_column_name", "sales_duplicate_columns.csv"),
                Arguments.of("raw/sales_missing_columns.csv", "missing_required_columns", "sales_missing_columns.csv"),
                Arguments.of("raw/sales_ragged.csv", "ragged_rows", "sales_ragged.csv"),
                Arguments.of("raw/strict/sales.csv", "unexpected_columns", "sales_strict_extra.csv"));
    }

    @Test
    void rejectsFileOverTheSizeCap() {
        byte[] big = new byte[1024 * 1024 + 1];
        byte[] sales = resource("sales.csv");
        for (int i = 0; i < big.length; i++) {
            big[i] = sales[i % sales.length];
        }
        put("raw/sales_big.csv", big);

        awaitObject("rejected/system/raw/sales_big.csv.reason.json");

        assertThat(json("rejected/system/raw/sales_big.csv.reason.json").path("code").asText()).isEqualTo("file_too_large");
        awaitObject("rejected/system/raw/sales_big.csv");
    }

    @Test
    void reasonForMissingColumnsNamesEachColumnAndTheClosestHeaderNames() {
        putResource("raw/sales_missing_columns.csv", "sales_missing_columns.csv");

        awaitObject("rejected/system/raw/sales_missing_columns.csv.reason.json");

        JsonNode reason = json("rejected/system/raw/sales_missing_columns.csv.reason.json");
        assertThat(reason.path("missing_columns")).hasSize(1);
        assertThat(reason.path("missing_columns").get(0).path("column").asText()).isEqualTo("sold_at");
        assertThat(reason.path("missing_columns").get(0).path("closest_header_names").get(0).asText()).isEqualTo("sold_date");
        assertThat(reason.path("detected").path("encoding").asText()).isEqualTo("utf-8");
        assertThat(reason.path("detected").path("delimiter").asText()).isEqualTo(",");
        assertThat(reason.path("detected").path("quote").asText()).isEqualTo("\"");
        assertThat(reason.path("detected").path("header_line").asText()).startsWith("transaction_id,store_id");
        assertThat(reason.path("header")).hasSize(10);
        assertThat(reason.path("contract").path("id").asText()).isEqualTo("fact_sales");
        assertThat(reason.path("message").asText()).contains("sold_at").contains("sold_date");
    }

    @Test
    void picksUpFileCopiedIntoTheLakeFolder() throws Exception {
        Path raw = storage.embedded().directoryPath().resolve(bucket()).resolve("raw");
        Files.createDirectories(raw);
        Files.write(raw.resolve("sales_dropped.csv"), resource("sales.csv"));

        awaitObject("validated/sales_dropped.csv");
        awaitGone("raw/sales_dropped.csv");

        assertThat(Files.exists(raw.resolve("sales_dropped.csv"))).isFalse();
    }

    @Test
    void keepsFileInRawWhileAnEarlierFileOfTheSameNameWaitsInValidated() {
        put("validated/sales.csv", "an earlier upload, not processed yet".getBytes());
        putResource("raw/sales.csv", "sales.csv");
        putResource("raw/sales_aliases.csv", "sales_aliases.csv");

        // Both were listed together, so the poll that accepted the second one has judged the first.
        awaitObject("validated/sales_aliases.csv");

        assertThat(exists("raw/sales.csv")).isTrue();
        assertThat(new String(get("validated/sales.csv"))).isEqualTo("an earlier upload, not processed yet");
    }

    @Test
    void finishesAMoveThatWasInterruptedBetweenCopyAndDelete() {
        putResource("validated/sales.csv", "sales.csv");
        putResource("raw/sales.csv", "sales.csv");

        awaitGone("raw/sales.csv");

        assertThat(keys()).containsExactly("validated/sales.csv");
        assertThat(get("validated/sales.csv")).isEqualTo(resource("sales.csv"));
    }

    @Test
    void keepsAFileInRawWhileStorageFailsAndDecidesItOnceStorageIsBack() throws Exception {
        lakeStorage.failWritesTo("validated/", new StorageException("Storage failed to copy: injected outage", null));
        putResource("raw/sales.csv", "sales.csv");

        // Decided and failed twice: the file was tried again on a later poll, and is still in raw/.
        await().atMost(Duration.ofSeconds(30)).until(() -> lakeStorage.writesFailed() >= 2);

        assertThat(keys()).containsExactly("raw/sales.csv");
        lakeStorage.heal();
        awaitObject("validated/sales.csv");
        awaitGone("raw/sales.csv");
        assertThat(get("validated/sales.csv")).isEqualTo(resource("sales.csv"));
    }
}
