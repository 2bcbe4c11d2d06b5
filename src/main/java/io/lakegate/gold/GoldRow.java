package io.lakegate.gold;

import io.lakegate.parquet.RowView;
import io.lakegate.parquet.Utf8RowView;
import java.nio.charset.StandardCharsets;

/**
 * A processed row seen as a gold row: the same columns, then its {@code row_hash}. Hands over the processed row's
 * UTF-8 where it has it.
 */
final class GoldRow implements Utf8RowView {

    private final int hashColumn;
    private RowView row;
    private Utf8RowView utf8Row;
    private byte[] hash;

    GoldRow(int processedColumns) {
        this.hashColumn = processedColumns;
    }

    /** @param rowHash the row's {@code row_hash} digits in ASCII, as {@link RowHash#hexOf} gives them */
    GoldRow over(RowView processedRow, byte[] rowHash) {
        row = processedRow;
        utf8Row = processedRow instanceof Utf8RowView encoded ? encoded : null;
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
        return column == hashColumn ? new String(hash, StandardCharsets.US_ASCII) : row.getString(column);
    }

    @Override
    public byte[] utf8Array(int column) {
        if (column == hashColumn) {
            return hash;
        }
        return utf8Row != null ? utf8Row.utf8Array(column) : row.getString(column).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public int utf8Offset(int column) {
        return column == hashColumn || utf8Row == null ? 0 : utf8Row.utf8Offset(column);
    }

    @Override
    public int utf8Length(int column) {
        if (column == hashColumn) {
            return hash.length;
        }
        return utf8Row != null ? utf8Row.utf8Length(column) : utf8Array(column).length;
    }
}
