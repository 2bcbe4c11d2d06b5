package io.lakegate.process;

/**
 * Spreadsheets run a cell that starts with {@code = + - @}, tab or CR as a formula (CSV injection). A
 * leading apostrophe makes them show the text instead; the value stays readable for people.
 */
final class SpreadsheetSafety {

    private SpreadsheetSafety() {
    }

    static String neutralise(String value) {
        if (value == null || value.isEmpty()) {
            return value == null ? "" : value;
        }
        char first = value.charAt(0);
        boolean dangerous = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
        return dangerous ? "'" + value : value;
    }
}
