package io.lakegate.gold;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The audit record of what one compaction run did to one date, written to
 * {@code audit/gold_compaction/date=YYYY-MM-DD/metrics.json} (the latest) and kept per run under {@code runs/}.
 * A run commits all its dates in one Iceberg snapshot; {@code run} holds the figures of the whole run.
 *
 * @param inputsFingerprint         the fingerprint of the date's processed parts this run compacted
 * @param previousInputsFingerprint what the table recorded for the date before; null for a first compaction
 * @param snapshotId                the Iceberg snapshot the run committed; null when it failed
 * @param rowsIn                    rows read from the date's processed parts
 * @param rowsOut                   rows of gold on this day after the run (only rows the run rewrote)
 * @param changes                   per key, how the day's gold changed
 * @param inputs                    the processed parts of the date this run consumed
 * @param outputs                   the gold data files the run wrote on this day
 */
public record CompactionMetrics(
        String runId,
        String dataset,
        LocalDate date,
        String status,
        String inputsFingerprint,
        String previousInputsFingerprint,
        Long snapshotId,
        Instant startedAt,
        Instant finishedAt,
        long durationMs,
        Long rowsIn,
        Long rowsOut,
        CompactionResult.Changes changes,
        List<String> inputs,
        List<String> outputs,
        Run run,
        Failure error,
        String contract,
        String lakegateVersion) {

    /**
     * The whole run, across its dates.
     *
     * @param dates             the dates whose processed parts it compacted
     * @param goldRowsIn        rows read from the gold files it replaced
     * @param filesReplaced     gold files it replaced: those of the days it touched, and those holding keys that moved
     * @param duplicatesRemoved {@code rowsIn + goldRowsIn - rowsOut}
     * @param timingsMs         wall time of each step, in the order they ran: downloading the processed parts,
     *                          finding and downloading the gold files they replace, the key pass, choosing the
     *                          winners of keys in several groups of days, compacting the groups, the rest of the
     *                          compaction, uploading, committing
     */
    public record Run(List<LocalDate> dates, long rowsIn, long goldRowsIn, long rowsOut, long duplicatesRemoved,
            int filesIn, int filesReplaced, int filesOut, long bytesIn, long bytesOut, int spilledRuns,
            Map<String, Long> timingsMs) {
    }

    /** Why a compaction failed; the table keeps its previous snapshot. */
    public record Failure(String type, String message) {
    }
}
