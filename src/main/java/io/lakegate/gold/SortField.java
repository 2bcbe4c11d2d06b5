package io.lakegate.gold;

import io.lakegate.parquet.ColumnType;

/**
 * One field of a sort key: a column's index in the row, its type, whether larger values come first, and
 * whether the field is the UTC day of a TIMESTAMP column rather than the column itself (gold's partition).
 */
record SortField(int column, ColumnType type, boolean descending, boolean dayOf) {

    static SortField ascending(int column, ColumnType type) {
        return new SortField(column, type, false, false);
    }

    static SortField descending(int column, ColumnType type) {
        return new SortField(column, type, true, false);
    }

    /** The UTC day of a TIMESTAMP column, ascending: Iceberg's {@code day()} partition transform. */
    static SortField dayOf(int timestampColumn) {
        return new SortField(timestampColumn, ColumnType.TIMESTAMP, false, true);
    }
}
