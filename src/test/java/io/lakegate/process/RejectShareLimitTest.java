package io.lakegate.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RejectShareLimitTest {

    // The sales header: 10 columns, 8 of them required.
    private static final int MIN_GOOD_ROW = RejectShareLimit.minGoodRowChars(10, 8);

    @Test
    void aGoodRowTakesADelimiterPerFurtherColumnALineEndAndACharacterPerRequiredColumn() {
        assertThat(MIN_GOOD_ROW).isEqualTo(9 + 1 + 8);
        assertThat(RejectShareLimit.minGoodRowChars(1, 0)).isEqualTo(1);
    }

    @Test
    void refusesOnceTheRowsLeftCouldNotBringTheShareWithinTheLimitAndNotOneRowBefore() {
        RejectShareLimit limit = new RejectShareLimit(20, 1_000_000, 10, 0);
        // 900,000 characters left (the last row without its line end: 900,001) hold at most 90,000 good rows of 10
        // characters; with 5,000 read but not judged, 95,000 rows may follow. Refused once the rejected rows are more
        // than 20% of the judged ones and those.
        long judged = 30_000;
        long mostTotal = judged + 5_000 + 90_000;
        long atTheLimit = mostTotal / 5;
        assertThat(limit.judge(judged, atTheLimit, 5_000, 100_000, 30_001)).isEmpty();
        Optional<RejectShareLimit.Exceeded> over = limit.judge(judged, atTheLimit + 1, 5_000, 100_000, 30_001);

        assertThat(over).isPresent();
        assertThat(over.get().rule()).isEqualTo(RejectShareLimit.Rule.CERTAIN);
        assertThat(over.get().mostRowsLeft()).isEqualTo(95_000);
        assertThat(over.get().message()).startsWith("Reading stopped after line 30001: " + (atTheLimit + 1)
                + " of the 30000 rows read (83.3%) failed the contract's rules, more than the 20.0% allowed")
                .contains("at most 95000 more rows");
    }

    @Test
    void aTextOfUnknownLengthIsNeverRefusedByTheCertainRule() {
        RejectShareLimit limit = new RejectShareLimit(20, RejectShareLimit.UNKNOWN_LENGTH, MIN_GOOD_ROW, 0);

        assertThat(limit.judge(1_000_000, 1_000_000, 0, 60_000_000, 1_000_001)).isEmpty();
    }

    @Test
    void theSamplingRuleJudgesOnTheRowsReadOnlyOncePastItsMinimumAndOnlyWhenOn() {
        RejectShareLimit sampling = new RejectShareLimit(20, RejectShareLimit.UNKNOWN_LENGTH, MIN_GOOD_ROW, 10_000);
        RejectShareLimit off = new RejectShareLimit(20, RejectShareLimit.UNKNOWN_LENGTH, MIN_GOOD_ROW, 0);

        assertThat(sampling.judge(9_999, 9_999, 0, 600_000, 10_000)).isEmpty();
        assertThat(sampling.judge(10_000, 2_000, 0, 600_000, 10_001)).as("exactly at the limit").isEmpty();
        Optional<RejectShareLimit.Exceeded> over = sampling.judge(10_000, 2_001, 0, 600_000, 10_001);
        assertThat(over).isPresent();
        assertThat(over.get().rule()).isEqualTo(RejectShareLimit.Rule.SAMPLED);
        assertThat(over.get().message()).contains("2001 of the 10000 rows read (20.0%)", "early-reject-min-rows (10000)");
        assertThat(off.judge(10_000, 10_000, 0, 600_000, 10_001)).isEmpty();
    }

    @Test
    void noRejectsNeverRefuseAndALimitOfZeroRefusesOnTheFirstReject() {
        assertThat(new RejectShareLimit(0, 1_000_000, MIN_GOOD_ROW, 0).judge(10_000, 0, 0, 600_000, 10_001)).isEmpty();
        assertThat(new RejectShareLimit(0, 1_000_000, MIN_GOOD_ROW, 0).judge(10_000, 1, 0, 600_000, 10_001)).isPresent();
        assertThat(new RejectShareLimit(100, 1_000_000, MIN_GOOD_ROW, 0).judge(10_000, 10_000, 0, 1_000_000, 10_001)).isEmpty();
    }

    /**
     * Random files of good and rejected rows in random order, good rows never shorter than the fewest characters a good
     * row takes: whenever the certain rule stops a file, the whole file would have been refused at its end.
     */
    @Test
    void theCertainRuleNeverRefusesAFileThatWouldEndWithinTheLimit() {
        SplittableRandom random = new SplittableRandom(13);
        int stopped = 0;
        for (int file = 0; file < 2_000; file++) {
            int rows = 1 + random.nextInt(3_000);
            double badShare = random.nextDouble();
            boolean badFirst = random.nextBoolean();
            double maxPercent = random.nextInt(101);
            int batch = 1 + random.nextInt(200);
            boolean[] rejected = new boolean[rows];
            int[] length = new int[rows];
            long chars = 40;
            for (int i = 0; i < rows; i++) {
                rejected[i] = badFirst ? i < rows * badShare : random.nextDouble() < badShare;
                length[i] = rejected[i] ? 1 + random.nextInt(80) : MIN_GOOD_ROW + random.nextInt(60);
                chars += length[i];
            }
            long totalRejected = 0;
            for (boolean r : rejected) {
                totalRejected += r ? 1 : 0;
            }
            boolean refusedAtTheEnd = totalRejected * 100.0 > maxPercent * rows;
            RejectShareLimit limit = new RejectShareLimit(maxPercent, chars, MIN_GOOD_ROW, 0);
            long consumed = 40;
            long judged = 0;
            long rejectedSoFar = 0;
            // As the run reads: one batch ahead of the one judged.
            int readAhead = Math.min(rows, batch);
            for (int i = 0; i < readAhead; i++) {
                consumed += length[i];
            }
            while (judged < rows) {
                int end = (int) Math.min(rows, judged + batch);
                for (long i = judged; i < end; i++) {
                    rejectedSoFar += rejected[(int) i] ? 1 : 0;
                }
                judged = end;
                int aheadEnd = Math.min(rows, end + batch);
                for (int i = readAhead; i < aheadEnd; i++) {
                    consumed += length[i];
                }
                readAhead = aheadEnd;
                if (limit.judge(judged, rejectedSoFar, readAhead - judged, consumed, judged + 1).isPresent()) {
                    assertThat(refusedAtTheEnd).as("file %d stopped after %d of %d rows", file, judged, rows).isTrue();
                    stopped++;
                    break;
                }
            }
        }
        assertThat(stopped).as("files the rule stopped early").isGreaterThan(100);
    }
}
