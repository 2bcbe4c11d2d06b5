package io.lakegate.process;

import java.util.Map;
import java.util.TreeMap;

/**
 * What happened to the rows of one batch, and, summed by the split's aggregation, to all rows of a file.
 * Every row read is counted exactly once as good or rejected.
 */
public final class BatchCounts {

    private long read;
    private long good;
    private long rejected;
    private long warned;
    private final Map<String, Long> rejectsByRule = new TreeMap<>();
    private final Map<String, Long> warningsByRule = new TreeMap<>();

    void countGood(boolean warned) {
        read++;
        good++;
        if (warned) {
            this.warned++;
        }
    }

    void countRejected() {
        read++;
        rejected++;
    }

    void countRejectReason(String rule) {
        rejectsByRule.merge(rule, 1L, Long::sum);
    }

    void countWarning(String rule) {
        warningsByRule.merge(rule, 1L, Long::sum);
    }

    /** Adds another batch's counts to these. */
    public BatchCounts add(BatchCounts other) {
        read += other.read;
        good += other.good;
        rejected += other.rejected;
        warned += other.warned;
        other.rejectsByRule.forEach((rule, n) -> rejectsByRule.merge(rule, n, Long::sum));
        other.warningsByRule.forEach((rule, n) -> warningsByRule.merge(rule, n, Long::sum));
        return this;
    }

    public long read() {
        return read;
    }

    public long good() {
        return good;
    }

    public long rejected() {
        return rejected;
    }

    public long warned() {
        return warned;
    }

    public Map<String, Long> rejectsByRule() {
        return rejectsByRule;
    }

    public Map<String, Long> warningsByRule() {
        return warningsByRule;
    }
}
