package io.lakegate.parse;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A sample as one candidate dialect reads it, with the measures that tell a good reading from a bad one. */
final class ParsedSample {

    /** Rows the delimiter does not split carry almost no evidence for it (CleverCSV uses the same weight). */
    private static final double UNSPLIT_ROW_WEIGHT = 1e-3;
    /**
     * A reading that splits no row at all is a one-column file, worth half a consistent two-column table:
     * enough to beat delimiters that split a row here and there, not enough to beat a real table.
     */
    private static final double ONE_COLUMN_WEIGHT = 0.25;
    private static final int WORDS_IN_A_SENTENCE = 6;
    /** Stands in for colons that belong to values while a colon delimiter is tried; outside any real text. */
    private static final char MASKED_COLON = '\uE000';

    private final List<String[]> rows;
    private final List<boolean[]> quotedFlags;
    private final char quote;
    private final Map<Integer, Integer> rowsByWidth = new HashMap<>();

    private ParsedSample(List<String[]> rows, List<boolean[]> quotedFlags, char quote) {
        this.rows = rows;
        this.quotedFlags = quotedFlags;
        this.quote = quote;
        for (String[] row : rows) {
            rowsByWidth.merge(row.length, 1, Integer::sum);
        }
    }

    /**
     * Reads every complete record of the text. A record that runs into the end of the text inside quotes is
     * left out: in a truncated sample it is partial, and in a whole file it means the quote char is wrong.
     */
    static ParsedSample parse(String text, CsvDialect dialect) {
        List<String[]> rows = new ArrayList<>();
        List<boolean[]> quotedFlags = new ArrayList<>();
        boolean colonDelimited = dialect.delimiter() == ':';
        boolean spaceDelimited = dialect.delimiter() == ' ';
        String input = colonDelimited ? maskColonsInsideValues(text) : text;
        try (CsvReader reader = new CsvReader(new StringReader(input), dialect)) {
            while (reader.next() && !reader.endedInsideQuotes()) {
                String[] cells = new String[reader.fieldCount()];
                boolean[] quoted = new boolean[reader.fieldCount()];
                int kept = 0;
                for (int i = 0; i < reader.fieldCount(); i++) {
                    String cell = reader.field(i);
                    if (spaceDelimited && cell.isEmpty() && !reader.wasQuoted(i)) {
                        // space-aligned columns: a run of spaces is one separator
                        continue;
                    }
                    cells[kept] = colonDelimited ? cell.replace(MASKED_COLON, ':') : cell;
                    quoted[kept] = reader.wasQuoted(i);
                    kept++;
                }
                if (kept > 0) {
                    rows.add(Arrays.copyOf(cells, kept));
                    quotedFlags.add(Arrays.copyOf(quoted, kept));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading a String cannot fail", e);
        }
        return new ParsedSample(rows, quotedFlags, dialect.quote());
    }

    /** Colons between digits (10:15, 3:1) and in "://" belong to values; a colon delimiter must not cut those. */
    private static String maskColonsInsideValues(String text) {
        char[] chars = text.toCharArray();
        for (int i = 1; i + 1 < chars.length; i++) {
            if (chars[i] == ':' && (isDigit(chars[i - 1]) && isDigit(chars[i + 1])
                    || chars[i + 1] == '/' && i + 2 < chars.length && chars[i + 2] == '/')) {
                chars[i] = MASKED_COLON;
            }
        }
        return new String(chars);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * CleverCSV's pattern score, averaged over records: rows that share a field count reinforce each other,
     * each further field count dilutes the score, and wider rows weigh more. Averaging rather than summing
     * keeps a dialect whose quotes join lines into multi-line records from losing merely for having fewer.
     */
    double patternScore() {
        if (rowsByWidth.isEmpty()) {
            return 0;
        }
        if (rowsByWidth.size() == 1 && rowsByWidth.containsKey(1)) {
            return ONE_COLUMN_WEIGHT;
        }
        double sum = 0;
        for (Map.Entry<Integer, Integer> entry : rowsByWidth.entrySet()) {
            int width = entry.getKey();
            double weight = width == 1 ? UNSPLIT_ROW_WEIGHT : (width - 1.0) / width;
            sum += entry.getValue() * weight;
        }
        return sum / rowsByWidth.size() / rows.size();
    }

    /** The share of cells holding a recognisable value: the pieces a wrong delimiter leaves rarely are. */
    double typeScore() {
        int cells = 0;
        int known = 0;
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            boolean[] quoted = quotedFlags.get(r);
            for (int i = 0; i < row.length; i++) {
                cells++;
                if (CellTypes.isKnown(row[i]) || quoted[i] && CellTypes.isQuotedText(row[i])
                        || CellTypes.isQuotedAfterSpaces(row[i], quote)) {
                    known++;
                }
            }
        }
        return cells == 0 ? 0 : (double) known / cells;
    }

    /** The most common field count; 1 when the delimiter leaves most records whole. */
    int dominantWidth() {
        return rowsByWidth.entrySet().stream()
                .max(Map.Entry.<Integer, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey)
                .orElse(0);
    }

    double dominantShare() {
        return rows.isEmpty() ? 0 : (double) rowsByWidth.getOrDefault(dominantWidth(), 0) / rows.size();
    }

    /** The share of non-blank cells that read like sentences rather than values. */
    double sentenceShare() {
        int cells = 0;
        int sentences = 0;
        for (String[] row : rows) {
            for (String cell : row) {
                if (!cell.isBlank()) {
                    cells++;
                    if (wordCount(cell) >= WORDS_IN_A_SENTENCE) {
                        sentences++;
                    }
                }
            }
        }
        return cells == 0 ? 0 : (double) sentences / cells;
    }

    private static int wordCount(String cell) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < cell.length(); i++) {
            boolean visible = !Character.isWhitespace(cell.charAt(i));
            if (visible && !inWord) {
                words++;
            }
            inWord = visible;
        }
        return words;
    }
}
