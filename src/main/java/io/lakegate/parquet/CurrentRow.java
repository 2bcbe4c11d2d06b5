package io.lakegate.parquet;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.parquet.io.api.Binary;

/**
 * The values of the row a {@link ParquetPartReader} is on, filled column by column by Parquet's converters. Text
 * is kept as the UTF-8 Parquet stored, and made a string only when asked: a row copied from Parquet to Parquet, or
 * into a sort record, never needs one.
 */
final class CurrentRow implements Utf8RowView {

    private final boolean[] present;
    private final long[] longs;
    private final String[] strings;
    private final byte[][] utf8Arrays;
    private final int[] utf8Offsets;
    private final int[] utf8Lengths;

    CurrentRow(int columnCount) {
        present = new boolean[columnCount];
        longs = new long[columnCount];
        strings = new String[columnCount];
        utf8Arrays = new byte[columnCount][];
        utf8Offsets = new int[columnCount];
        utf8Lengths = new int[columnCount];
    }

    /** Parquet only reports the values a row has, so every column starts the row as null. */
    void clear() {
        Arrays.fill(present, false);
    }

    void setLong(int column, long value) {
        longs[column] = value;
        present[column] = true;
    }

    /** A value whose string is already made (a dictionary entry), with its UTF-8. */
    void setText(int column, String value, byte[] utf8) {
        strings[column] = value;
        utf8Arrays[column] = utf8;
        utf8Offsets[column] = 0;
        utf8Lengths[column] = utf8.length;
        present[column] = true;
    }

    /** A value as Parquet hands it over: its bytes stay where they are until the reader moves to the next row. */
    void setText(int column, Binary value) {
        strings[column] = null;
        ByteBuffer bytes = value.isBackingBytesReused() ? null : value.toByteBuffer();
        if (bytes != null && bytes.hasArray()) {
            utf8Arrays[column] = bytes.array();
            utf8Offsets[column] = bytes.arrayOffset() + bytes.position();
            utf8Lengths[column] = bytes.remaining();
        } else {
            byte[] copy = value.getBytes();
            utf8Arrays[column] = copy;
            utf8Offsets[column] = 0;
            utf8Lengths[column] = copy.length;
        }
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
        if (strings[column] == null) {
            strings[column] = new String(utf8Arrays[column], utf8Offsets[column], utf8Lengths[column], StandardCharsets.UTF_8);
        }
        return strings[column];
    }

    @Override
    public byte[] utf8Array(int column) {
        return utf8Arrays[column];
    }

    @Override
    public int utf8Offset(int column) {
        return utf8Offsets[column];
    }

    @Override
    public int utf8Length(int column) {
        return utf8Lengths[column];
    }
}
