package io.lakegate.observe;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lakegate's own metrics, as the operations dashboard and alerts read them on {@code /actuator/prometheus}
 * ({@code lakegate_files_total}, {@code lakegate_rows_total}, ...). Every method is called once per file,
 * compaction or listing where the outcome is decided, never once per row, so the hot path does not pay for it.
 */
public class LakeMetrics {

    /** The dataset tag of a file refused before any contract claimed it (wrong type, too large, unknown dataset). */
    public static final String UNKNOWN_DATASET = "unknown";

    /** The parts of a file's way through the lake that are timed in {@code lakegate_stage_seconds}. */
    public enum Stage {
        VALIDATE, PROCESS, COMPACT;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final MeterRegistry registry;
    private final Clock clock;
    // Gauges hold their values weakly: these maps keep them alive for the life of the service.
    private final Map<String, AtomicLong> filesWaiting = new ConcurrentHashMap<>();
    private final Map<List<String>, AtomicLong> lastCompaction = new ConcurrentHashMap<>();
    private final Map<List<String>, AtomicLong> inFlight = new ConcurrentHashMap<>();

    public LakeMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** A raw file judged valid and moved to validated/. */
    public void fileAccepted(String dataset) {
        countFile(dataset, "accepted", "valid");
    }

    /** A raw file refused into rejected/system/ with a validation code ({@code missing_required_columns}, ...). */
    public void fileRejected(String dataset, String code) {
        countFile(dataset, "rejected", code);
    }

    /** A validated file published to processed/ and archived. */
    public void fileProcessed(String dataset) {
        countFile(dataset, "processed", "ok");
    }

    /** A validated file refused whole by processing ({@code too_many_rejects}, {@code duplicate_file}, {@code processing_failed}). */
    public void fileFailed(String dataset, String code) {
        countFile(dataset, "failed", code);
    }

    /**
     * The rows of one file after every rule was applied; each row counts once: as good, or as warned or
     * rejected under the first rule that warned or rejected it.
     *
     * @param good rows kept without any warning
     */
    public void rowsChecked(String dataset, long good, Map<String, Long> rejectedByRule, Map<String, Long> warnedByRule) {
        countRows(dataset, "good", "none", good);
        rejectedByRule.forEach((rule, rows) -> countRows(dataset, "rejected", rule, rows));
        warnedByRule.forEach((rule, rows) -> countRows(dataset, "warned", rule, rows));
    }

    /** Source bytes a run read (as stored, so compressed bytes for a .gz file). */
    public void bytesRead(String dataset, long bytes) {
        registry.counter("lakegate.bytes", "dataset", datasetTag(dataset), "direction", "in").increment(bytes);
    }

    /** Parquet bytes a run published. */
    public void bytesWritten(String dataset, long bytes) {
        registry.counter("lakegate.bytes", "dataset", datasetTag(dataset), "direction", "out").increment(bytes);
    }

    public void stageTook(Stage stage, Duration took) {
        Timer.builder("lakegate.stage").tag("stage", stage.tag()).register(registry).record(took);
    }

    /**
     * How many files a listing of a zone found waiting; recorded by the polls that list anyway, so a scrape
     * never costs an S3 request.
     *
     * @param zone the zone's prefix as {@link io.lakegate.lake.LakeLayout} names it ({@code raw/}); tagged without the slash
     */
    public void filesWaiting(String zone, long count) {
        String tag = zone.endsWith("/") ? zone.substring(0, zone.length() - 1) : zone;
        filesWaiting.computeIfAbsent(tag, z -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("lakegate.zone.files", value, AtomicLong::get).tag("zone", z).register(registry);
            return value;
        }).set(count);
    }

    /**
     * Rows and source bytes read so far by files still being processed ({@code lakegate_processing_rows_in_flight},
     * {@code lakegate_processing_bytes_in_flight}), changed by the given amounts: a long file shows its progress
     * while it runs, and its share drops back once it is decided.
     */
    public void processingInFlight(String dataset, long rows, long bytes) {
        String tag = datasetTag(dataset);
        inFlightGauge("lakegate.processing.rows.in.flight", tag).addAndGet(rows);
        inFlightGauge("lakegate.processing.bytes.in.flight", tag).addAndGet(bytes);
    }

    private AtomicLong inFlightGauge(String name, String dataset) {
        return inFlight.computeIfAbsent(List.of(name, dataset), key -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(name, value, AtomicLong::get).tag("dataset", dataset).register(registry);
            return value;
        });
    }

    /** One successful compaction of one dataset's date partition. */
    public void compacted(String dataset, LocalDate date, long rowsIn, long rowsOut, long duplicates, long inserted,
            long updated, long unchanged, long moved, long deleted, Duration took) {
        String tag = datasetTag(dataset);
        countCompactionRows(tag, "in", rowsIn);
        countCompactionRows(tag, "out", rowsOut);
        countCompactionRows(tag, "duplicates", duplicates);
        countCompactionChanges(tag, "inserted", inserted);
        countCompactionChanges(tag, "updated", updated);
        countCompactionChanges(tag, "unchanged", unchanged);
        countCompactionChanges(tag, "moved", moved);
        countCompactionChanges(tag, "deleted", deleted);
        lastCompaction.computeIfAbsent(List.of(tag, date.toString()), key -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("lakegate.compaction.last.success.timestamp", value, AtomicLong::get).baseUnit("seconds")
                    .tag("dataset", key.get(0)).tag("date", key.get(1)).register(registry);
            return value;
        }).set(clock.instant().getEpochSecond());
        stageTook(Stage.COMPACT, took);
    }

    private void countFile(String dataset, String outcome, String code) {
        registry.counter("lakegate.files", "dataset", datasetTag(dataset), "outcome", outcome, "code", code).increment();
    }

    private void countRows(String dataset, String outcome, String rule, long rows) {
        registry.counter("lakegate.rows", "dataset", datasetTag(dataset), "outcome", outcome, "rule", rule).increment(rows);
    }

    private void countCompactionRows(String dataset, String kind, long rows) {
        registry.counter("lakegate.compaction.rows", "dataset", dataset, "kind", kind).increment(rows);
    }

    private void countCompactionChanges(String dataset, String change, long rows) {
        registry.counter("lakegate.compaction.changes", "dataset", dataset, "change", change).increment(rows);
    }

    private static String datasetTag(String dataset) {
        return dataset == null ? UNKNOWN_DATASET : dataset;
    }
}
