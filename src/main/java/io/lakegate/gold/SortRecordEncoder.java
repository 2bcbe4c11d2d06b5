package io.lakegate.gold;

import io.lakegate.parquet.ColumnType;
import io.lakegate.parquet.RowView;
import io.lakegate.parquet.Utf8RowView;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Encodes a row as a {@link SortRecords sort record}. Each key field is written so that comparing the
 * bytes (unsigned) compares the values:
 * <ul>
 * <li>a marker byte, 1 for a value and 2 for null, so nulls sort last;</li>
 * <li>a number (every non-string type is a long) as 8 big-endian bytes with the sign bit flipped;</li>
 * <li>text as its UTF-8 bytes, a 0 byte written as 0 255, ended by 0 0: so a string sorts before its
 *     extensions, and strings compare by code point, as DuckDB orders VARCHAR;</li>
 * <li>for a descending field, all of those bytes inverted.</li>
 * </ul>
 */
final class SortRecordEncoder {

    private static final int PRESENT = 1;
    private static final int NULL = 2;

    private final SortField[] fields;
    private final int groupFields;
    private final RowCodec payload;
    private final ByteSink keyBytes = new ByteSink();
    private final ByteSink payloadBytes = new ByteSink();

    /**
     * @param groupFields how many leading key fields make up the group, the identity rows are deduplicated by
     * @param payload     the codec that stores the whole row after the key
     */
    SortRecordEncoder(List<SortField> fields, int groupFields, RowCodec payload) {
        if (groupFields < 0 || groupFields > fields.size()) {
            throw new IllegalArgumentException("A group is made of 0 to " + fields.size() + " key fields, not " + groupFields);
        }
        this.fields = fields.toArray(SortField[]::new);
        this.groupFields = groupFields;
        this.payload = payload;
    }

    byte[] encode(RowView row) {
        int groupLength = encodeParts(row);
        return SortRecords.assemble(keyBytes, groupLength, payloadBytes);
    }

    /** Adds the row's record to the sort, written straight into the sort's memory. */
    void encodeInto(RowView row, ExternalSorter sort) throws IOException {
        int groupLength = encodeParts(row);
        sort.add(keyBytes, groupLength, payloadBytes);
    }

    /** Fills the key and payload sinks; returns the group's length. */
    private int encodeParts(RowView row) {
        keyBytes.reset();
        int groupLength = 0;
        for (int i = 0; i < fields.length; i++) {
            write(fields[i], row);
            if (i < groupFields) {
                groupLength = keyBytes.size();
            }
        }
        payloadBytes.reset();
        payload.encode(row, payloadBytes);
        return groupLength;
    }

    private void write(SortField field, RowView row) {
        int start = keyBytes.size();
        if (row.isNull(field.column())) {
            keyBytes.writeByte(NULL);
        } else {
            keyBytes.writeByte(PRESENT);
            if (field.type() == ColumnType.STRING && row instanceof Utf8RowView utf8) {
                writeText(utf8.utf8Array(field.column()), utf8.utf8Offset(field.column()), utf8.utf8Length(field.column()));
            } else if (field.type() == ColumnType.STRING) {
                byte[] text = row.getString(field.column()).getBytes(StandardCharsets.UTF_8);
                writeText(text, 0, text.length);
            } else if (field.dayOf()) {
                keyBytes.writeLong(GoldDays.ofMicros(row.getLong(field.column())) ^ Long.MIN_VALUE);
            } else {
                keyBytes.writeLong(row.getLong(field.column()) ^ Long.MIN_VALUE);
            }
        }
        if (field.descending()) {
            keyBytes.invertFrom(start);
        }
    }

    private void writeText(byte[] utf8, int offset, int length) {
        int from = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (utf8[i] == 0) {
                keyBytes.writeBytes(utf8, from, i + 1 - from);
                keyBytes.writeByte(0xFF);
                from = i + 1;
            }
        }
        keyBytes.writeBytes(utf8, from, end - from);
        keyBytes.writeByte(0);
        keyBytes.writeByte(0);
    }
}
