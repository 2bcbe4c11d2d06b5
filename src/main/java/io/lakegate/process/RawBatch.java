package io.lakegate.process;

/**
 * A run of consecutive source rows as the CSV reader gave them: the unit that travels through the
 * processing route's split, so per-row work costs no exchange.
 */
public final class RawBatch {

    private final String[][] fields;
    private final long[] lines;
    private final String[] texts;
    private final int sequence;
    private int size;

    RawBatch(int capacity, int sequence) {
        fields = new String[capacity][];
        lines = new long[capacity];
        texts = new String[capacity];
        this.sequence = sequence;
    }

    void add(String[] rowFields, long line, String text) {
        fields[size] = rowFields;
        lines[size] = line;
        texts[size] = text;
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

    public String text(int row) {
        return texts[row];
    }
}
