package io.lakegate.gold;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The audit record of one compaction of one date, written to
 * {@code audit/gold_compaction/date=YYYY-MM-DD/metrics.json} (the latest) and kept per run under {@code runs/}.
 *
 * @param changes row-level differences against the previous gold generation, by key and row_hash
 * @param inputs  the processed parts this run consumed
 */
public record CompactionMetrics(
        String runId,
        String dataset,
        LocalDate date,
        String status,
        String generation,
        String previousGeneration,
        Instant startedAt,
        Instant finishedAt,
        long durationMs,
        Long rowsIn,
        Long rowsOut,
        Long duplicatesRemoved,
        Changes changes,
        Integer filesIn,
        Integer filesOut,
        Long bytesIn,
        Long bytesOut,
        List<String> inputs,
        List<String> outputs,
        Failure error,
        String contract,
        String lakegateVersion) {

    public record Changes(long inserted, long updated, long unchanged, long deleted) {
    }

    /** Why a compaction failed, and whether readers had already been switched to its generation. */
    public record Failure(String type, String message, boolean switched) {
    }
}
