package io.lakegate.parse;

/**
 * Recognises cells that hold a value of a common type: the type half of dialect detection. A wrong delimiter
 * cuts values apart or glues them together, and the pieces rarely look like a number, a date or a plain word,
 * so the share of recognisable cells tells a right parse from a wrong one.
 *
 * <p>Hand-written scanners rather than regular expressions: detection looks at tens of thousands of cells per
 * candidate dialect and must stay in the millisecond range.
 */
final class CellTypes {

    private static final String[] MONTHS = {
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};

    private CellTypes() {
    }

    static boolean isKnown(String cell) {
        int from = 0;
        int to = cell.length();
        while (from < to && cell.charAt(from) == ' ') {
            from++;
        }
        while (to > from && cell.charAt(to - 1) == ' ') {
            to--;
        }
        if (from == to) {
            return true;
        }
        return isNumber(cell, from, to)
                || isWordsOrPlaceholder(cell, from, to)
                || isPercentage(cell, from, to)
                || isCurrency(cell, from, to)
                || isDateOrTime(cell, from, to)
                || isEmail(cell, from, to)
                || isUrl(cell, from, to)
                || isIpv4(cell, from, to);
    }

    /**
     * Text that was written inside quotes: quoting exists to protect delimiters and line breaks, so such a cell
     * may hold any punctuation; only control characters (binary debris) disqualify it.
     */
    static boolean isQuotedText(String cell) {
        boolean hasLetterOrDigit = false;
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                hasLetterOrDigit = true;
            } else if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                return false;
            }
        }
        return hasLetterOrDigit;
    }

    /**
     * A quoted value behind the space that some writers put after each delimiter: {@code a, "b", "c"}. A quote
     * char inside means the quotes enclose several fields, which is what a wrong delimiter leaves.
     */
    static boolean isQuotedAfterSpaces(String cell, char quote) {
        String trimmed = cell.strip();
        int last = trimmed.length() - 1;
        if (quote == CsvDialect.NONE || last < 1 || trimmed.charAt(0) != quote || trimmed.charAt(last) != quote) {
            return false;
        }
        String inside = trimmed.substring(1, last);
        return inside.indexOf(quote) < 0 && (inside.isEmpty() || isQuotedText(inside));
    }

    /** Integers and decimals, either decimal mark, optional thousands grouping and exponent: 1,234.5  1.234,5  -.5e3 */
    private static boolean isNumber(String s, int from, int to) {
        int i = from;
        if (i < to && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int integerStart = i;
        i = skipDigits(s, i, to);
        int integerDigits = i - integerStart;
        char groupSeparator = 0;
        if (integerDigits >= 1 && integerDigits <= 3) {
            while (i + 3 < to && isGroupSeparator(s.charAt(i)) && (groupSeparator == 0 || s.charAt(i) == groupSeparator)
                    && skipDigits(s, i + 1, to) == i + 4) {
                groupSeparator = s.charAt(i);
                i += 4;
                integerDigits += 3;
            }
        }
        int fractionDigits = 0;
        if (i < to && (s.charAt(i) == '.' || s.charAt(i) == ',') && s.charAt(i) != groupSeparator) {
            int fractionStart = i + 1;
            i = skipDigits(s, fractionStart, to);
            fractionDigits = i - fractionStart;
        }
        if (integerDigits + fractionDigits == 0) {
            return false;
        }
        if (i < to && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int exponent = i + 1;
            if (exponent < to && (s.charAt(exponent) == '+' || s.charAt(exponent) == '-')) {
                exponent++;
            }
            int end = skipDigits(s, exponent, to);
            if (end == exponent) {
                return false;
            }
            i = end;
        }
        return i == to;
    }

    private static boolean isGroupSeparator(char c) {
        return c == ',' || c == '.' || c == '\'' || c == '\u00a0';
    }

    private static boolean isPercentage(String s, int from, int to) {
        int end = to - 1;
        if (s.charAt(end) != '%') {
            return false;
        }
        while (end > from && s.charAt(end - 1) == ' ') {
            end--;
        }
        return isNumber(s, from, end);
    }

    /**
     * An undecodable character counts as a sign: a lone symbol before an amount is one, and a wrong charset
     * guess turns £ or € into U+FFFD.
     */
    private static boolean isCurrencySign(char c) {
        return Character.getType(c) == Character.CURRENCY_SYMBOL || c == '\uFFFD';
    }

    /** A currency sign before or after a number: $1,200.00  -€5  12,50 € */
    private static boolean isCurrency(String s, int from, int to) {
        if (isCurrencySign(s.charAt(from))) {
            return isNumber(s, skipSpaces(s, from + 1, to), to);
        }
        if (to - from > 1 && (s.charAt(from) == '-' || s.charAt(from) == '+')
                && isCurrencySign(s.charAt(from + 1))) {
            return isNumber(s, skipSpaces(s, from + 2, to), to);
        }
        if (isCurrencySign(s.charAt(to - 1))) {
            int end = to - 1;
            while (end > from && s.charAt(end - 1) == ' ') {
                end--;
            }
            return isNumber(s, from, end);
        }
        return false;
    }

    /**
     * Plain text: letters, digits and spaces with the marks that rarely serve as delimiters, plus the usual
     * stand-ins for a missing value. A comma, semicolon, colon, pipe or tab deliberately makes a cell unknown:
     * unquoted, those are what a wrong delimiter leaves behind.
     */
    private static boolean isWordsOrPlaceholder(String s, int from, int to) {
        if (s.charAt(from) == '\'' || s.charAt(to - 1) == '\'') {
            // an apostrophe belongs inside a word; one that opens or closes the cell is a quote
            return isPlaceholder(s, from, to);
        }
        boolean hasLetterOrDigit = false;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                hasLetterOrDigit = true;
            } else if (c != ' ' && c != '.' && c != '(' && c != ')' && c != '?' && c != '!'
                    && c != '-' && c != '_' && c != '\'' && c != '/' && c != '&') {
                return false;
            }
        }
        return hasLetterOrDigit || isPlaceholder(s, from, to);
    }

    private static boolean isPlaceholder(String s, int from, int to) {
        String value = s.substring(from, to);
        return value.equals("-") || value.equals("--") || value.equals("?") || value.equals(".")
                || value.equals("''") || value.equals("\"\"")
                || value.equalsIgnoreCase("n/a") || value.equalsIgnoreCase("#n/a");
    }

    /** Dates, times and both together: 2024-03-01, 1/3/24, 01.03.2024, 1-Mar-2024, 10:15, 2024-03-01T10:15:00Z */
    private static boolean isDateOrTime(String s, int from, int to) {
        if (!Character.isDigit(s.charAt(from)) && !startsWithMonthName(s, from, to)) {
            return false;
        }
        int dateEnd = dateEnd(s, from, to);
        if (dateEnd == to) {
            return true;
        }
        int timeStart = from;
        if (dateEnd > from) {
            if (s.charAt(dateEnd) != 'T' && s.charAt(dateEnd) != ' ') {
                return false;
            }
            timeStart = skipSpaces(s, dateEnd + 1, to);
        }
        return isTimeWithZone(s, timeStart, to);
    }

    /** Where a date starting at {@code from} ends, or {@code from} when there is none. */
    private static int dateEnd(String s, int from, int to) {
        if (startsWithMonthName(s, from, to)) {
            int i = skipLetters(s, from, to);
            if (i < to && (s.charAt(i) == '-' || s.charAt(i) == ' ' || s.charAt(i) == '/')) {
                int yearEnd = skipDigits(s, i + 1, to);
                if (yearEnd - i - 1 == 2 || yearEnd - i - 1 == 4) {
                    return yearEnd;
                }
            }
            return from;
        }
        int firstEnd = skipDigits(s, from, to);
        int first = firstEnd - from;
        if (firstEnd == to || first == 0 || first == 3 || first > 4) {
            return from;
        }
        char separator = s.charAt(firstEnd);
        if (separator != '-' && separator != '/' && separator != '.') {
            return from;
        }
        int secondStart = firstEnd + 1;
        int secondEnd = startsWithMonthName(s, secondStart, to) ? skipLetters(s, secondStart, to) : skipDigits(s, secondStart, to);
        int second = secondEnd - secondStart;
        if (second == 0 || secondEnd == to || s.charAt(secondEnd) != separator) {
            return from;
        }
        int thirdStart = secondEnd + 1;
        int thirdEnd = skipDigits(s, thirdStart, to);
        int third = thirdEnd - thirdStart;
        boolean yearFirst = first == 4 && second <= 2 && third >= 1 && third <= 2;
        boolean yearLast = first <= 2 && (third == 2 || third == 4);
        return yearFirst || yearLast ? thirdEnd : from;
    }

    private static boolean isTimeWithZone(String s, int from, int to) {
        int end = timeEnd(s, from, to);
        if (end == from) {
            return false;
        }
        if (end == to) {
            return true;
        }
        int i = skipSpaces(s, end, to);
        if (to - i == 2 && (s.regionMatches(true, i, "am", 0, 2) || s.regionMatches(true, i, "pm", 0, 2))) {
            return true;
        }
        if (i == to - 1 && s.charAt(i) == 'Z') {
            return true;
        }
        if (s.charAt(i) == '+' || s.charAt(i) == '-') {
            int offsetEnd = skipDigits(s, i + 1, to);
            if (offsetEnd < to && s.charAt(offsetEnd) == ':') {
                offsetEnd = skipDigits(s, offsetEnd + 1, to);
            }
            return offsetEnd == to && offsetEnd - i >= 3;
        }
        return false;
    }

    /** h:mm, hh:mm:ss and hh:mm:ss.fff; returns {@code from} when no time starts there. */
    private static int timeEnd(String s, int from, int to) {
        int hourEnd = skipDigits(s, from, to);
        int hours = hourEnd - from;
        if (hours < 1 || hours > 2 || hourEnd == to || s.charAt(hourEnd) != ':') {
            return from;
        }
        int minuteEnd = skipDigits(s, hourEnd + 1, to);
        if (minuteEnd - hourEnd - 1 != 2) {
            return from;
        }
        int end = minuteEnd;
        if (end < to && s.charAt(end) == ':') {
            int secondEnd = skipDigits(s, end + 1, to);
            if (secondEnd - end - 1 != 2) {
                return from;
            }
            end = secondEnd;
            if (end < to && (s.charAt(end) == '.' || s.charAt(end) == ',')) {
                int fractionEnd = skipDigits(s, end + 1, to);
                end = fractionEnd > end + 1 ? fractionEnd : end;
            }
        }
        return end;
    }

    private static boolean startsWithMonthName(String s, int from, int to) {
        if (to - from < 3) {
            return false;
        }
        for (String month : MONTHS) {
            if (s.regionMatches(true, from, month, 0, 3)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isEmail(String s, int from, int to) {
        int at = s.indexOf('@', from);
        if (at <= from || at >= to - 3) {
            return false;
        }
        for (int i = from; i < at; i++) {
            char c = s.charAt(i);
            if (!Character.isLetterOrDigit(c) && c != '.' && c != '_' && c != '%' && c != '+' && c != '-') {
                return false;
            }
        }
        return isHostName(s, at + 1, to);
    }

    /** Absolute URLs, www. addresses and host names followed by a path: example.org/a?b=c */
    private static boolean isUrl(String s, int from, int to) {
        int hostStart = from;
        for (String scheme : new String[] {"http://", "https://", "ftp://"}) {
            if (s.regionMatches(true, from, scheme, 0, scheme.length())) {
                hostStart = from + scheme.length();
                break;
            }
        }
        int hostEnd = hostStart;
        while (hostEnd < to && s.charAt(hostEnd) != '/' && s.charAt(hostEnd) != ':' && s.charAt(hostEnd) != '?') {
            hostEnd++;
        }
        if (hostStart == from && !s.regionMatches(true, from, "www.", 0, 4) && hostEnd == to) {
            return false;
        }
        if (!isHostName(s, hostStart, hostEnd) && !(hostStart > from && s.regionMatches(true, hostStart, "localhost", 0, 9))) {
            return false;
        }
        for (int i = hostEnd; i < to; i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' || c == '`' || c == '|') {
                return false;
            }
        }
        return true;
    }

    /** Dot-separated labels ending in an alphabetic top-level label: mail.example.co.uk */
    private static boolean isHostName(String s, int from, int to) {
        int labels = 0;
        int labelStart = from;
        for (int i = from; i <= to; i++) {
            if (i == to || s.charAt(i) == '.') {
                if (i == labelStart) {
                    return false;
                }
                labels++;
                labelStart = i + 1;
            } else {
                char c = s.charAt(i);
                if (!Character.isLetterOrDigit(c) && c != '-') {
                    return false;
                }
            }
        }
        int topLevelStart = s.lastIndexOf('.', to - 1) + 1;
        return labels >= 2 && to - topLevelStart >= 2 && skipLetters(s, topLevelStart, to) == to;
    }

    private static boolean isIpv4(String s, int from, int to) {
        int i = from;
        for (int part = 0; part < 4; part++) {
            int end = skipDigits(s, i, to);
            if (end == i || end - i > 3) {
                return false;
            }
            i = end;
            if (part < 3) {
                if (i == to || s.charAt(i) != '.') {
                    return false;
                }
                i++;
            }
        }
        if (i < to && s.charAt(i) == ':') {
            int portEnd = skipDigits(s, i + 1, to);
            return portEnd == to && portEnd > i + 1;
        }
        return i == to;
    }

    private static int skipDigits(String s, int i, int to) {
        while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    private static int skipLetters(String s, int i, int to) {
        while (i < to && Character.isLetter(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int skipSpaces(String s, int i, int to) {
        while (i < to && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }
}
