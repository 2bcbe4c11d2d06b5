package io.lakegate.record;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One CSV row on its way through the pipeline: where it came from, its values converted to the contract's
 * types, and every reason found against it. Instances are reused from batch to batch, so a row costs
 * no allocation beyond its strings.
 */
public final class TypedRecord {

    private final boolean[] nulls;
    private final boolean[] invalid;
    private final long[] longs;
    private final String[] strings;
    private final List<RowReason> rejectReasons = new ArrayList<>(2);
    private final List<RowReason> warnings = new ArrayList<>(2);
    private long sourceLine;
    private SourceRows sourceRows;
    private int sourceRow;
    private boolean unreadable;

    public TypedRecord(int columns) {
        nulls = new boolean[columns];
        invalid = new boolean[columns];
        longs = new long[columns];
        strings = new String[columns];
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
        Arrays.fill(nulls, true);
        Arrays.fill(invalid, false);
    }

    public void setNull(int column) {
        nulls[column] = true;
    }

    public void setLong(int column, long value) {
        nulls[column] = false;
        longs[column] = value;
    }

    public void setString(int column, String value) {
        nulls[column] = false;
        strings[column] = value;
    }

    public boolean isNull(int column) {
        return nulls[column];
    }

    public long getLong(int column) {
        return longs[column];
    }

    public String getString(int column) {
        return strings[column];
    }

    /** The column's text could not be read as its type; the reason is recorded, the value stays null. */
    public void rejectValue(int column, RowReason reason) {
        invalid[column] = true;
        nulls[column] = true;
        rejectReasons.add(reason);
    }

    /** Whether the column holds a usable value: present and read without error. Rules check only these. */
    public boolean hasValue(int column) {
        return !nulls[column];
    }

    public boolean isInvalid(int column) {
        return invalid[column];
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
