package io.lakegate.process;

import io.lakegate.parse.CsvReader;
import io.lakegate.record.SourceRows;

/**
 * A run of consecutive source rows as the CSV reader gave them: the unit that travels through the
 * processing route's split, so per-row work costs no exchange.
 */
public final class RawBatch implements SourceRows {

    private static final char REPLACEMENT_CHARACTER = '\uFFFD';

    private final String[][] fields;
    private final long[] lines;
    // The rows' source text, end to end, with each row's end offset: one copy per batch, no String per row.
    private final StringBuilder text = new StringBuilder();
    private final int[] textEnds;
    private final int sequence;
    private int size;

    RawBatch(int capacity, int sequence) {
        fields = new String[capacity][];
        lines = new long[capacity];
        textEnds = new int[capacity];
        this.sequence = sequence;
    }

    /** Takes the reader's current record. */
    void add(CsvReader reader) {
        fields[size] = reader.fields();
        lines[size] = reader.lineNumber();
        reader.appendRawRecord(text);
        textEnds[size] = text.length();
        size++;
    }

    boolean full() {
        return size == fields.length;
    }

    public int size() {
        return size;
    }

    public int sequence() {
        return sequence;
    }

    public String[] fields(int row) {
        return fields[row];
    }

    public long line(int row) {
        return lines[row];
    }

    @Override
    public String text(int row) {
        return text.substring(row == 0 ? 0 : textEnds[row - 1], textEnds[row]);
    }

    /** Whether row {@code row} holds characters the decoder could not read (shown as U+FFFD). */
    boolean hasUndecodableCharacters(int row) {
        int start = row == 0 ? 0 : textEnds[row - 1];
        for (int i = start; i < textEnds[row]; i++) {
            if (text.charAt(i) == REPLACEMENT_CHARACTER) {
                return true;
            }
        }
        return false;
    }
}
