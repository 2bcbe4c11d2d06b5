package io.lakegate.gold;

import io.lakegate.parquet.ColumnType;

/** One column of a sort key: its index in the row, its type, and whether larger values come first. */
record SortField(int column, ColumnType type, boolean descending) {

    static SortField ascending(int column, ColumnType type) {
        return new SortField(column, type, false);
    }

    static SortField descending(int column, ColumnType type) {
        return new SortField(column, type, true);
    }
}
