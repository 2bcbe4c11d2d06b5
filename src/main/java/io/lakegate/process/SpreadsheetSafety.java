package io.lakegate.process;

import java.util.regex.Pattern;

/**
 * Spreadsheets run a cell that starts with {@code = + @}, tab or CR as a formula (CSV injection), and one that
 * starts with {@code -} unless the cell is a plain negative number. A leading apostrophe makes them show the text
 * instead; the value stays readable for people. A negative number is left alone, so {@code -3} stays a number.
 */
final class SpreadsheetSafety {

    // Only the whole cell: "-1+2" or "-1e5*A1" are formulas, "-3", "-12.50", "-1,234.5" and "-1.5E3" are numbers.
    private static final Pattern NEGATIVE_NUMBER = Pattern.compile("-(\\d+([.,]\\d+)*|[.,]\\d+)([eE][+-]?\\d+)?");

    private SpreadsheetSafety() {
    }

    static String neutralise(String value) {
        if (value == null || value.isEmpty()) {
            return value == null ? "" : value;
        }
        char first = value.charAt(0);
        boolean dangerous = first == '=' || first == '+' || first == '@' || first == '\t' || first == '\r'
                || (first == '-' && !NEGATIVE_NUMBER.matcher(value).matches());
        return dangerous ? "'" + value : value;
    }
}
