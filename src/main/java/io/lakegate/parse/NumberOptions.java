package io.lakegate.parse;

import java.util.Objects;

/**
 * What a data contract says about one numeric column; the decimal separator is otherwise decided from
 * the file.
 *
 * @param column           the column's name, for messages
 * @param defaultSeparator the separator when the sample has no value that shows it
 * @param pinnedSeparator  the separator the contract fixes whatever the sample shows, or null to decide it
 * @param wholeNumbers     the column holds counts, so 1.000 and 1,000 in the sample read as a thousand
 */
public record NumberOptions(
        String column,
        DecimalSeparator defaultSeparator,
        DecimalSeparator pinnedSeparator,
        boolean wholeNumbers) {

    public NumberOptions {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(defaultSeparator, "defaultSeparator");
    }

    /** Dot when undecided, nothing pinned, a column of decimals. */
    public static NumberOptions forColumn(String column) {
        return new NumberOptions(column, DecimalSeparator.DOT, null, false);
    }

    public NumberOptions withDefaultSeparator(DecimalSeparator separator) {
        return new NumberOptions(column, separator, pinnedSeparator, wholeNumbers);
    }

    public NumberOptions withPinnedSeparator(DecimalSeparator separator) {
        return new NumberOptions(column, defaultSeparator, separator, wholeNumbers);
    }

    public NumberOptions ofWholeNumbers() {
        return new NumberOptions(column, defaultSeparator, pinnedSeparator, true);
    }
}
