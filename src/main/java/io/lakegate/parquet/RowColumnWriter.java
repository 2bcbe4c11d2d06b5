package io.lakegate.parquet;

import java.util.List;
import java.util.stream.IntStream;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.io.api.Binary;

/**
 * Hands a {@link RowView}'s values straight to a row group's column writers. The schema is flat, so a value's
 * definition level is all there is to a record's structure: no record assembly (Parquet's
 * {@code RecordConsumer}) and no record object sits in between.
 */
final class RowColumnWriter {

    private final String[] names;
    private final ColumnType[] types;
    private final int[] requiredColumns;
    private final boolean[] nullable;
    // A present value's definition level: 1 for an optional column, 0 for a required one.
    private final int[] presentLevel;
    private final Utf8Scratch utf8 = new Utf8Scratch();

    RowColumnWriter(List<ParquetColumn> columns) {
        int count = columns.size();
        names = new String[count];
        types = new ColumnType[count];
        nullable = new boolean[count];
        presentLevel = new int[count];
        for (int i = 0; i < count; i++) {
            ParquetColumn column = columns.get(i);
            names[i] = column.name();
            types[i] = column.type();
            nullable[i] = column.nullable();
            presentLevel[i] = column.nullable() ? 1 : 0;
        }
        requiredColumns = IntStream.range(0, count).filter(i -> !nullable[i]).toArray();
    }

    /** Writes one row's values, one to each column writer, which are in the order of the columns. */
    void write(RowView row, ColumnWriter[] writers) {
        // Checked before any value is written: a failure half-way through a row leaves the part unusable.
        for (int column : requiredColumns) {
            if (row.isNull(column)) {
                throw new IllegalArgumentException("Column " + names[column] + " is not nullable but the row has no value");
            }
        }
        Utf8RowView utf8Row = row instanceof Utf8RowView encoded ? encoded : null;
        for (int i = 0; i < names.length; i++) {
            if (nullable[i] && row.isNull(i)) {
                writers[i].writeNull(0, 0);
            } else {
                writeValue(row, utf8Row, i, writers[i]);
            }
        }
    }

    private void writeValue(RowView row, Utf8RowView utf8Row, int column, ColumnWriter writer) {
        int level = presentLevel[column];
        switch (types[column]) {
            case STRING -> writer.write(utf8Row != null
                    ? Binary.fromReusedByteArray(utf8Row.utf8Array(column), utf8Row.utf8Offset(column), utf8Row.utf8Length(column))
                    : utf8.encode(row.getString(column)), 0, level);
            case LONG, DECIMAL, TIMESTAMP -> writer.write(row.getLong(column), 0, level);
            case INT, DATE -> writer.write(Math.toIntExact(row.getLong(column)), 0, level);
            case BOOLEAN -> writer.write(row.getLong(column) != 0, 0, level);
        }
    }
}
