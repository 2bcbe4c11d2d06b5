package io.lakegate.process;

import java.util.Locale;
import java.util.Optional;

/**
 * The contract's {@code quality.maxRejectedPercent} applied while a file is still being read, so that a file
 * that will be refused as {@code too_many_rejects} stops being read, checked and written once that is known,
 * instead of after its last row.
 * <p>
 * <b>The certain rule</b> (always on). Rows still to come can only lower the file's final share of rejects by
 * being good, and a good row takes at least {@link #minGoodRowChars} characters: one field per header column
 * (width - 1 delimiters), a line end, and a character in each column the contract requires (an empty one rejects
 * the row). A text of at most {@code maxChars} characters, {@code consumed} of them read, holds at most
 * {@code (maxChars - consumed + 1) / minGoodRowChars} more good rows (the +1: the last row may lack its line end).
 * Rows read but not judged yet count as good too. So the file can no longer end within the limit, and is refused,
 * once {@code rejected * 100 > maxPercent * (judged + unjudged + most good rows left)}: the same outcome the commit
 * would reach after the last row. The text's length is bounded for an uncompressed file (a character takes at least
 * one byte in every encoding Lakegate reads, so it is at most the object's size); a gzip file's is not known, and
 * the certain rule does not apply to it.
 * <p>
 * <b>The sampling rule</b> (off unless {@code samplingMinRows > 0}). Once that many rows are judged and their share
 * of rejects is already above the limit, the file is refused on them, though its rest might have brought it under:
 * a decision on a sample. A file sorted by store, whose first store sends an unknown currency code, is refused by it
 * and accepted without it; that is why it is opt-in ({@code lakegate.processing.early-reject-min-rows}).
 */
final class RejectShareLimit {

    /** The length of a text that is not known before it is read (a gzip file's). */
    static final long UNKNOWN_LENGTH = -1;

    enum Rule { CERTAIN, SAMPLED }

    /** The file cannot (or, by the sampling rule, is judged not to) end within the limit. */
    record Exceeded(Rule rule, long rowsJudged, long rowsRejected, long lastLine, double maxPercent, long mostRowsLeft,
            long samplingMinRows) {

        double rejectedPercent() {
            return 100.0 * rowsRejected / rowsJudged;
        }

        /** A sentence for the producer: where reading stopped, the share, the limit, and why the rest could not help. */
        String message() {
            String share = String.format(Locale.ROOT, "Reading stopped after line %d: %d of the %d rows read (%.1f%%) failed"
                    + " the contract's rules, more than the %.1f%% allowed", lastLine, rowsRejected, rowsJudged,
                    rejectedPercent(), maxPercent);
            if (rule == Rule.CERTAIN) {
                return share + String.format(Locale.ROOT, ", and the rest of the file (at most %d more rows, even were they"
                        + " all good) could not bring the share within it; the rest was not read and nothing of the file was"
                        + " published.", mostRowsLeft);
            }
            return share + String.format(Locale.ROOT, "; past lakegate.processing.early-reject-min-rows (%d) a file is"
                    + " judged on the rows read so far, so the rest was not read and nothing of the file was published.",
                    samplingMinRows);
        }
    }

    private final double maxPercent;
    private final long maxChars;
    private final int minGoodRowChars;
    private final long samplingMinRows;

    /**
     * @param maxPercent      the contract's maxRejectedPercent
     * @param maxChars        the most characters the file's text can have, or {@link #UNKNOWN_LENGTH}
     * @param minGoodRowChars the fewest characters a good row takes, see {@link #minGoodRowChars(int, int)}
     * @param samplingMinRows rows judged before the sampling rule may refuse the file; 0: no sampling rule
     */
    RejectShareLimit(double maxPercent, long maxChars, int minGoodRowChars, long samplingMinRows) {
        if (minGoodRowChars < 1) {
            throw new IllegalArgumentException("A row takes at least one character, not " + minGoodRowChars);
        }
        this.maxPercent = maxPercent;
        this.maxChars = maxChars;
        this.minGoodRowChars = minGoodRowChars;
        this.samplingMinRows = samplingMinRows;
    }

    /**
     * The fewest characters a good row of a file takes: a field per header column, so {@code headerWidth - 1}
     * delimiters, a line end, and one character in each of the {@code requiredCells} header columns a good row
     * cannot leave empty (the contract's required columns and its event time).
     */
    static int minGoodRowChars(int headerWidth, int requiredCells) {
        return Math.max(1, headerWidth - 1 + 1 + requiredCells);
    }

    /**
     * Judges the file so far.
     *
     * @param judged        rows read and checked so far
     * @param rejected      of those, rows rejected
     * @param unjudged      rows already read from the text but not checked yet
     * @param consumedChars characters of the text read so far, header included
     * @param lastLine      the line of the last row judged
     */
    Optional<Exceeded> judge(long judged, long rejected, long unjudged, long consumedChars, long lastLine) {
        if (rejected == 0) {
            return Optional.empty();
        }
        if (maxChars != UNKNOWN_LENGTH) {
            long charsLeft = Math.max(0, maxChars - consumedChars);
            long mostRowsLeft = unjudged + (charsLeft + 1) / minGoodRowChars;
            if (rejected * 100.0 > maxPercent * (judged + mostRowsLeft)) {
                return Optional.of(new Exceeded(Rule.CERTAIN, judged, rejected, lastLine, maxPercent, mostRowsLeft,
                        samplingMinRows));
            }
        }
        if (samplingMinRows > 0 && judged >= samplingMinRows && rejected * 100.0 > maxPercent * judged) {
            return Optional.of(new Exceeded(Rule.SAMPLED, judged, rejected, lastLine, maxPercent, -1, samplingMinRows));
        }
        return Optional.empty();
    }
}
