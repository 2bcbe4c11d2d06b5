package io.lakegate.record;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One CSV row on its way through the pipeline: where it came from, its values converted to the contract's
 * types, and every reason found against it. Instances are reused from batch to batch, so a row costs
 * no allocation. Text values are kept as UTF-8 in a {@link TextArena}, shared by the records of a batch, and
 * become Strings only when asked for.
 */
public final class TypedRecord {

    private static final byte NULL = 0;
    private static final byte VALUE = 1;
    private static final byte INVALID = 2;

    // Per column: NULL, VALUE or INVALID; one array, so starting a row over is one fill.
    private final byte[] states;
    private final long[] longs;
    // A text value's String, once asked for or when it was given as one.
    private final String[] strings;
    private final TextArena text;
    private final boolean ownsText;
    private final int[] textOffsets;
    private final int[] textLengths;
    private final List<RowReason> rejectReasons = new ArrayList<>(2);
    private final List<RowReason> warnings = new ArrayList<>(2);
    private long sourceLine;
    private SourceRows sourceRows;
    private int sourceRow;
    private boolean unreadable;

    /** A record with text of its own, cleared with each {@link #reset}. */
    public TypedRecord(int columns) {
        this(columns, new TextArena(), true);
    }

    /** A record of a batch whose records keep their text in {@code batchText}, which the batch's owner clears. */
    public TypedRecord(int columns, TextArena batchText) {
        this(columns, batchText, false);
    }

    private TypedRecord(int columns, TextArena text, boolean ownsText) {
        states = new byte[columns];
        longs = new long[columns];
        strings = new String[columns];
        this.text = text;
        this.ownsText = ownsText;
        textOffsets = new int[columns];
        textLengths = new int[columns];
        Arrays.fill(textLengths, -1);
    }

    /** Starts over for the next source row: row {@code row} of {@code rows}, at {@code line} of the file. */
    public void reset(long line, SourceRows rows, int row) {
        sourceLine = line;
        sourceRows = rows;
        sourceRow = row;
        unreadable = false;
        rejectReasons.clear();
        warnings.clear();
        Arrays.fill(strings, null);
        if (ownsText) {
            text.clear();
        }
        Arrays.fill(states, NULL);
    }

    public void setNull(int column) {
        states[column] = NULL;
        strings[column] = null;
    }

    public void setLong(int column, long value) {
        states[column] = VALUE;
        longs[column] = value;
    }

    public void setString(int column, String value) {
        setText(column, value);
        strings[column] = value;
    }

    /** Sets a text value from characters that are only valid during the call. */
    public void setText(int column, CharSequence value) {
        states[column] = VALUE;
        strings[column] = null;
        int offset = text.append(value);
        textOffsets[column] = offset;
        textLengths[column] = text.used() - offset;
    }

    /** Sets a text value from its UTF-8 bytes, which are copied. */
    public void setUtf8(int column, byte[] utf8, int offset, int length) {
        states[column] = VALUE;
        strings[column] = null;
        textOffsets[column] = text.append(utf8, offset, length);
        textLengths[column] = length;
    }

    public boolean isNull(int column) {
        return states[column] != VALUE;
    }

    public long getLong(int column) {
        return longs[column];
    }

    public String getString(int column) {
        String value = strings[column];
        // A column that never had text here holds -1; one whose value is null keeps its last row's length.
        if (value == null && states[column] == VALUE && textLengths[column] >= 0) {
            value = new String(text.bytes(), textOffsets[column], textLengths[column], StandardCharsets.UTF_8);
            strings[column] = value;
        }
        return value;
    }

    /** The array holding a present text value's UTF-8, at {@link #utf8Offset} for {@link #utf8Length} bytes. */
    public byte[] utf8Array(int column) {
        return text.bytes();
    }

    public int utf8Offset(int column) {
        return textOffsets[column];
    }

    public int utf8Length(int column) {
        return textLengths[column];
    }

    /** The column's text could not be read as its type; the reason is recorded, the value stays null. */
    public void rejectValue(int column, RowReason reason) {
        setNull(column);
        states[column] = INVALID;
        rejectReasons.add(reason);
    }

    /** Whether the column holds a usable value: present and read without error. Rules check only these. */
    public boolean hasValue(int column) {
        return states[column] == VALUE;
    }

    public boolean isInvalid(int column) {
        return states[column] == INVALID;
    }

    /** The row cannot be read at all (e.g. wrong number of fields); no value-level rule applies to it. */
    public void rejectRow(RowReason reason) {
        unreadable = true;
        rejectReasons.add(reason);
    }

    public boolean unreadable() {
        return unreadable;
    }

    public void reject(RowReason reason) {
        rejectReasons.add(reason);
    }

    public void warn(RowReason reason) {
        warnings.add(reason);
    }

    public boolean rejected() {
        return !rejectReasons.isEmpty();
    }

    public List<RowReason> rejectReasons() {
        return rejectReasons;
    }

    public List<RowReason> warnings() {
        return warnings;
    }

    public long sourceLine() {
        return sourceLine;
    }

    /** The row exactly as it stood in the file; built on demand, since only rejected rows need it. */
    public String sourceText() {
        return sourceRows.text(sourceRow);
    }

    /** The row's fields as they stood in the file; built on demand, like {@link #sourceText()}. */
    public String[] sourceFields() {
        return sourceRows.fields(sourceRow);
    }
}
