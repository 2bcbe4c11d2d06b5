package io.lakegate.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The exact series the Grafana dashboard and the alerts are written against. */
class LakeMetricsTest {

    private static final Instant NOW = Instant.parse("2026-11-05T10:15:30Z");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final LakeMetrics metrics = new LakeMetrics(registry, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void countsFilesByDatasetOutcomeAndCode() {
        metrics.fileAccepted("fact_sales");
        metrics.fileAccepted("fact_sales");
        metrics.fileRejected("fact_sales", "missing_required_columns");
        metrics.fileRejected(null, "unknown_dataset");
        metrics.fileProcessed("fact_sales");
        metrics.fileFailed("fact_sales", "too_many_rejects");

        assertThat(registry.scrape()).contains(
                "lakegate_files_total{code=\"valid\",dataset=\"fact_sales\",outcome=\"accepted\"} 2.0",
                "lakegate_files_total{code=\"missing_required_columns\",dataset=\"fact_sales\",outcome=\"rejected\"} 1.0",
                "lakegate_files_total{code=\"unknown_dataset\",dataset=\"unknown\",outcome=\"rejected\"} 1.0",
                "lakegate_files_total{code=\"ok\",dataset=\"fact_sales\",outcome=\"processed\"} 1.0",
                "lakegate_files_total{code=\"too_many_rejects\",dataset=\"fact_sales\",outcome=\"failed\"} 1.0");
    }

    @Test
    void countsRowsOncePerOutcomeAndRule() {
        metrics.rowsChecked("fact_sales", 48, Map.of("type", 7L, "unique", 4L), Map.of("accepted_values", 1L));
        metrics.rowsChecked("fact_sales", 2, Map.of("type", 1L), Map.of());

        assertThat(registry.scrape()).contains(
                "lakegate_rows_total{dataset=\"fact_sales\",outcome=\"good\",rule=\"none\"} 50.0",
                "lakegate_rows_total{dataset=\"fact_sales\",outcome=\"rejected\",rule=\"type\"} 8.0",
                "lakegate_rows_total{dataset=\"fact_sales\",outcome=\"rejected\",rule=\"unique\"} 4.0",
                "lakegate_rows_total{dataset=\"fact_sales\",outcome=\"warned\",rule=\"accepted_values\"} 1.0");
    }

    @Test
    void countsBytesInAndOut() {
        metrics.bytesRead("fact_sales", 4_096);
        metrics.bytesWritten("fact_sales", 1_024);

        assertThat(registry.scrape()).contains(
                "lakegate_bytes_total{dataset=\"fact_sales\",direction=\"in\"} 4096.0",
                "lakegate_bytes_total{dataset=\"fact_sales\",direction=\"out\"} 1024.0");
    }

    @Test
    void timesStagesInSeconds() {
        metrics.stageTook(LakeMetrics.Stage.VALIDATE, Duration.ofMillis(250));
        metrics.stageTook(LakeMetrics.Stage.VALIDATE, Duration.ofMillis(750));

        assertThat(registry.scrape()).contains(
                "lakegate_stage_seconds_count{stage=\"validate\"} 2",
                "lakegate_stage_seconds_sum{stage=\"validate\"} 1.0",
                "lakegate_stage_seconds_max{stage=\"validate\"} 0.75");
    }

    @Test
    void showsTheFilesTheLastListingFoundWaiting() {
        metrics.filesWaiting("raw/", 3);
        metrics.filesWaiting("validated/", 5);
        metrics.filesWaiting("raw/", 1);

        assertThat(registry.scrape()).contains(
                "lakegate_zone_files{zone=\"raw\"} 1.0",
                "lakegate_zone_files{zone=\"validated\"} 5.0");
    }

    @Test
    void recordsACompactionsRowsChangesTimeAndSuccess() {
        metrics.compacted("fact_sales", LocalDate.of(2026, 11, 4), 1_200, 1_000, 200, 600, 300, 90, 10, 0, Duration.ofSeconds(3));

        assertThat(registry.scrape()).contains(
                "lakegate_compaction_rows_total{dataset=\"fact_sales\",kind=\"in\"} 1200.0",
                "lakegate_compaction_rows_total{dataset=\"fact_sales\",kind=\"out\"} 1000.0",
                "lakegate_compaction_rows_total{dataset=\"fact_sales\",kind=\"duplicates\"} 200.0",
                "lakegate_compaction_changes_total{change=\"inserted\",dataset=\"fact_sales\"} 600.0",
                "lakegate_compaction_changes_total{change=\"updated\",dataset=\"fact_sales\"} 300.0",
                "lakegate_compaction_changes_total{change=\"unchanged\",dataset=\"fact_sales\"} 90.0",
                "lakegate_compaction_changes_total{change=\"moved\",dataset=\"fact_sales\"} 10.0",
                "lakegate_compaction_changes_total{change=\"deleted\",dataset=\"fact_sales\"} 0.0",
                // Prometheus' text format writes 1793873730 s (NOW) in E notation.
                "lakegate_compaction_last_success_timestamp_seconds{dataset=\"fact_sales\",date=\"2026-11-04\"} 1.79387373E9",
                "lakegate_stage_seconds_count{stage=\"compact\"} 1",
                "lakegate_stage_seconds_sum{stage=\"compact\"} 3.0");
    }
}
