package io.lakegate.parse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sniffs the delimiter and quote of a CSV file from the decoded start of it.
 *
 * <p>Frequency counting (Python's csv.Sniffer) is fooled by delimiters that also occur inside values, so this
 * follows CleverCSV's data-consistency measure (van den Burg et al., 2019) instead: every candidate dialect
 * reads the sample, and a reading scores by how consistently it splits the records into the same number of
 * fields, times how many of the resulting cells look like values (numbers, dates, words...) rather than
 * debris. Where this departs from CleverCSV, it is for a reason seen in real files:
 * <ul>
 *   <li>colon, hash and space need twice the evidence of comma, semicolon and tab (pipe and caret a little
 *       more): they occur in times, comments and text far more often than they separate fields;</li>
 *   <li>colons inside times and URLs are not tried as separators, and a run of spaces counts as one
 *       separator (space-aligned tables);</li>
 *   <li>when '#' only ever opens lines, those lines are comments and are left out;</li>
 *   <li>a reading in which the quotes do not line up (text after a closing quote) earns no credit for its
 *       quoted cells.</li>
 * </ul>
 *
 * <p>One column: a sample that no delimiter splits is reported as comma with at most half confidence. CleverCSV
 * likewise reports an "empty" delimiter and Python's sniffer gives up; we accept because a one-column export
 * (a list of ids, emails, names) is a legitimate file, and any delimiter it lacks reads it the same, so the
 * RFC 4180 default is the honest answer. What we refuse, with an empty result, is text that is not a table at
 * all: unsplit lines that mostly read as sentences (prose, a README) and samples in which few cells hold a
 * recognisable value (binary or garbled data). Guessing a delimiter for those would only move the failure
 * into every later step.
 *
 * <p>Stateless, so one instance can serve every thread.
 */
public final class DialectDetector {

    /** Candidates, in the order that settles exact ties: more common first. */
    private static final char[] DELIMITERS = {',', ';', '\t', '|', '^', ':', '#', ' '};
    private static final char[] QUOTES = {'"', CsvDialect.NONE, '\''};
    private static final double MIN_RECOGNISED_CELLS = 0.25;
    private static final double MAX_SENTENCE_SHARE = 0.5;
    private static final double ROWS_AGREEING_IN_A_TABLE = 0.9;

    /**
     * @param sample    the decoded beginning of a file, up to about 64 KiB
     * @param wholeFile false when the sample was cut from a longer file, so its last line may be partial
     * @return the dialect that best explains the sample, or empty when no dialect does
     */
    public Optional<DetectedDialect> detect(String sample, boolean wholeFile) {
        String text = withoutCommentLines(completeRecords(withoutByteOrderMark(sample), wholeFile));
        Reading best = null;
        Map<Character, Double> bestScoreByDelimiter = new HashMap<>();
        for (CsvDialect dialect : candidates(text)) {
            Reading reading = Reading.of(text, dialect);
            bestScoreByDelimiter.merge(dialect.delimiter(), reading.score, Math::max);
            if (best == null || reading.score > best.score) {
                best = reading;
            }
        }
        if (best == null || best.score == 0 || !best.looksLikeATable()) {
            return Optional.empty();
        }
        char winner = best.dialect.delimiter();
        double runnerUp = bestScoreByDelimiter.entrySet().stream()
                .filter(entry -> entry.getKey() != winner)
                .mapToDouble(Map.Entry::getValue)
                .max()
                .orElse(0);
        return Optional.of(new DetectedDialect(best.dialect, best.confidence(runnerUp)));
    }

    private static String withoutByteOrderMark(String sample) {
        return sample.startsWith("\uFEFF") ? sample.substring(1) : sample;
    }

    /** A sample cut from a longer file ends in a partial record, which would only add noise. */
    private static String completeRecords(String sample, boolean wholeFile) {
        if (wholeFile) {
            return sample;
        }
        int lastLineBreak = Math.max(sample.lastIndexOf('\n'), sample.lastIndexOf('\r'));
        return lastLineBreak > 0 ? sample.substring(0, lastLineBreak) : sample;
    }

    /**
     * When '#' only ever opens lines, the sample follows the common convention of '#' comment lines (R,
     * pandas, many exporters); they are prose about the table and would only blur its pattern.
     */
    private static String withoutCommentLines(String text) {
        int firstHash = text.indexOf('#');
        if (firstHash < 0) {
            return text;
        }
        for (int hash = firstHash; hash >= 0; hash = text.indexOf('#', hash + 1)) {
            if (hash > 0 && text.charAt(hash - 1) != '\n' && text.charAt(hash - 1) != '\r') {
                return text;
            }
        }
        StringBuilder kept = new StringBuilder(text.length());
        for (String line : text.split("\\R")) {
            if (!line.startsWith("#")) {
                kept.append(line).append('\n');
            }
        }
        return kept.toString();
    }

    /**
     * Delimiters that occur in the sample, plus comma, which also stands for "one column"; the double quote
     * always (the default when nothing is quoted), no quote and the single quote when they would read the
     * sample differently; a backslash escape only when one precedes a quote.
     */
    private static List<CsvDialect> candidates(String text) {
        boolean[] occurs = new boolean[128];
        boolean backslashBeforeQuote = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < occurs.length) {
                occurs[c] = true;
                backslashBeforeQuote |= (c == '"' || c == '\'') && i > 0 && text.charAt(i - 1) == '\\';
            }
        }
        List<CsvDialect> candidates = new ArrayList<>();
        for (char delimiter : DELIMITERS) {
            if (!occurs[delimiter] && delimiter != ',') {
                continue;
            }
            for (char quote : QUOTES) {
                boolean sameReadingAsDoubleQuote = quote == CsvDialect.NONE && !occurs['"'];
                if (quote == '\'' && !occurs[quote] || sameReadingAsDoubleQuote) {
                    continue;
                }
                candidates.add(new CsvDialect(delimiter, quote, CsvDialect.NONE));
                if (quote != CsvDialect.NONE && backslashBeforeQuote) {
                    candidates.add(new CsvDialect(delimiter, quote, '\\'));
                }
            }
        }
        return candidates;
    }

    /** A candidate dialect with its reading of the sample and the resulting score. */
    private record Reading(CsvDialect dialect, ParsedSample sample, double typeScore, double score) {

        static Reading of(String text, CsvDialect dialect) {
            ParsedSample sample = ParsedSample.parse(text, dialect);
            double typeScore = sample.typeScore();
            return new Reading(dialect, sample, typeScore,
                    sample.patternScore() * typeScore * prior(dialect.delimiter()));
        }

        /**
         * How likely a character that occurs in a file is to be its delimiter: colon, hash and space sit inside
         * times, comments and text far more often than they separate fields.
         */
        private static double prior(char delimiter) {
            return switch (delimiter) {
                case ',', ';', '\t' -> 1.0;
                case '|' -> 0.9;
                case '^' -> 0.8;
                default -> 0.5;
            };
        }

        /**
         * Refuses junk (few recognisable cells) and prose: mostly sentences, in rows that do not agree on a
         * field count. A table of long texts (questions and answers, say) still passes, because its rows agree.
         */
        boolean looksLikeATable() {
            if (typeScore < MIN_RECOGNISED_CELLS) {
                return false;
            }
            boolean rowsAgree = sample.dominantWidth() > 1 && sample.dominantShare() >= ROWS_AGREEING_IN_A_TABLE;
            if (dialect.delimiter() == ' ' && !rowsAgree) {
                // Any text splits on spaces into words; only rows that agree on a width make that a table.
                return false;
            }
            return rowsAgree || sample.sentenceShare() <= MAX_SENTENCE_SHARE;
        }

        /**
         * How well the reading fits (records with the dominant field count times recognised cells), scaled by
         * how far it stands above the best reading with another delimiter; halved for one column, which is
         * the absence of evidence for any delimiter rather than evidence for one.
         */
        double confidence(double runnerUpScore) {
            double fit = sample.dominantShare() * typeScore;
            double separation = 1 - runnerUpScore / score;
            return fit * separation * (sample.dominantWidth() > 1 ? 1 : 0.5);
        }
    }
}
