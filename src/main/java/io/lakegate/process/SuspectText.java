package io.lakegate.process;

import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts, per string column, the values whose text was decoded wrong before Lakegate read it: UTF-8 read in a
 * single-byte code page ({@code Ã©}, {@code Ð°}, {@code â€™}) or holding the replacement character U+FFFD. It
 * runs on every row, so it only counts the values of a row without a character from U+00C2 up (the reader marks
 * such rows as it copies them), and looks at the others' characters once.
 */
final class SuspectText {

    /** What one column's values showed, for the audit or the refusal. */
    record Column(long values, long suspect, String example) {

        double share() {
            return values == 0 ? 0 : (double) suspect / values;
        }
    }

    // The lowest character a UTF-8 lead byte (0xC2) reads as in windows-1252 and ISO-8859-1.
    private static final char FIRST_LEAD = '\u00C2';
    private static final char REPLACEMENT = '\uFFFD';
    private static final int MAX_EXAMPLE_CHARS = 80;
    // What the UTF-8 continuation bytes 0x80-0xBF read as in windows-1252: the printable characters it puts at
    // 0x80-0x9F, then U+00A0-U+00BF. ISO-8859-1 reads 0x80-0x9F as U+0080-U+009F.
    private static final boolean[] CONTINUATION = continuationReadings();

    private final String[] names;
    private final long[] values;
    private final long[] suspect;
    private final String[] examples;

    /** @param names the column names; null for a column that is not a string and is not looked at */
    SuspectText(String[] names) {
        this.names = names;
        this.values = new long[names.length];
        this.suspect = new long[names.length];
        this.examples = new String[names.length];
    }

    boolean watches(int column) {
        return names[column] != null;
    }

    /** @param mayBeMisdecoded false when the value's row holds no character from U+00C2 up: no need to look */
    void count(int column, CharSequence text, boolean mayBeMisdecoded) {
        values[column]++;
        if (mayBeMisdecoded && looksMisdecoded(text)) {
            if (suspect[column]++ == 0) {
                String value = text.toString();
                examples[column] = value.length() <= MAX_EXAMPLE_CHARS ? value : value.substring(0, MAX_EXAMPLE_CHARS) + "…";
            }
        }
    }

    /** The string columns with at least one suspect value. */
    Map<String, Column> suspectColumns() {
        Map<String, Column> columns = new LinkedHashMap<>();
        for (int c = 0; c < names.length; c++) {
            if (suspect[c] > 0) {
                columns.put(names[c], new Column(values[c], suspect[c], examples[c]));
            }
        }
        return columns;
    }

    /**
     * A lead byte's reading followed by as many continuation bytes' readings as the lead announces (one after
     * 0xC2-0xDF, two after 0xE0-0xEF, three after 0xF0-0xF4): "à " in French stays unflagged, "Ã©" does not.
     */
    static boolean looksMisdecoded(CharSequence text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < FIRST_LEAD) {
                continue;
            }
            if (c == REPLACEMENT) {
                return true;
            }
            int continuations = c <= '\u00DF' ? 1 : c <= '\u00EF' ? 2 : c <= '\u00F4' ? 3 : 0;
            if (continuations > 0 && i + continuations < length && continuationsFollow(text, i + 1, continuations)) {
                return true;
            }
        }
        return false;
    }

    private static boolean continuationsFollow(CharSequence text, int from, int count) {
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c >= CONTINUATION.length || !CONTINUATION[c]) {
                return false;
            }
        }
        return true;
    }

    private static boolean[] continuationReadings() {
        boolean[] readings = new boolean[0x2200];
        for (char c = '\u0080'; c <= '\u00BF'; c++) {
            readings[c] = true;
        }
        byte[] c1 = new byte[0x20];
        for (int i = 0; i < c1.length; i++) {
            c1[i] = (byte) (0x80 + i);
        }
        new String(c1, Charset.forName("windows-1252")).chars().filter(c -> c < readings.length).forEach(c -> readings[c] = true);
        return readings;
    }
}
