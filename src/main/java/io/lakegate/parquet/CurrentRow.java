package io.lakegate.parquet;

import java.util.Arrays;

/** The values of the row a {@link ParquetPartReader} is on, filled column by column by Parquet's converters. */
final class CurrentRow implements RowView {

    private final boolean[] present;
    private final long[] longs;
    private final String[] strings;

    CurrentRow(int columnCount) {
        present = new boolean[columnCount];
        longs = new long[columnCount];
        strings = new String[columnCount];
    }

    /** Parquet only reports the values a row has, so every column starts the row as null. */
    void clear() {
        Arrays.fill(present, false);
    }

    void setLong(int column, long value) {
        longs[column] = value;
        present[column] = true;
    }

    void setString(int column, String value) {
        strings[column] = value;
        present[column] = true;
    }

    @Override
    public boolean isNull(int column) {
        return !present[column];
    }

    @Override
    public long getLong(int column) {
        return longs[column];
    }

    @Override
    public String getString(int column) {
        return strings[column];
    }
}
