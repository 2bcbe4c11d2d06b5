package io.lakegate.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class LakeLayoutTest {

    private static final Instant ACCEPTED = Instant.parse("2026-11-27T10:15:30Z");

    @Test
    void namesEveryZoneKeyFromOnePlace() {
        String runId = LakeLayout.ingestRunId(ACCEPTED, "abc123");

        assertThat(runId).isEqualTo("20261127T101530Z-abc123");
        assertThat(LakeLayout.validatedKeyFor("raw/fact_sales/eu/a.csv")).isEqualTo("validated/fact_sales/eu/a.csv");
        assertThat(LakeLayout.systemRejectKeyFor("validated/a.csv")).isEqualTo("rejected/system/validated/a.csv");
        assertThat(LakeLayout.systemRejectKeyFor("raw/a.csv")).isEqualTo("rejected/system/raw/a.csv");
        assertThat(LakeLayout.reasonKeyFor("rejected/system/raw/a.csv")).isEqualTo("rejected/system/raw/a.csv.reason.json");
        assertThat(LakeLayout.processingLeaseKey("validated/eu/a.csv")).isEqualTo("_leases/validated/eu/a.csv.json");
        assertThat(LakeLayout.processedPartKey("fact_sales", LocalDate.of(2024, 3, 15), runId, 2))
                .isEqualTo("processed/fact_sales/date=2024-03-15/part-20261127T101530Z-abc123-00002.parquet");
        assertThat(LakeLayout.archiveKey("validated/sales_2024-06.csv", runId))
                .isEqualTo("archive/validated/sales_2024-06_20261127T101530Z-abc123.csv");
        assertThat(LakeLayout.archiveKey("validated/eu/sales.csv.gz", runId))
                .isEqualTo("archive/validated/eu/sales_20261127T101530Z-abc123.csv.gz");
        assertThat(LakeLayout.ingestAuditKey(LocalDate.of(2026, 11, 27), runId))
                .isEqualTo("audit/ingest/date=2026-11-27/20261127T101530Z-abc123.json");
        assertThat(LakeLayout.dataQualityRejectsJsonKey("fact_sales", LocalDate.of(2026, 11, 27), "validated/eu/sales_2024-06.csv", runId))
                .isEqualTo("rejected/data_quality/json/fact_sales/date=2026-11-27/sales_2024-06_20261127T101530Z-abc123.ndjson");
        assertThat(LakeLayout.dataQualityRejectsCsvKey("fact_sales", LocalDate.of(2026, 11, 27), "validated/sales.tsv.gz", runId))
                .isEqualTo("rejected/data_quality/csv/fact_sales/date=2026-11-27/sales_20261127T101530Z-abc123.csv");
    }

    @Test
    void findsTheRunAndItsAuditFromAProcessedPart() {
        String part = LakeLayout.processedPartKey("fact_sales", LocalDate.of(2024, 3, 15), "20261127T101530Z-abc123", 2);

        assertThat(LakeLayout.processedPartRunId(part)).contains("20261127T101530Z-abc123");
        assertThat(LakeLayout.ingestAuditKeyOf("20261127T101530Z-abc123"))
                .isEqualTo("audit/ingest/date=2026-11-27/20261127T101530Z-abc123.json");
        assertThat(LakeLayout.processedPartRunId("processed/fact_sales/date=2024-03-15/notes.txt")).isEmpty();
    }

    @Test
    void refusesKeysOutsideTheZoneAsked() {
        assertThatThrownBy(() -> LakeLayout.validatedKeyFor("validated/a.csv")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keepsEveryDerivedKeyWithinTheLimitsForAnyAcceptedName() {
        String runId = LakeLayout.ingestRunId(ACCEPTED, "abc1234567");
        String longest = "x".repeat(LakeLayout.MAX_SEGMENT_BYTES - 4) + ".csv";
        String deep = ("d".repeat(190) + "/").repeat(4) + longest;
        String multiByte = "ü".repeat(LakeLayout.MAX_SEGMENT_BYTES / 2 - 2) + ".csv";
        for (String path : List.of("a.csv", "s".repeat(176) + ".csv", "s".repeat(206) + ".csv", "s".repeat(211) + ".csv",
                longest, deep, multiByte, "eu/" + multiByte)) {
            String raw = "raw/" + path;
            assertThat(LakeLayout.unsupportedName(raw)).as(path).isEmpty();
            String validated = LakeLayout.validatedKeyFor(raw);
            for (String key : List.of(validated, LakeLayout.archiveKey(validated, runId),
                    LakeLayout.dataQualityRejectsJsonKey("fact_sales", LocalDate.of(2026, 11, 27), validated, runId),
                    LakeLayout.processingLeaseKey(validated), LakeLayout.reasonKeyFor(LakeLayout.systemRejectKeyFor(raw)),
                    LakeLayout.reasonKeyFor(LakeLayout.systemRejectKeyFor(validated)),
                    LakeLayout.quarantineKeyFor(new LakeObject(raw, 10, ACCEPTED, "\"etag\"")))) {
                assertWithinLimits(key);
            }
        }
    }

    @Test
    void shortensOnlyWhatDoesNotFitAndKeepsItReadable() {
        String runId = LakeLayout.ingestRunId(ACCEPTED, "abc1234567");
        String name = "sales_" + "n".repeat(190) + ".csv";

        String archive = LakeLayout.archiveKey("validated/eu/" + name, runId);

        assertThat(archive).startsWith("archive/validated/eu/sales_nnn").contains("~").endsWith("_" + runId + ".csv");
        assertThat(LakeLayout.archiveKey("validated/eu/" + name, runId)).as("deterministic").isEqualTo(archive);
        assertThat(LakeLayout.archiveKey("validated/eu/a.csv", runId)).isEqualTo("archive/validated/eu/a_" + runId + ".csv");
    }

    @Test
    void givesDistinctNamesDistinctKeys() {
        String runId = LakeLayout.ingestRunId(ACCEPTED, "abc1234567");
        String stem = "s".repeat(300);
        Set<String> paths = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            // Names that differ only past the readable part kept, and deep paths that differ only in a folder.
            paths.add(stem + i + ".csv");
            paths.add(("d".repeat(200) + "/").repeat(4) + "f" + i + "/" + stem + ".csv");
        }
        List<Function<String, String>> derivations = List.of(
                path -> LakeLayout.archiveKey("validated/" + path, runId),
                path -> LakeLayout.processingLeaseKey("validated/" + path),
                path -> LakeLayout.systemRejectKeyFor("raw/" + path),
                path -> LakeLayout.quarantineKeyFor(new LakeObject("validated/" + path, 1, ACCEPTED, "e")));
        for (Function<String, String> derivation : derivations) {
            Set<String> keys = new HashSet<>();
            for (String path : paths) {
                String key = derivation.apply(path);
                assertWithinLimits(key);
                keys.add(key);
            }
            assertThat(keys).hasSameSizeAs(paths);
        }
    }

    @Test
    void namesWhyARawKeyCannotEnterTheLake() {
        assertThat(LakeLayout.unsupportedName("raw/" + "x".repeat(LakeLayout.MAX_SEGMENT_BYTES) + ".csv"))
                .hasValueSatisfying(reason -> assertThat(reason).contains("222 bytes").contains("218"));
        assertThat(LakeLayout.unsupportedName("raw/bad\uFFFDname.csv")).hasValueSatisfying(reason -> assertThat(reason).contains("UTF-8"));
        assertThat(LakeLayout.unsupportedName("raw/lone\uD800.csv")).isPresent();
        assertThat(LakeLayout.unsupportedName("raw/" + ("d".repeat(180) + "/").repeat(6) + "a.csv")).hasValueSatisfying(reason ->
                assertThat(reason).contains("1024"));
        assertThat(LakeLayout.unsupportedName("raw/tab\tand\u0001control.csv")).as("listings handle control characters").isEmpty();

        String refused = LakeLayout.systemRejectKeyFor("raw/bad\uFFFDname.csv");
        assertThat(refused).startsWith("rejected/system/raw/bad_name~").endsWith(".csv").doesNotContain("\uFFFD");
    }

    private static void assertWithinLimits(String key) {
        assertThat(key.getBytes(StandardCharsets.UTF_8).length).as(key).isLessThanOrEqualTo(LakeLayout.MAX_KEY_BYTES);
        for (String segment : key.split("/")) {
            assertThat(segment.getBytes(StandardCharsets.UTF_8).length).as(key).isLessThanOrEqualTo(LakeLayout.MAX_SEGMENT_BYTES);
        }
    }

    @Test
    void recognisesTheEmbeddedServersHalfWrittenFiles() {
        assertThat(EmbeddedS3Server.isTemporaryFile("validated/sales.csv-364fff14-a056-4330-a62e-548cc00c6afd")).isTrue();
        assertThat(EmbeddedS3Server.isTemporaryFile("validated/sales.csv")).isFalse();
    }
}
