package io.lakegate.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class LakeLayoutTest {

    private static final Instant ACCEPTED = Instant.parse("2026-11-27T10:15:30Z");

    @Test
    void namesEveryZoneKeyFromOnePlace() {
        String runId = LakeLayout.ingestRunId(ACCEPTED, "abc123");

        assertThat(runId).isEqualTo("20261127T101530Z-abc123");
        assertThat(LakeLayout.validatedKeyFor("raw/fact_sales/eu/a.csv")).isEqualTo("validated/fact_sales/eu/a.csv");
        assertThat(LakeLayout.systemRejectKeyFor("validated/a.csv")).isEqualTo("rejected/system/a.csv");
        assertThat(LakeLayout.reasonKeyFor("rejected/system/a.csv")).isEqualTo("rejected/system/a.csv.reason.json");
        assertThat(LakeLayout.processedPartKey("fact_sales", LocalDate.of(2024, 3, 15), runId, 2))
                .isEqualTo("processed/fact_sales/date=2024-03-15/part-20261127T101530Z-abc123-00002.parquet");
        assertThat(LakeLayout.archiveKey("validated/a.csv", ACCEPTED, runId))
                .isEqualTo("archive/validated/a.csv_20261127T101530Z_20261127T101530Z-abc123");
        assertThat(LakeLayout.ingestAuditKey(LocalDate.of(2026, 11, 27), runId))
                .isEqualTo("audit/ingest/date=2026-11-27/20261127T101530Z-abc123.json");
        assertThat(LakeLayout.dataQualityRejectsJsonKey("fact_sales", LocalDate.of(2026, 11, 27), runId))
                .isEqualTo("rejected/data_quality/json/fact_sales/date=2026-11-27/20261127T101530Z-abc123.ndjson");
        assertThat(LakeLayout.dataQualityRejectsCsvKey("fact_sales", LocalDate.of(2026, 11, 27), runId))
                .isEqualTo("rejected/data_quality/csv/fact_sales/date=2026-11-27/20261127T101530Z-abc123.csv");
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
    void recognisesTheEmbeddedServersHalfWrittenFiles() {
        assertThat(EmbeddedS3Server.isTemporaryFile("validated/sales.csv-364fff14-a056-4330-a62e-548cc00c6afd")).isTrue();
        assertThat(EmbeddedS3Server.isTemporaryFile("validated/sales.csv")).isFalse();
    }
}
