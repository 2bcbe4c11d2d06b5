package io.lakegate.parquet;

/**
 * A row that already holds its text values as UTF-8, so a Parquet writer takes their bytes as they are instead of
 * making strings and encoding them again.
 */
public interface Utf8RowView extends RowView {

    /** The array that holds a present text value's UTF-8 bytes; valid until the row moves on. */
    byte[] utf8Array(int column);

    int utf8Offset(int column);

    int utf8Length(int column);
}
