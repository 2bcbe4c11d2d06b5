package io.lakegate.parquet;

/**
 * One row, read column by column, so that a source (a parsed CSV line, a Parquet cursor) can hand its
 * values to a writer without building an object per row. Column indexes are positions in the column list
 * the writer or reader was opened with. A getter is only called for a column that is not null.
 */
public interface RowView {

    boolean isNull(int column);

    /**
     * The value of a LONG or INT column, the unscaled value of a DECIMAL, microseconds since the epoch of a
     * TIMESTAMP, days since 1970-01-01 of a DATE, and 1 or 0 for a BOOLEAN.
     */
    long getLong(int column);

    String getString(int column);
}
