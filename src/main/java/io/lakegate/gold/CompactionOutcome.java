package io.lakegate.gold;

import java.time.LocalDate;

/**
 * What a compaction run did with one date: {@code compacted}, {@code skipped} (with the reason) or
 * {@code failed} (with the error); {@code audit} names the date's metrics.json when one was written.
 */
public record CompactionOutcome(String dataset, LocalDate date, String status, String reason, String runId,
        Long snapshotId, Long rowsIn, Long rowsOut, String audit) {

    static CompactionOutcome skipped(PartitionPlan plan, String reason) {
        return new CompactionOutcome(plan.dataset(), plan.date(), "skipped", reason, null, null, null, null, null);
    }

    public boolean compacted() {
        return "compacted".equals(status);
    }

    public boolean failed() {
        return "failed".equals(status);
    }
}
