package io.lakegate.parquet;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A row given as plain values: a Long for every non-string type, a String, or null. */
public record ValuesRow(Object... values) implements RowView {

    static long micros(String instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse(instant));
    }

    static long days(String date) {
        return LocalDate.parse(date).toEpochDay();
    }

    /** The current row of any view, in the same form, to compare rows read back with rows written. */
    static ValuesRow copyOf(RowView row, List<ParquetColumn> columns) {
        Object[] values = new Object[columns.size()];
        for (int i = 0; i < values.length; i++) {
            if (!row.isNull(i)) {
                values[i] = columns.get(i).type() == ColumnType.STRING ? row.getString(i) : (Object) row.getLong(i);
            }
        }
        return new ValuesRow(values);
    }

    static List<ValuesRow> readAll(ParquetPartReader reader) throws IOException {
        List<ValuesRow> rows = new ArrayList<>();
        while (reader.next()) {
            rows.add(copyOf(reader, reader.columns()));
        }
        return rows;
    }

    @Override
    public boolean isNull(int column) {
        return values[column] == null;
    }

    @Override
    public long getLong(int column) {
        return (Long) values[column];
    }

    @Override
    public String getString(int column) {
        return (String) values[column];
    }

    // A record compares arrays by identity; rows are compared by their values.
    @Override
    public boolean equals(Object other) {
        return other instanceof ValuesRow row && Arrays.equals(values, row.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return Arrays.toString(values);
    }
}
