package io.lakegate.parse;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * One number as written in a cell, read char by char under a given decimal separator: a sign (leading
 * {@code +}/{@code -}, trailing {@code -}, or parentheses), a currency mark before or after, digits with
 * optional grouping, a fraction and an exponent.
 * <p>
 * Grouping may use the other of {@code .} and {@code ,}, a space, a no-break space (U+00A0, U+202F), a thin
 * space or an apostrophe, one kind per value, in groups of three ({@code 1,234,567}) or in the Indian
 * lakh/crore style ({@code 12,34,567}); anything else, such as {@code 1,23,4} or {@code 1,2345}, is not a
 * grouped number. Grouping is what tells {@code 1,234} (a thousand and more) from {@code 1,2} (a decimal
 * comma), so it is checked strictly.
 * <p>
 * The digits accumulate in a long while they fit, so the common value needs no BigDecimal on the way. One
 * instance can {@link #reread} value after value, so a column's numbers cost no object each. Not thread-safe.
 */
final class NumberText {

    static final int MAX_LONG_DIGITS = 18;
    private static final int MAX_EXPONENT_DIGITS = 3;
    private static final String NOT_A_NUMBER = "not a number";

    private CharSequence value;
    private final char decimalSeparator;
    private int pos;
    private int end;
    private boolean signSeen;
    private boolean currencySeen;

    private boolean negative;
    private int mantissaStart;
    private int mantissaEnd;
    private long significand;
    private int significantDigits;
    private int fractionDigits;
    private int exponent;
    private boolean hasDecimalSeparator;
    private String problem;

    NumberText(DecimalSeparator separator) {
        this.decimalSeparator = separator.symbol();
    }

    static NumberText read(CharSequence value, DecimalSeparator separator) {
        NumberText text = new NumberText(separator);
        text.reread(value);
        return text;
    }

    /** Reads {@code text} in place of the previous value; returns why it is not a number, or null when it is one. */
    String reread(CharSequence text) {
        value = text;
        pos = 0;
        end = 0;
        signSeen = false;
        currencySeen = false;
        negative = false;
        mantissaStart = 0;
        mantissaEnd = 0;
        significand = 0;
        significantDigits = 0;
        fractionDigits = 0;
        exponent = 0;
        hasDecimalSeparator = false;
        problem = readAll();
        return problem;
    }

    /** Why the value is not a number under this separator, or null when it is one. */
    String problem() {
        return problem;
    }

    boolean isNegative() {
        return negative;
    }

    boolean hasDecimalSeparator() {
        return hasDecimalSeparator;
    }

    /** The digits fit a long: {@link #significand()} and {@link #scale()} then state the value exactly. */
    boolean fitsLong() {
        return significantDigits <= MAX_LONG_DIGITS;
    }

    /** The digits without separators, sign or leading zeros. */
    long significand() {
        return significand;
    }

    /** Decimal places as written, less the exponent: 1.25 has 2, 1.2E3 has -2. */
    int scale() {
        return fractionDigits - exponent;
    }

    BigDecimal toBigDecimal() {
        if (fitsLong()) {
            return BigDecimal.valueOf(negative ? -significand : significand, scale());
        }
        StringBuilder digits = new StringBuilder(mantissaEnd - mantissaStart + 1);
        if (negative) {
            digits.append('-');
        }
        for (int i = mantissaStart; i < mantissaEnd; i++) {
            if (isDigit(value.charAt(i))) {
                digits.append(value.charAt(i));
            }
        }
        return new BigDecimal(new BigInteger(digits.toString()), scale());
    }

    private String readAll() {
        end = value.length();
        skipSpaces();
        while (end > pos && isSpace(value.charAt(end - 1))) {
            end--;
        }
        if (pos == end) {
            return "empty value";
        }
        if (value.charAt(pos) == '(') {
            if (value.charAt(end - 1) != ')') {
                return "unbalanced parenthesis";
            }
            pos++;
            end--;
            negative = true;
            signSeen = true;
        }
        readMarks(true);
        String found = readMantissa();
        if (found == null) {
            found = readExponent();
        }
        if (found == null) {
            readMarks(false);
            found = pos == end ? null : NOT_A_NUMBER;
        }
        return found;
    }

    /** A sign and a currency, in either order; after the number only a minus counts as a sign. */
    private void readMarks(boolean leading) {
        while (true) {
            skipSpaces();
            if (pos == end) {
                return;
            }
            char c = value.charAt(pos);
            int currencyLength;
            if (!signSeen && (c == '-' || c == '\u2212' || (leading && c == '+'))) {
                negative = c != '+';
                signSeen = true;
                pos++;
            } else if (!currencySeen && (currencyLength = CurrencyMarks.lengthAt(value, pos, end)) > 0) {
                currencySeen = true;
                pos += currencyLength;
            } else {
                return;
            }
        }
    }

    private String readMantissa() {
        mantissaStart = pos;
        int wholeDigits = 0;
        int groupDigits = 0;
        int groups = 0;
        int firstGroup = 0;
        boolean innerGroupsOfThree = true;
        boolean innerGroupsOfTwo = true;
        char grouping = 0;
        for (; pos < end; pos++) {
            char c = value.charAt(pos);
            if (isDigit(c)) {
                addDigit(c);
                wholeDigits++;
                groupDigits++;
            } else if (wholeDigits > 0 && isGroupingCandidate(c) && pos + 1 < end && isDigit(value.charAt(pos + 1))) {
                if (grouping == 0) {
                    grouping = c;
                } else if (c != grouping) {
                    return "mixes grouping separators";
                }
                if (groups == 0) {
                    firstGroup = groupDigits;
                } else {
                    innerGroupsOfThree &= groupDigits == 3;
                    innerGroupsOfTwo &= groupDigits == 2;
                }
                groups++;
                groupDigits = 0;
            } else {
                break;
            }
        }
        if (groups > 0) {
            boolean western = innerGroupsOfThree && firstGroup <= 3;
            boolean indian = innerGroupsOfTwo && firstGroup <= 2;
            if (groupDigits != 3 || !(western || indian) || value.charAt(mantissaStart) == '0') {
                return "misplaced grouping separator";
            }
        }
        if (pos < end && value.charAt(pos) == decimalSeparator) {
            hasDecimalSeparator = true;
            for (pos++; pos < end && isDigit(value.charAt(pos)); pos++) {
                addDigit(value.charAt(pos));
                fractionDigits++;
            }
        }
        mantissaEnd = pos;
        return wholeDigits + fractionDigits == 0 ? NOT_A_NUMBER : null;
    }

    private void addDigit(char c) {
        if (significantDigits == 0 && c == '0') {
            return;
        }
        if (++significantDigits <= MAX_LONG_DIGITS) {
            significand = significand * 10 + (c - '0');
        }
    }

    /** E or e with digits; without digits after it the letter is left for a currency code such as EUR. */
    private String readExponent() {
        if (pos == end || (value.charAt(pos) != 'e' && value.charAt(pos) != 'E')) {
            return null;
        }
        int at = pos + 1;
        boolean negativeExponent = false;
        if (at < end && (value.charAt(at) == '+' || value.charAt(at) == '-')) {
            negativeExponent = value.charAt(at) == '-';
            at++;
        }
        int start = at;
        int magnitude = 0;
        for (; at < end && isDigit(value.charAt(at)); at++) {
            if (at - start == MAX_EXPONENT_DIGITS) {
                return "exponent beyond 999";
            }
            magnitude = magnitude * 10 + (value.charAt(at) - '0');
        }
        if (at == start) {
            return null;
        }
        exponent = negativeExponent ? -magnitude : magnitude;
        pos = at;
        return null;
    }

    private boolean isGroupingCandidate(char c) {
        return c != decimalSeparator && (c == ',' || c == '.' || c == '\'' || c == '\u2019' || c == ' '
                || c == '\u00A0' || c == '\u202F' || c == '\u2009');
    }

    private void skipSpaces() {
        while (pos < end && isSpace(value.charAt(pos))) {
            pos++;
        }
    }

    /** Unicode spaces too: spreadsheets pad with no-break spaces, which String.strip keeps. */
    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
