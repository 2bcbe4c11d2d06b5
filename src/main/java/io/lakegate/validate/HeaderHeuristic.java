package io.lakegate.validate;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Tells column names from data in a file's first row. Names are words; data rows are mostly numbers,
 * dates, amounts and codes, so a first row dominated by such values is no header.
 */
public final class HeaderHeuristic {

    private HeaderHeuristic() {
    }

    public static boolean looksLikeData(List<String> row) {
        int filled = 0;
        int valueLike = 0;
        for (String cell : row) {
            String value = cell.strip();
            if (value.isEmpty()) {
                continue;
            }
            filled++;
            if (isValueLike(value)) {
                valueLike++;
            }
        }
        return filled > 0 && valueLike * 2 >= filled;
    }

    /** Whether a first row names columns: no value-like cells dominate and every name is distinct. */
    public static boolean hasHeader(List<String> firstRow) {
        if (looksLikeData(firstRow)) {
            return false;
        }
        Set<String> names = new HashSet<>();
        for (String cell : firstRow) {
            if (!names.add(cell.strip())) {
                return false;
            }
        }
        return true;
    }

    // Digits with the punctuation of numbers, dates, times and amounts ("1,234.50", "2024-03-01 10:00",
    // "$12", "-5%"), or identifiers that mix letters and digits with a digit majority ("TX000123").
    private static boolean isValueLike(String value) {
        int digits = 0;
        int letters = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isDigit(c)) {
                digits++;
            } else if (Character.isLetter(c)) {
                letters++;
            }
        }
        return digits > 0 && digits >= letters;
    }
}
