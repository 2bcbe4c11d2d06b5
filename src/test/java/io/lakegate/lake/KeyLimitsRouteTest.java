package io.lakegate.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.lakegate.LakeRouteTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Every file ends decided, once: whatever its name's length, wherever it is refused, however S3 refuses to let
 * it be read. Each test also lets later polls run (marker files put after the file under test, decided after it)
 * and checks that the decision was not made, logged or counted again.
 */
class KeyLimitsRouteTest extends LakeRouteTest {

    private final ListAppender<ILoggingEvent> logLines = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private int markers;

    @BeforeEach
    void captureLogs() {
        logLines.start();
        root.addAppender(logLines);
    }

    @AfterEach
    void stopCapturingLogs() {
        root.detachAppender(logLines);
    }

    @Test
    void filesWithLongNamesAreIngestedOrRefusedOnceAndNothingStaysBehind() throws Exception {
        Map<String, byte[]> ingested = new TreeMap<>();
        for (int length : new int[] {180, 210, 215}) {
            String name = nameOfLength(length);
            ingested.put(name, distinctSales(length));
            put("raw/" + name, ingested.get(name));
        }
        putResource("raw/sales.csv", "sales.csv");
        // Too long for the lake to keep under the same name in validated/; S3Proxy could not even take it through
        // S3 (it writes "<name>-<UUID>" first), so it arrives as a file dropped into the lake's folder.
        String tooLong = nameOfLength(LakeLayout.MAX_SEGMENT_BYTES + 22);
        Path rawFolder = storage.embedded().directoryPath().resolve(bucket()).resolve("raw");
        Files.createDirectories(rawFolder);
        Files.write(rawFolder.resolve(tooLong), distinctSales(240));
        String refused = LakeLayout.systemRejectKeyFor("raw/" + tooLong);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                keys().stream().filter(k -> k.startsWith(LakeLayout.ARCHIVE_VALIDATED)).count() == 4
                        && exists(LakeLayout.reasonKeyFor(refused)));
        await().atMost(Duration.ofSeconds(20)).until(() -> keys().stream().noneMatch(k -> k.startsWith(LakeLayout.RAW)
                || k.startsWith(LakeLayout.VALIDATED) || k.startsWith(LakeLayout.LEASES)));

        Map<String, JsonNode> audits = new TreeMap<>();
        for (String key : keys()) {
            if (key.startsWith(LakeLayout.AUDIT_INGEST + "date=")) {
                JsonNode audit = json(key);
                audits.put(audit.path("source_file").asText(), audit);
            }
        }
        for (Map.Entry<String, byte[]> file : ingested.entrySet()) {
            JsonNode audit = audits.get("validated/" + file.getKey());
            assertThat(audit).as("audit naming the full name %s", file.getKey()).isNotNull();
            String archived = audit.path("archived_as").asText();
            assertWithinLimits(archived);
            assertThat(get(archived)).isEqualTo(file.getValue());
            assertThat(audit.path("rows_read").asLong()).isEqualTo(4);
        }
        assertThat(audits).containsKey("validated/sales.csv");
        JsonNode reason = json(LakeLayout.reasonKeyFor(refused));
        assertThat(reason.path("code").asText()).isEqualTo("unsupported_file_name");
        assertThat(reason.path("message").asText()).contains("240 bytes");
        assertThat(reason.path("file").asText()).isEqualTo("raw/" + tooLong);
        assertThat(get(refused)).isEqualTo(distinctSales(240));
        assertWithinLimits(refused);

        letTwoMorePollsRun();

        for (String name : ingested.keySet()) {
            assertThat(linesWith(name, "ingested as run")).as(name).isEqualTo(1);
        }
        assertThat(linesWith(tooLong, "rejected (unsupported_file_name)")).isEqualTo(1);
        assertThat(linesWith(tooLong, "Storage failed")).isZero();
    }

    @Test
    void aRawAndAValidatedRefusalOfTheSamePathKeepTheirOwnFileAndReason() {
        lakeStorage.failWritesTo(LakeLayout.PROCESSED, new StorageException("Storage failed to upload: injected", null));
        putResource("validated/sales_same.csv", "sales.csv");
        putResource("raw/sales_same.csv", "sales_empty.csv");

        String fromRaw = LakeLayout.systemRejectKeyFor("raw/sales_same.csv");
        String fromValidated = LakeLayout.systemRejectKeyFor("validated/sales_same.csv");
        awaitObject(LakeLayout.reasonKeyFor(fromRaw));
        awaitObject(LakeLayout.reasonKeyFor(fromValidated));
        awaitGone("validated/sales_same.csv");

        assertThat(fromRaw).isEqualTo("rejected/system/raw/sales_same.csv");
        assertThat(fromValidated).isEqualTo("rejected/system/validated/sales_same.csv");
        assertThat(json(LakeLayout.reasonKeyFor(fromRaw)).path("code").asText()).isEqualTo("empty_file");
        assertThat(get(fromRaw)).isEqualTo(resource("sales_empty.csv"));
        assertThat(json(LakeLayout.reasonKeyFor(fromValidated)).path("code").asText()).isEqualTo("processing_failed");
        assertThat(get(fromValidated)).isEqualTo(resource("sales.csv"));
    }

    @Test
    void aReasonIsNotLeftBehindWhenItsFileCannotBeMovedAndThePairIsWrittenOnceItCan() {
        String rejected = LakeLayout.systemRejectKeyFor("raw/sales_empty.csv");
        lakeStorage.failMovesTo(rejected, new StorageException("Storage failed to copy: injected outage", null));
        putResource("raw/sales_empty.csv", "sales_empty.csv");

        letTwoMorePollsRun();

        assertThat(keys()).doesNotContain(LakeLayout.reasonKeyFor(rejected)).contains("raw/sales_empty.csv");
        lakeStorage.heal();
        awaitObject(LakeLayout.reasonKeyFor(rejected));
        awaitGone("raw/sales_empty.csv");
        assertThat(get(rejected)).isEqualTo(resource("sales_empty.csv"));
    }

    @Test
    void aRawObjectS3WillNotLetBeReadIsRefusedOnceAndQuarantined() {
        String before = scrape();
        lakeStorage.failReadsOf("raw/sales_glacier.csv", s3Refusal(403, "InvalidObjectState"));
        putResource("raw/sales_glacier.csv", "sales.csv");
        String quarantine = LakeLayout.quarantinePrefix(LakeLayout.RAW);

        await().atMost(Duration.ofSeconds(20)).until(() -> keys().stream().anyMatch(k -> k.startsWith(quarantine)));
        letTwoMorePollsRun();

        String record = keys().stream().filter(k -> k.startsWith(quarantine)).findFirst().orElseThrow();
        JsonNode recorded = json(record);
        assertThat(recorded.path("file").asText()).isEqualTo("raw/sales_glacier.csv");
        assertThat(recorded.path("reason").path("code").asText()).isEqualTo("unreadable_object");
        assertThat(recorded.path("reason").path("message").asText()).contains("InvalidObjectState");
        assertThat(recorded.path("not_moved").asText()).contains("InvalidObjectState");
        assertThat(keys()).as("the file stays, no reason is left without it").contains("raw/sales_glacier.csv")
                .noneMatch(k -> k.startsWith(LakeLayout.REJECTED_SYSTEM));
        assertThat(increase(before, scrape(), "lakegate_files_total{code=\"unreadable_object\"")).isEqualTo(1);
        assertThat(linesWith("sales_glacier.csv", "rejected (unreadable_object)")).isEqualTo(1);
        assertThat(linesWith("sales_glacier.csv", "Storage failed")).isZero();

        // Once the object is gone, its record has served and goes too.
        s3.deleteObject(r -> r.bucket(bucket()).key("raw/sales_glacier.csv"));
        letTwoMorePollsRun();
        assertThat(exists(record)).isFalse();
    }

    @Test
    void aValidatedObjectS3WillNotLetBeReadIsRefusedOnceAndQuarantined() {
        String before = scrape();
        lakeStorage.failReadsOf("validated/sales_kms.csv", s3Refusal(403, "AccessDenied"));
        putResource("validated/sales_kms.csv", "sales.csv");
        String quarantine = LakeLayout.quarantinePrefix(LakeLayout.VALIDATED);

        await().atMost(Duration.ofSeconds(20)).until(() -> keys().stream().anyMatch(k -> k.startsWith(quarantine)));
        letTwoMorePollsRun();

        JsonNode recorded = json(keys().stream().filter(k -> k.startsWith(quarantine)).findFirst().orElseThrow());
        assertThat(recorded.path("reason").path("code").asText()).isEqualTo("unreadable_object");
        assertThat(recorded.path("reason").path("message").asText()).contains("AccessDenied");
        assertThat(keys()).contains("validated/sales_kms.csv").noneMatch(k -> k.startsWith(LakeLayout.REJECTED_SYSTEM)
                || k.startsWith(LakeLayout.LEASES + LakeLayout.VALIDATED + "sales_kms"));
        assertThat(increase(before, scrape(), "lakegate_files_total{code=\"unreadable_object\"")).isEqualTo(1);
        assertThat(linesWith("sales_kms.csv", "failed at stage")).isEqualTo(1);
    }

    private static StorageException s3Refusal(int status, String code) {
        return new StorageException("Storage failed to read: " + code, S3Exception.builder().statusCode(status)
                .message(code + " (injected)").awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build()).build());
    }

    /**
     * Puts a file in raw/ and waits until it is processed, twice. The polls are synchronous, so the second marker is
     * listed by a poll that began after the one that listed everything put before the first had ended, in both zones.
     */
    private void letTwoMorePollsRun() {
        for (int i = 0; i < 2; i++) {
            String marker = "sales_marker_" + (++markers);
            put("raw/" + marker + ".csv", distinctSales(1000 + markers));
            // The archive key is <name>_<run id>.csv; the run id starts with a timestamp, so marker 1 never matches 10.
            await().atMost(Duration.ofSeconds(30)).until(() -> keys().stream()
                    .anyMatch(k -> k.matches(LakeLayout.ARCHIVE_VALIDATED + marker + "_\\d{8}T.*\\.csv")));
        }
    }

    private long linesWith(String key, String text) {
        List<ILoggingEvent> lines = new ArrayList<>(logLines.list);
        return lines.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(line -> line.contains(key) && line.contains(text)).count();
    }

    private static String nameOfLength(int length) {
        String start = "sales_" + length + "_";
        return start + "n".repeat(length - start.length() - 4) + ".csv";
    }

    /** sales.csv with transaction ids of its own, so no two files are byte-identical (that is a duplicate). */
    private static byte[] distinctSales(int variant) {
        return new String(resource("sales.csv"), StandardCharsets.UTF_8).replace("T-100", "T-" + variant + "-")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void assertWithinLimits(String key) {
        assertThat(key.getBytes(StandardCharsets.UTF_8).length).as(key).isLessThanOrEqualTo(LakeLayout.MAX_KEY_BYTES);
        for (String segment : key.split("/")) {
            assertThat(segment.getBytes(StandardCharsets.UTF_8).length).as(key).isLessThanOrEqualTo(LakeLayout.MAX_SEGMENT_BYTES);
        }
    }
}
