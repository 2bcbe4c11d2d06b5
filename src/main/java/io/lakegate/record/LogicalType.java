package io.lakegate.record;

import java.util.Locale;

/**
 * The value kinds a contract column may have, and how each is held in a {@link TypedRecord}: integers as
 * longs, decimals as unscaled longs at the column's scale, timestamps as epoch microseconds (UTC), dates as
 * epoch days, booleans as 0/1, strings as strings.
 */
public enum LogicalType {
    STRING, INTEGER, DECIMAL, TIMESTAMP, DATE, BOOLEAN;

    public static LogicalType of(String contractName) {
        return valueOf(contractName.toUpperCase(Locale.ROOT));
    }

    public boolean numeric() {
        return this == INTEGER || this == DECIMAL;
    }
}
