package io.lakegate.parse;

/**
 * What a sample of one file's column says about its decimal separator, and the parser that follows.
 * <p>
 * Each value is read both ways; it is evidence when only one reading is a number: {@code 12,5} and
 * {@code 1.234,56} for a comma, {@code 1,234.56} and {@code 0.5} for a dot. {@code 1,234} reads both ways
 * and tells nothing in a column of decimals; in a column of whole numbers it counts for the reading in
 * which it has no fraction, i.e. a grouped thousand. The separator with more evidence wins; a tie, including
 * a sample without evidence, falls back to the options' default; a separator pinned by the contract wins
 * regardless. Values of the minority are rejected by the parser as contradicting the decision;
 * {@link #isInconsistent()} reports that the sample had some.
 */
public final class NumberColumnProfile {

    private final NumberOptions options;
    private final DecimalSeparator separator;
    private final int dotValues;
    private final int commaValues;
    private final DecimalParser parser;

    private NumberColumnProfile(NumberOptions options, DecimalSeparator separator, int dotValues, int commaValues) {
        this.options = options;
        this.separator = separator;
        this.dotValues = dotValues;
        this.commaValues = commaValues;
        this.parser = new DecimalParser(options.column(), separator);
    }

    /** @param sample the column's first values; nulls and blanks are skipped */
    public static NumberColumnProfile decide(Iterable<String> sample, NumberOptions options) {
        int dot = 0;
        int comma = 0;
        for (String value : sample) {
            if (value == null || value.isBlank()) {
                continue;
            }
            NumberText asDot = NumberText.read(value, DecimalSeparator.DOT);
            NumberText asComma = NumberText.read(value, DecimalSeparator.COMMA);
            boolean dotReads = asDot.problem() == null;
            boolean commaReads = asComma.problem() == null;
            if (dotReads && commaReads && options.wholeNumbers()) {
                dotReads = !asDot.hasDecimalSeparator();
                commaReads = !asComma.hasDecimalSeparator();
            }
            if (dotReads && !commaReads) {
                dot++;
            } else if (commaReads && !dotReads) {
                comma++;
            }
        }
        return new NumberColumnProfile(options, choose(options, dot, comma), dot, comma);
    }

    private static DecimalSeparator choose(NumberOptions options, int dot, int comma) {
        if (options.pinnedSeparator() != null) {
            return options.pinnedSeparator();
        }
        if (dot == comma) {
            return options.defaultSeparator();
        }
        return dot > comma ? DecimalSeparator.DOT : DecimalSeparator.COMMA;
    }

    public DecimalSeparator separator() {
        return separator;
    }

    /** Sample values that are only numbers with a decimal dot. */
    public int dotValues() {
        return dotValues;
    }

    /** Sample values that are only numbers with a decimal comma. */
    public int commaValues() {
        return commaValues;
    }

    /** The sample holds values that are only numbers with the separator that was not decided. */
    public boolean isInconsistent() {
        return separator == DecimalSeparator.DOT ? commaValues > 0 : dotValues > 0;
    }

    public DecimalParser parser() {
        return parser;
    }

    /**
     * What the sample told about this column, in the audit's words: for whole numbers the separator only decides
     * which mark groups thousands, so that is what is said.
     */
    public String note() {
        boolean told = dotValues != commaValues;
        String basis = options.pinnedSeparator() != null ? "pinned by the contract"
                : told ? "decided by " + Math.max(dotValues, commaValues) + " sample values" : null;
        if (options.wholeNumbers()) {
            if (basis == null) {
                return "whole numbers, no thousands marks in the sample";
            }
            char grouping = separator == DecimalSeparator.DOT ? ',' : '.';
            return "whole numbers, thousands grouped with '" + grouping + "' (" + basis + ")";
        }
        return "decimal separator " + separator.label() + " (" + (basis == null ? "the default, the sample did not tell" : basis) + ")";
    }

    @Override
    public String toString() {
        String basis = options.pinnedSeparator() != null ? "pinned by the contract"
                : dotValues == commaValues ? "the default, the sample did not tell"
                : "decided by the sample";
        return "column " + options.column() + ": decimal " + separator.label() + " (" + basis + "; "
                + dotValues + " dot and " + commaValues + " comma values)";
    }
}
