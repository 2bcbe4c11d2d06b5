package io.lakegate.gold;

import io.lakegate.parquet.ColumnType;
import io.lakegate.parquet.ParquetColumn;
import io.lakegate.parquet.RowView;
import io.lakegate.parquet.Utf8RowView;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Stores a whole row in few bytes, so that a sort can hold many rows per megabyte and spill them cheaply:
 * a bitmap of the null columns, then each value present, a number as 8 big-endian bytes and text as its
 * varint length and UTF-8 bytes. Numbers take their full width because decoding a varint, byte by byte, cost more
 * than the few bytes saved (a timestamp in microseconds needs 8 or 9 anyway). Decoding fills one reused row; not
 * thread-safe.
 */
final class RowCodec {

    private final boolean[] text;
    private final int bitmapBytes;
    private final DecodedRow decoded;

    RowCodec(List<ParquetColumn> columns) {
        text = new boolean[columns.size()];
        for (int i = 0; i < text.length; i++) {
            text[i] = columns.get(i).type() == ColumnType.STRING;
        }
        bitmapBytes = (text.length + 7) / 8;
        decoded = new DecodedRow(text.length);
    }

    void encode(RowView row, ByteSink sink) {
        Utf8RowView utf8Row = row instanceof Utf8RowView encoded ? encoded : null;
        int bitmapAt = sink.size();
        for (int i = 0; i < bitmapBytes; i++) {
            sink.writeByte(0);
        }
        for (int column = 0; column < text.length; column++) {
            if (row.isNull(column)) {
                sink.array()[bitmapAt + column / 8] |= (byte) (1 << (column % 8));
            } else if (text[column] && utf8Row != null) {
                int length = utf8Row.utf8Length(column);
                sink.writeVarLong(length);
                sink.writeBytes(utf8Row.utf8Array(column), utf8Row.utf8Offset(column), length);
            } else if (text[column]) {
                byte[] utf8 = row.getString(column).getBytes(StandardCharsets.UTF_8);
                sink.writeVarLong(utf8.length);
                sink.writeBytes(utf8);
            } else {
                sink.writeLong(row.getLong(column));
            }
        }
    }

    /** The row stored from {@code offset} on; valid until the next call. */
    RowView decode(byte[] bytes, int offset) {
        decoded.read(bytes, offset);
        return decoded;
    }

    private final class DecodedRow implements Utf8RowView {

        private final boolean[] nulls;
        private final long[] longs;
        private final int[] textOffsets;
        private final int[] textLengths;
        // Made on first use: a row that is only written to Parquet hands over its UTF-8 and needs none.
        private final String[] strings;
        private byte[] bytes;
        private int position;

        DecodedRow(int columns) {
            nulls = new boolean[columns];
            longs = new long[columns];
            textOffsets = new int[columns];
            textLengths = new int[columns];
            strings = new String[columns];
        }

        void read(byte[] source, int offset) {
            bytes = source;
            position = offset + bitmapBytes;
            for (int column = 0; column < nulls.length; column++) {
                nulls[column] = (source[offset + column / 8] & (1 << (column % 8))) != 0;
                if (nulls[column]) {
                    continue;
                }
                if (text[column]) {
                    int length = readLength();
                    textOffsets[column] = position;
                    textLengths[column] = length;
                    strings[column] = null;
                    position += length;
                } else {
                    longs[column] = ByteSink.readLong(bytes, position);
                    position += Long.BYTES;
                }
            }
        }

        private int readLength() {
            byte first = bytes[position++];
            if (first >= 0) {
                return first;
            }
            int value = first & 0x7F;
            for (int shift = 7; ; shift += 7) {
                byte b = bytes[position++];
                value |= (b & 0x7F) << shift;
                if (b >= 0) {
                    return value;
                }
            }
        }

        @Override
        public boolean isNull(int column) {
            return nulls[column];
        }

        @Override
        public long getLong(int column) {
            return longs[column];
        }

        @Override
        public String getString(int column) {
            if (strings[column] == null) {
                strings[column] = new String(bytes, textOffsets[column], textLengths[column], StandardCharsets.UTF_8);
            }
            return strings[column];
        }

        @Override
        public byte[] utf8Array(int column) {
            return bytes;
        }

        @Override
        public int utf8Offset(int column) {
            return textOffsets[column];
        }

        @Override
        public int utf8Length(int column) {
            return textLengths[column];
        }
    }
}
