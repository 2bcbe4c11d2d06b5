package io.lakegate.process;

import io.lakegate.parse.CharSlice;
import io.lakegate.parse.CsvReader;
import io.lakegate.record.SourceRows;
import java.util.Arrays;

/**
 * A run of consecutive source rows as the CSV reader gave them: the unit that travels through the
 * processing route's split, so per-row work costs no exchange.
 * <p>
 * The rows' original text is copied end to end into one char array, and each field is a window on it; only
 * a value that differs from its text (a quoted field with doubled quotes or escapes) is copied, unescaped,
 * into a second array. So a cell is read straight from an array and only becomes a String when a value is
 * text (or a row is rejected). A batch is reused for a later one once it is done ({@link #refill}), so the
 * arrays are not allocated again for every batch.
 */
public final class RawBatch implements SourceRows {

    private static final char REPLACEMENT_CHARACTER = '\uFFFD';
    // The lowest character text decoded wrong shows: what a UTF-8 lead byte (0xC2) reads as in windows-1252.
    private static final char FIRST_MOJIBAKE_CHARACTER = '\u00C2';

    private final long[] lines;
    private final boolean[] undecodable;
    private final boolean[] highCharacters;
    // Row r's fields are fieldStarts/fieldEnds[rowFieldEnds[r - 1] .. rowFieldEnds[r]): offsets into text, or
    // into unescaped where fieldUnescaped is set.
    private final int[] rowFieldEnds;
    private int[] fieldStarts = new int[1024];
    private int[] fieldEnds = new int[1024];
    private boolean[] fieldUnescaped = new boolean[1024];
    private int fieldCount;
    private char[] unescaped = new char[1024];
    private int unescapedLength;
    // Row r's original text is text[textEnds[r - 1] .. textEnds[r]).
    private final int[] textEnds;
    private char[] text = new char[64 * 1024];
    private int textLength;
    private int sequence;
    private int size;
    private boolean last;

    public RawBatch(int capacity) {
        lines = new long[capacity];
        undecodable = new boolean[capacity];
        highCharacters = new boolean[capacity];
        rowFieldEnds = new int[capacity];
        textEnds = new int[capacity];
    }

    /** Empties the batch to take the rows of batch {@code next}. */
    public void refill(int next) {
        sequence = next;
        size = 0;
        last = false;
        fieldCount = 0;
        unescapedLength = 0;
        textLength = 0;
    }

    /** Takes the reader's current record. */
    public void add(CsvReader reader) {
        int rawStart = textLength;
        int rawLength = reader.rawRecordLength();
        text = ensureRoom(text, textLength, rawLength);
        reader.copyRawRecord(text, textLength);
        markCharacters(textLength, textLength + rawLength);
        textLength += rawLength;
        textEnds[size] = textLength;
        int fields = reader.fieldCount();
        if (fieldCount + fields > fieldEnds.length) {
            int capacity = Math.max(2 * fieldEnds.length, fieldCount + fields);
            fieldStarts = Arrays.copyOf(fieldStarts, capacity);
            fieldEnds = Arrays.copyOf(fieldEnds, capacity);
            fieldUnescaped = Arrays.copyOf(fieldUnescaped, capacity);
        }
        for (int f = 0; f < fields; f++) {
            int length = reader.fieldLength(f);
            int offset = reader.fieldOffsetInRecord(f);
            if (offset >= 0) {
                fieldStarts[fieldCount] = rawStart + offset;
                fieldUnescaped[fieldCount] = false;
            } else {
                unescaped = ensureRoom(unescaped, unescapedLength, length);
                reader.copyField(f, unescaped, unescapedLength);
                fieldStarts[fieldCount] = unescapedLength;
                fieldUnescaped[fieldCount] = true;
                unescapedLength += length;
            }
            fieldEnds[fieldCount] = fieldStarts[fieldCount] + length;
            fieldCount++;
        }
        rowFieldEnds[size] = fieldCount;
        lines[size] = reader.lineNumber();
        size++;
    }

    public boolean full() {
        return size == lines.length;
    }

    /** The file has no rows after this batch's. */
    void markLast() {
        last = true;
    }

    boolean last() {
        return last;
    }

    public int size() {
        return size;
    }

    /** The number of chars of the rows' original text, line ends excluded. */
    int textLength() {
        return textLength;
    }

    public int sequence() {
        return sequence;
    }

    public int fieldCount(int row) {
        return rowFieldEnds[row] - firstField(row);
    }

    /** Points {@code slice} at field {@code field} of row {@code row}. */
    CharSlice field(int row, int field, CharSlice slice) {
        int index = firstField(row) + field;
        return slice.set(fieldUnescaped[index] ? unescaped : text, fieldStarts[index], fieldEnds[index]);
    }

    @Override
    public String[] fields(int row) {
        String[] fields = new String[fieldCount(row)];
        CharSlice slice = new CharSlice();
        for (int f = 0; f < fields.length; f++) {
            fields[f] = field(row, f, slice).toString();
        }
        return fields;
    }

    public long line(int row) {
        return lines[row];
    }

    @Override
    public String text(int row) {
        int start = row == 0 ? 0 : textEnds[row - 1];
        return new String(text, start, textEnds[row] - start);
    }

    /** Whether row {@code row} holds characters the decoder could not read (shown as U+FFFD). */
    boolean hasUndecodableCharacters(int row) {
        return undecodable[row];
    }

    /** Whether row {@code row} holds a character from U+00C2 up; a row without one holds no text decoded wrong. */
    boolean hasHighCharacters(int row) {
        return highCharacters[row];
    }

    private int firstField(int row) {
        return row == 0 ? 0 : rowFieldEnds[row - 1];
    }

    private static char[] ensureRoom(char[] array, int used, int more) {
        return used + more <= array.length ? array : Arrays.copyOf(array, Math.max(2 * array.length, used + more));
    }

    // One pass over the row's text for both flags; most rows are ASCII and pay one comparison a character.
    private void markCharacters(int from, int to) {
        boolean high = false;
        boolean replacement = false;
        for (int i = from; i < to && !replacement; i++) {
            if (text[i] >= FIRST_MOJIBAKE_CHARACTER) {
                high = true;
                replacement = text[i] == REPLACEMENT_CHARACTER;
            }
        }
        highCharacters[size] = high;
        undecodable[size] = replacement;
    }
}
