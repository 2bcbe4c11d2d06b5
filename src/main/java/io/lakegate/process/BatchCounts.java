package io.lakegate.process;

import java.util.Map;
import java.util.TreeMap;

/**
 * What happened to the rows of one batch, and, summed by the split's aggregation, to all rows of a file.
 * Every row read is counted exactly once as good or rejected. Besides the audit's reasons per rule (a row
 * can have several), each rejected or warned row is also counted once, under its first reason's rule, so the
 * metrics' rows add up to the rows read.
 */
public final class BatchCounts {

    private long read;
    private long good;
    private long rejected;
    private long warned;
    private final Map<String, Long> rejectsByRule = new TreeMap<>();
    private final Map<String, Long> warningsByRule = new TreeMap<>();
    private final Map<String, Long> rejectedRowsByFirstRule = new TreeMap<>();
    private final Map<String, Long> warnedRowsByFirstRule = new TreeMap<>();

    void countGood() {
        read++;
        good++;
    }

    /** A row kept with warnings; {@code firstRule} is its first warning's rule. */
    void countWarned(String firstRule) {
        countGood();
        warned++;
        warnedRowsByFirstRule.merge(firstRule, 1L, Long::sum);
    }

    /** A rejected row; {@code firstRule} is its first reason's rule. */
    void countRejected(String firstRule) {
        read++;
        rejected++;
        rejectedRowsByFirstRule.merge(firstRule, 1L, Long::sum);
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
        other.rejectedRowsByFirstRule.forEach((rule, n) -> rejectedRowsByFirstRule.merge(rule, n, Long::sum));
        other.warnedRowsByFirstRule.forEach((rule, n) -> warnedRowsByFirstRule.merge(rule, n, Long::sum));
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

    public Map<String, Long> rejectedRowsByFirstRule() {
        return rejectedRowsByFirstRule;
    }

    public Map<String, Long> warnedRowsByFirstRule() {
        return warnedRowsByFirstRule;
    }
}
