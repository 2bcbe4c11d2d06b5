package io.lakegate.parquet;

/**
 * The value kinds a lake column can hold, each with one fixed Parquet encoding so that every reader
 * (DuckDB, Spark, Athena) sees the same SQL type: see {@link ParquetSchemas}.
 */
public enum ColumnType {
    /** UTF-8 text: BINARY annotated as String. */
    STRING,
    /** 64-bit integer: INT64. */
    LONG,
    /** 32-bit integer: INT32. */
    INT,
    /** Fixed-point number handed over as its unscaled long: INT64 annotated DECIMAL(precision ≤ 18, scale). */
    DECIMAL,
    /** An instant as microseconds since the epoch: INT64 TIMESTAMP(MICROS, adjusted to UTC). */
    TIMESTAMP,
    /** A calendar day as days since 1970-01-01: INT32 DATE. */
    DATE,
    /** BOOLEAN, handed over as 0 or 1. */
    BOOLEAN
}
