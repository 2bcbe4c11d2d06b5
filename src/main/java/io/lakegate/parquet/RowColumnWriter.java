package io.lakegate.parquet;

import java.io.IOException;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Hands a {@link RowView}'s values straight to the column chunk writers. The schema is flat, so whether a value is
 * present is all there is to a record's structure: no record assembly (Parquet's {@code RecordConsumer}) and no
 * record object sits in between. Text is taken where a {@link Utf8RowView} holds it.
 */
final class RowColumnWriter {

    private final String[] names;
    private final ColumnType[] types;
    private final int[] requiredColumns;
    private final boolean[] nullable;
    private final Utf8Scratch utf8 = new Utf8Scratch();

    RowColumnWriter(List<ParquetColumn> columns) {
        int count = columns.size();
        names = new String[count];
        types = new ColumnType[count];
        nullable = new boolean[count];
        for (int i = 0; i < count; i++) {
            ParquetColumn column = columns.get(i);
            names[i] = column.name();
            types[i] = column.type();
            nullable[i] = column.nullable();
        }
        requiredColumns = IntStream.range(0, count).filter(i -> !nullable[i]).toArray();
    }

    /** Writes one row's values, one to each column writer, which are in the order of the columns. */
    void write(RowView row, ColumnChunkWriter[] writers) throws IOException {
        // Checked before any value is written: a failure half-way through a row leaves the part unusable.
        for (int column : requiredColumns) {
            if (row.isNull(column)) {
                throw new IllegalArgumentException("Column " + names[column] + " is not nullable but the row has no value");
            }
        }
        Utf8RowView utf8Row = row instanceof Utf8RowView encoded ? encoded : null;
        for (int i = 0; i < names.length; i++) {
            if (nullable[i] && row.isNull(i)) {
                writers[i].writeNull();
            } else {
                writeValue(row, utf8Row, i, writers[i]);
            }
        }
    }

    private void writeValue(RowView row, Utf8RowView utf8Row, int column, ColumnChunkWriter writer) throws IOException {
        switch (types[column]) {
            case STRING -> {
                if (utf8Row != null) {
                    writer.writeText(utf8Row.utf8Array(column), utf8Row.utf8Offset(column), utf8Row.utf8Length(column));
                } else {
                    int length = utf8.encode(row.getString(column));
                    writer.writeText(utf8.bytes(), 0, length);
                }
            }
            case LONG, DECIMAL, TIMESTAMP -> writer.writeLong(row.getLong(column));
            case INT, DATE -> writer.writeLong(Math.toIntExact(row.getLong(column)));
            case BOOLEAN -> writer.writeBoolean(row.getLong(column) != 0);
        }
    }
}
