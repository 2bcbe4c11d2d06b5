package io.lakegate.parquet;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;

/**
 * Receives a row's values from Parquet's column readers into one reused {@link CurrentRow}; the caller clears the
 * row before each one, as nothing else marks where a row starts.
 */
final class RowMaterializer {

    private final CurrentRow row;
    private final RowConverter root;

    RowMaterializer(List<ParquetColumn> columns) {
        row = new CurrentRow(columns.size());
        root = new RowConverter(columns);
    }

    CurrentRow row() {
        return row;
    }

    GroupConverter rootConverter() {
        return root;
    }

    private final class RowConverter extends GroupConverter {

        private final Converter[] columns;

        RowConverter(List<ParquetColumn> columnList) {
            columns = new Converter[columnList.size()];
            for (int i = 0; i < columns.length; i++) {
                columns[i] = columnList.get(i).type() == ColumnType.STRING
                        ? new StringConverter(i)
                        : new NumberConverter(i);
            }
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return columns[fieldIndex];
        }

        @Override
        public void start() {}

        @Override
        public void end() {}
    }

    /** Every non-string type is handed over as a long, as {@link RowView#getLong} promises. */
    private final class NumberConverter extends PrimitiveConverter {

        private final int column;

        NumberConverter(int column) {
            this.column = column;
        }

        @Override
        public void addLong(long value) {
            row.setLong(column, value);
        }

        @Override
        public void addInt(int value) {
            row.setLong(column, value);
        }

        @Override
        public void addBoolean(boolean value) {
            row.setLong(column, value ? 1 : 0);
        }
    }

    private final class StringConverter extends PrimitiveConverter {

        private final int column;
        private String[] dictionary;
        private byte[][] dictionaryUtf8;

        StringConverter(int column) {
            this.column = column;
        }

        @Override
        public void addBinary(Binary value) {
            row.setText(column, value);
        }

        // A dictionary column chunk is decoded once, instead of once per row.
        @Override
        public boolean hasDictionarySupport() {
            return true;
        }

        @Override
        public void setDictionary(Dictionary values) {
            dictionary = new String[values.getMaxId() + 1];
            dictionaryUtf8 = new byte[dictionary.length][];
            for (int id = 0; id < dictionary.length; id++) {
                dictionaryUtf8[id] = values.decodeToBinary(id).getBytes();
                dictionary[id] = new String(dictionaryUtf8[id], StandardCharsets.UTF_8);
            }
        }

        @Override
        public void addValueFromDictionary(int dictionaryId) {
            row.setText(column, dictionary[dictionaryId], dictionaryUtf8[dictionaryId]);
        }
    }
}
