package io.lakegate.gold;

import java.time.Instant;
import java.util.List;

/** What one compaction run did with every date it looked at: the answer of the HTTP call and the CLI. */
public record CompactionReport(Instant finishedAt, int compacted, int skipped, int failed, List<CompactionOutcome> dates) {

    static CompactionReport of(Instant finishedAt, List<CompactionOutcome> dates) {
        int compacted = (int) dates.stream().filter(CompactionOutcome::compacted).count();
        int failed = (int) dates.stream().filter(CompactionOutcome::failed).count();
        return new CompactionReport(finishedAt, compacted, dates.size() - compacted - failed, failed, List.copyOf(dates));
    }
}
