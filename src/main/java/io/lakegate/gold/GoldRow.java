package io.lakegate.gold;

import io.lakegate.parquet.RowView;

/** A processed row seen as a gold row: the same columns, then its {@code row_hash}. */
final class GoldRow implements RowView {

    private final int hashColumn;
    private RowView row;
    private String hash;

    GoldRow(int processedColumns) {
        this.hashColumn = processedColumns;
    }

    GoldRow over(RowView processedRow, String rowHash) {
        row = processedRow;
        hash = rowHash;
        return this;
    }

    @Override
    public boolean isNull(int column) {
        return column != hashColumn && row.isNull(column);
    }

    @Override
    public long getLong(int column) {
        return row.getLong(column);
    }

    @Override
    public String getString(int column) {
        return column == hashColumn ? hash : row.getString(column);
    }
}
