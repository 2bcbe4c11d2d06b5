package io.lakegate.parquet;

import java.util.Objects;

/**
 * One column of a part file.
 *
 * @param precision  total digits of a {@link ColumnType#DECIMAL}, 1 to 18 (it is stored in an INT64); 0 otherwise
 * @param scale      digits after the point of a {@link ColumnType#DECIMAL}; 0 otherwise
 * @param dictionary whether to dictionary-encode the column: worth it for columns with few distinct values
 *                   (store, currency), a cost for near-unique ones (transaction id), where the writer fills a
 *                   dictionary page only to throw it away
 */
public record ParquetColumn(String name, ColumnType type, int precision, int scale, boolean nullable, boolean dictionary) {

    private static final int MAX_LONG_DECIMAL_PRECISION = 18;

    public ParquetColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (name.isBlank()) {
            throw new IllegalArgumentException("A column needs a name");
        }
        if (type == ColumnType.DECIMAL) {
            if (precision < 1 || precision > MAX_LONG_DECIMAL_PRECISION || scale < 0 || scale > precision) {
                throw new IllegalArgumentException("Column " + name + ": DECIMAL(" + precision + ", " + scale
                        + ") is not a decimal that fits an INT64; precision must be 1 to 18 and scale 0 to precision");
            }
        } else if (precision != 0 || scale != 0) {
            throw new IllegalArgumentException("Column " + name + ": only a DECIMAL has a precision and scale");
        }
    }

    public static ParquetColumn of(String name, ColumnType type, boolean nullable) {
        return new ParquetColumn(name, type, 0, 0, nullable, false);
    }

    public static ParquetColumn decimal(String name, int precision, int scale, boolean nullable) {
        return new ParquetColumn(name, ColumnType.DECIMAL, precision, scale, nullable, false);
    }

    public ParquetColumn withDictionary() {
        return new ParquetColumn(name, type, precision, scale, nullable, true);
    }
}
