package io.lakegate.parse;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;

/**
 * A timestamp value as written, taken apart by a small hand-written grammar into the fields it states,
 * before any decision of its column applies. A date such as 03/04/2024 keeps its two leading numbers
 * unassigned ({@link #hasOpenOrder()}) until the column's day/month order is known: that is what lets the
 * profile weigh the evidence and the parser name a value that contradicts the decision.
 * <p>
 * Forms read, after an optional weekday name ({@code Fri,} or {@code Friday}):
 * <ul>
 * <li>year first: {@code 2024-03-15}, {@code 2024/03/15}, {@code 2024.3.5}, {@code 2014:04:02} (EXIF),
 * {@code 2013-Feb-03}, {@code 2014年04月08日}, and a month alone, {@code 2024-03}, which stands for its first
 * day;</li>
 * <li>year last: {@code 15/03/2024} and {@code 03-15-2024} in the column's order; {@code 15.03.2024} in
 * the order of the column's dotted dates ({@link #isDotted()}), which is day first unless they show
 * otherwise;</li>
 * <li>month names in English: {@code 15 Mar 2024}, {@code 15-MAR-2024}, {@code 15th March 2024},
 * {@code March 15, 2024}, {@code Mar 15 2024}, {@code 06/May/2008:08:11:17} as web server logs write it
 * (in brackets or not), and with the year after the time and zone as date(1) and Go print it:
 * {@code Mon Jan  2 15:04:05 MST 2006};</li>
 * <li>digits only: epoch seconds (10 digits, with an optional fraction), milliseconds (13 digits),
 * microseconds (16) and nanoseconds (19), {@code yyyyMMdd} and {@code yyyyMMddHHmmss}. Epoch numbers are
 * told apart by their length alone, so each reads only instants from 2001-09-09 to 2286-11-20, and an
 * ordinary number of another length is not taken for one;</li>
 * </ul>
 * then an optional time ({@code T} or spaces, {@code H:m[:s[.fraction]]} with one or two digits a field,
 * optional AM/PM, or {@code 22時05分}), then an optional zone: {@code Z}, an offset ({@code +02:00},
 * {@code +0200}, {@code +02}), an abbreviation of {@link ZoneAbbreviations}, a zone id
 * ({@code Europe/Paris}, {@code UTC+2}), a zone id in brackets, or an offset followed by any of these, as
 * Go ({@code +0000 UTC}) and {@code ZonedDateTime} print it.
 * <p>
 * A two-digit year, wherever a year is read, is the year ending in those digits within the hundred years
 * before the column's pivot ({@link TimestampOptions#twoDigitYearPivot()}): with the default, 2030, 24 is
 * 2024 and 71 is 1971. A date with a two-digit year always has it last: 24/03/15 is 24 March 2015.
 */
final class TimestampText {

    private static final String UNRECOGNISED = "not a recognised date or timestamp";

    private static final String[] ORDINAL_SUFFIXES = {"st", "nd", "rd", "th"};

    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("jan", 1), Map.entry("january", 1), Map.entry("feb", 2), Map.entry("february", 2),
            Map.entry("mar", 3), Map.entry("march", 3), Map.entry("apr", 4), Map.entry("april", 4),
            Map.entry("may", 5), Map.entry("jun", 6), Map.entry("june", 6), Map.entry("jul", 7),
            Map.entry("july", 7), Map.entry("aug", 8), Map.entry("august", 8), Map.entry("sep", 9),
            Map.entry("sept", 9), Map.entry("september", 9), Map.entry("oct", 10), Map.entry("october", 10),
            Map.entry("nov", 11), Map.entry("november", 11), Map.entry("dec", 12), Map.entry("december", 12));

    private static final Map<String, Integer> WEEKDAYS = Map.ofEntries(
            Map.entry("mon", 1), Map.entry("monday", 1), Map.entry("tue", 2), Map.entry("tuesday", 2),
            Map.entry("wed", 3), Map.entry("wednesday", 3), Map.entry("thu", 4), Map.entry("thursday", 4),
            Map.entry("fri", 5), Map.entry("friday", 5), Map.entry("sat", 6), Map.entry("saturday", 6),
            Map.entry("sun", 7), Map.entry("sunday", 7));

    private final String text;
    private final int twoDigitYearPivot;
    private int pos;
    private int digitCount;

    private int year;
    private int firstNumber;
    private int secondNumber;
    private DayMonthOrder writtenOrder;
    private boolean dotted;
    private int weekday;
    private int secondOfDay;
    private int nano;
    private boolean hasOffset;
    private int offsetSeconds;
    private ZoneId zone;
    private ZoneAbbreviations.StandardTimeOf standardTime;
    private String zoneName;
    private boolean yearFollowsTime;
    private boolean colonBeforeTime;
    private boolean isEpoch;
    private long epochMicros;
    private final String problem;

    private TimestampText(String value, int twoDigitYearPivot) {
        this.text = unbracketed(value.strip());
        this.twoDigitYearPivot = twoDigitYearPivot;
        this.problem = readAll();
    }

    /** @param twoDigitYearPivot a two-digit year reads as a year from pivot - 100 to pivot - 1 */
    static TimestampText read(String value, int twoDigitYearPivot) {
        return new TimestampText(value, twoDigitYearPivot);
    }

    /** Web server logs bracket their timestamps: [06/May/2008:08:11:17 -0700]. */
    private static String unbracketed(String value) {
        return value.length() > 2 && value.charAt(0) == '[' && value.charAt(value.length() - 1) == ']'
                ? value.substring(1, value.length() - 1).strip() : value;
    }

    /** Why the value is not a timestamp in any known form, or null when it is one. */
    String problem() {
        return problem;
    }

    /** An epoch number states an instant outright; none of the other fields apply. */
    boolean isEpoch() {
        return isEpoch;
    }

    long epochMicros() {
        return epochMicros;
    }

    /** The date is dd/MM or MM/dd, so its day and month depend on the column's order. */
    boolean hasOpenOrder() {
        return writtenOrder == null;
    }

    /**
     * The date is written with dots, dd.MM or MM.dd: day first nearly everywhere, but not in every file,
     * so a column decides the order of its dotted dates apart from its other ones.
     */
    boolean isDotted() {
        return dotted;
    }

    int year() {
        return year;
    }

    /** @param columnOrder applies only when the written form leaves the order open */
    int month(DayMonthOrder columnOrder) {
        return order(columnOrder) == DayMonthOrder.MONTH_FIRST ? firstNumber : secondNumber;
    }

    int day(DayMonthOrder columnOrder) {
        return order(columnOrder) == DayMonthOrder.MONTH_FIRST ? secondNumber : firstNumber;
    }

    boolean isValidDate(DayMonthOrder columnOrder) {
        return CivilDates.isValid(year, month(columnOrder), day(columnOrder));
    }

    /** ISO day of week the value names, 1 for Monday, or 0 when it names none. */
    int weekday() {
        return weekday;
    }

    int secondOfDay() {
        return secondOfDay;
    }

    int nano() {
        return nano;
    }

    boolean hasOffset() {
        return hasOffset;
    }

    int offsetSeconds() {
        return offsetSeconds;
    }

    /** The zone the value names, or null when it names none or only an offset. */
    ZoneId zone() {
        return zone;
    }

    /**
     * The zone whose standard time on the value's date is the offset, when the value names it by an
     * abbreviation such as MSK, or null.
     */
    ZoneAbbreviations.StandardTimeOf standardTime() {
        return standardTime;
    }

    /** The zone name as written, for messages. */
    String zoneName() {
        return zoneName;
    }

    private DayMonthOrder order(DayMonthOrder columnOrder) {
        return writtenOrder == null ? columnOrder : writtenOrder;
    }

    private String readAll() {
        if (text.isEmpty()) {
            return "empty value";
        }
        if (isDigitsOnly()) {
            return readDigitsOnly();
        }
        readWeekday();
        String found = readDate();
        if (found == null) {
            found = readTime();
        }
        if (found == null) {
            found = readZone();
        }
        if (found == null && yearFollowsTime) {
            found = readYearAfterTime();
        }
        if (found == null && pos < text.length()) {
            found = "unexpected '" + text.substring(pos) + "'";
        }
        return found;
    }

    private boolean isDigitsOnly() {
        int dots = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.') {
                dots++;
            } else if (!isDigit(c)) {
                return false;
            }
        }
        return dots <= 1 && isDigit(text.charAt(0)) && isDigit(text.charAt(text.length() - 1));
    }

    private String readDigitsOnly() {
        int dot = text.indexOf('.');
        int whole = dot < 0 ? text.length() : dot;
        if (dot >= 0 && whole != 10) {
            return "only epoch seconds (10 digits) may have a fraction";
        }
        switch (whole) {
            case 10 -> {
                pos = whole + 1;
                String fractionProblem = dot < 0 ? null : readFraction();
                return fractionProblem != null ? fractionProblem
                        : epoch(Long.parseLong(text, 0, 10, 10) * 1_000_000 + nano / 1000);
            }
            case 13 -> {
                return epoch(Long.parseLong(text, 0, 13, 10) * 1000);
            }
            case 16 -> {
                return epoch(Long.parseLong(text, 0, 16, 10));
            }
            case 19 -> {
                // dropping the last three digits truncates to the microsecond, and keeps clear of long overflow
                return epoch(Long.parseLong(text, 0, 16, 10));
            }
            case 8 -> {
                return date(number(0, 4), number(4, 2), number(6, 2), DayMonthOrder.MONTH_FIRST);
            }
            case 14 -> {
                date(number(0, 4), number(4, 2), number(6, 2), DayMonthOrder.MONTH_FIRST);
                return time(number(8, 2), number(10, 2), number(12, 2));
            }
            default -> {
                return whole + " digits: neither epoch seconds (10), milliseconds (13), microseconds (16), "
                        + "nanoseconds (19), yyyyMMdd (8) nor yyyyMMddHHmmss (14)";
            }
        }
    }

    private String epoch(long micros) {
        isEpoch = true;
        epochMicros = micros;
        return null;
    }

    private void readWeekday() {
        int start = pos;
        Integer named = WEEKDAYS.get(letters());
        if (named == null) {
            pos = start;
            return;
        }
        weekday = named;
        if (peek() == ',') {
            pos++;
        }
        skipSpaces();
    }

    private String readDate() {
        if (isLetter(peek())) {
            return readMonthNameFirst();
        }
        int number = digits();
        if (digitCount == 4) {
            return readYearFirst(number);
        }
        if (digitCount == 0 || digitCount > 2) {
            return UNRECOGNISED;
        }
        skipOrdinalSuffix();
        char separator = peek();
        if (separator == '/' || separator == '-' || separator == '.') {
            pos++;
            return isLetter(peek()) ? readMonthNameThenYear(number, separator) : readYearLast(number, separator);
        }
        if (separator == ' ') {
            skipSpaces();
            return readMonthNameThenYear(number, separator);
        }
        return UNRECOGNISED;
    }

    /** 2024-03-15, 2024/3/15, 2024.03.15, 2014:04:02 as EXIF writes it, 2013-Feb-03, 2024-03 */
    private String readYearFirst(int yearNumber) {
        char separator = peek();
        if (separator == '年') {
            return readCjkDate(yearNumber);
        }
        if (separator != '-' && separator != '/' && separator != '.' && separator != ':') {
            return UNRECOGNISED;
        }
        pos++;
        int month;
        if (isLetter(peek())) {
            int start = pos;
            Integer named = MONTHS.get(letters());
            if (named == null) {
                return "no month named '" + text.substring(start, pos) + "'";
            }
            month = named;
        } else {
            month = digits();
            if (digitCount < 1 || digitCount > 2) {
                return UNRECOGNISED;
            }
        }
        // a year and month alone is a reduced-precision ISO date, which stands for the month's first day;
        // 2024:03 is left alone, as it reads more like a time than a month
        if (peek() == 0 && separator != ':') {
            return date(yearNumber, month, 1, DayMonthOrder.MONTH_FIRST);
        }
        if (peek() != separator) {
            return UNRECOGNISED;
        }
        pos++;
        int day = digits();
        if (digitCount < 1 || digitCount > 2) {
            return UNRECOGNISED;
        }
        return date(yearNumber, month, day, DayMonthOrder.MONTH_FIRST);
    }

    /** 2014年04月08日: the year, month and day markers of Chinese and Japanese dates. */
    private String readCjkDate(int yearNumber) {
        pos++;
        int month = digits();
        if (digitCount < 1 || digitCount > 2 || peek() != '月') {
            return UNRECOGNISED;
        }
        pos++;
        int day = digits();
        if (digitCount < 1 || digitCount > 2 || peek() != '日') {
            return UNRECOGNISED;
        }
        pos++;
        return date(yearNumber, month, day, DayMonthOrder.MONTH_FIRST);
    }

    /** 15/03/2024, 03-15-2024, 15.03.2024 */
    private String readYearLast(int first, char separator) {
        int second = digits();
        if (digitCount < 1 || digitCount > 2 || peek() != separator) {
            return UNRECOGNISED;
        }
        pos++;
        String yearProblem = readYear();
        if (yearProblem != null) {
            return yearProblem;
        }
        dotted = separator == '.';
        return date(year, first, second, null);
    }

    /** 15 Mar 2024, 15-MAR-2024, 15 March, 2024 */
    private String readMonthNameThenYear(int day, char separator) {
        int start = pos;
        Integer month = MONTHS.get(letters());
        if (month == null) {
            return "no month named '" + text.substring(start, pos) + "'";
        }
        if (separator == ' ') {
            skipPeriodOrComma();
            skipSpaces();
        } else if (peek() == separator) {
            pos++;
        } else {
            return UNRECOGNISED;
        }
        // the common log format of web servers: 06/May/2008:08:11:17
        colonBeforeTime = separator == '/';
        String yearProblem = readYear();
        return yearProblem != null ? yearProblem : date(year, day, month, DayMonthOrder.DAY_FIRST);
    }

    /** March 15, 2024 and Mar. 15th 2024 */
    private String readMonthNameFirst() {
        Integer month = MONTHS.get(letters());
        if (month == null) {
            return UNRECOGNISED;
        }
        if (peek() == '.') {
            pos++;
        }
        skipSpaces();
        int day = digits();
        if (digitCount < 1 || digitCount > 2) {
            return UNRECOGNISED;
        }
        skipOrdinalSuffix();
        int beforeYear = pos;
        skipPeriodOrComma();
        skipSpaces();
        if (pos == beforeYear) {
            return UNRECOGNISED;
        }
        if (isTimeAhead()) {
            yearFollowsTime = true;
            return date(0, month, day, DayMonthOrder.MONTH_FIRST);
        }
        String yearProblem = readYear();
        return yearProblem != null ? yearProblem : date(year, month, day, DayMonthOrder.MONTH_FIRST);
    }

    /** Whether an hour (one or two digits and a colon) starts at the cursor, as in Jan  2 15:04:05 2006. */
    private boolean isTimeAhead() {
        return isDigit(peek()) && (peekAt(pos + 1) == ':' || isDigit(peekAt(pos + 1)) && peekAt(pos + 2) == ':');
    }

    /** The year that date(1) and Ruby print last: Mon Jan  2 15:04:05 MST 2006. */
    private String readYearAfterTime() {
        skipSpaces();
        if (!isDigit(peek())) {
            return "no year after the time";
        }
        return readYear();
    }

    private String readYear() {
        int number = digits();
        if (digitCount == 2) {
            int firstYear = twoDigitYearPivot - 100;
            year = firstYear + Math.floorMod(number - firstYear, 100);
            return null;
        }
        if (digitCount != 4) {
            return "year must have two or four digits";
        }
        year = number;
        return null;
    }

    private String date(int yearNumber, int first, int second, DayMonthOrder order) {
        year = yearNumber;
        firstNumber = first;
        secondNumber = second;
        writtenOrder = order;
        return null;
    }

    /** The time, if one follows the date: after T, after spaces, after a comma, or after a log date's colon. */
    private String readTime() {
        int afterDate = pos;
        if (peek() == 'T' || peek() == ':' && colonBeforeTime) {
            pos++;
        } else {
            if (peek() == ',') {
                pos++;
            }
            skipSpaces();
        }
        if (!isDigit(peek())) {
            pos = afterDate;
            return null;
        }
        int hour = digits();
        if (digitCount <= 2 && (peek() == '時' || peek() == '时')) {
            return readCjkTime(hour);
        }
        if (digitCount > 2 || peek() != ':') {
            return "time must be H:mm, H:mm:ss or H:mm:ss.fraction";
        }
        pos++;
        int minute = digits();
        if (digitCount < 1 || digitCount > 2) {
            return "minutes must have one or two digits";
        }
        int second = 0;
        if (peek() == ':') {
            pos++;
            second = digits();
            if (digitCount < 1 || digitCount > 2) {
                return "seconds must have one or two digits";
            }
            if ((peek() == '.' || peek() == ',') && isDigit(peekAt(pos + 1))) {
                pos++;
                String fractionProblem = readFraction();
                if (fractionProblem != null) {
                    return fractionProblem;
                }
            }
        }
        return readMeridiem(hour, minute, second);
    }

    /** 22時05分 or 22時05分30秒, as Chinese and Japanese write a time. */
    private String readCjkTime(int hour) {
        pos++;
        int minute = digits();
        if (digitCount < 1 || digitCount > 2 || peek() != '分') {
            return "time must be H時mm分 or H時mm分ss秒";
        }
        pos++;
        int second = 0;
        if (isDigit(peek())) {
            second = digits();
            if (digitCount < 1 || digitCount > 2 || peek() != '秒') {
                return "time must be H時mm分 or H時mm分ss秒";
            }
            pos++;
        }
        return time(hour, minute, second);
    }

    private String readFraction() {
        int fraction = digits();
        if (digitCount > 9) {
            return "more than nine fractional digits";
        }
        for (int scaled = digitCount; scaled < 9; scaled++) {
            fraction *= 10;
        }
        nano = fraction;
        return null;
    }

    /** AM or PM after a time switches to the 12-hour clock, whose hours run from 1 to 12. */
    private String readMeridiem(int hour, int minute, int second) {
        int afterTime = pos;
        skipSpaces();
        int length = meridiemLength();
        if (length == 0) {
            pos = afterTime;
            return time(hour, minute, second);
        }
        boolean pm = Character.toLowerCase(peek()) == 'p';
        pos += length;
        if (hour < 1 || hour > 12) {
            return "hour " + hour + " is not on a 12-hour clock";
        }
        return time(hour % 12 + (pm ? 12 : 0), minute, second);
    }

    /** Length of the marker at the cursor (am, pm, a.m., p.m.), or 0 where there is none, as in America/. */
    private int meridiemLength() {
        char first = Character.toLowerCase(peek());
        if (first != 'a' && first != 'p') {
            return 0;
        }
        int length = 0;
        if (Character.toLowerCase(peekAt(pos + 1)) == 'm') {
            length = 2;
        } else if (peekAt(pos + 1) == '.' && Character.toLowerCase(peekAt(pos + 2)) == 'm'
                && peekAt(pos + 3) == '.') {
            length = 4;
        }
        return isLetter(peekAt(pos + length)) ? 0 : length;
    }

    private String time(int hour, int minute, int second) {
        if (hour > 23) {
            return "no hour " + hour;
        }
        if (minute > 59) {
            return "no minute " + minute;
        }
        if (second > 59) {
            return "no second " + second;
        }
        secondOfDay = hour * 3600 + minute * 60 + second;
        return null;
    }

    private String readZone() {
        skipSpaces();
        char c = peek();
        String found = null;
        if (c == '+' || c == '-') {
            found = readOffset();
            if (found == null) {
                found = readNameAfterOffset();
            }
        } else if (isLetter(c)) {
            found = readZoneName();
        }
        if (found != null) {
            return found;
        }
        return peek() == '[' ? readBracketedZone() : null;
    }

    /** An abbreviation or a zone id, with no offset before it. */
    private String readZoneName() {
        String name = zoneNameToken();
        ZoneAbbreviations.Meaning meaning = ZoneAbbreviations.of(name);
        if (meaning instanceof ZoneAbbreviations.FixedOffset fixed) {
            hasOffset = true;
            offsetSeconds = fixed.offsetSeconds();
        } else if (meaning instanceof ZoneAbbreviations.StandardTimeOf standard) {
            standardTime = standard;
        } else if (meaning instanceof ZoneAbbreviations.Ambiguous ambiguous) {
            return "time zone '" + name + "' is ambiguous (" + ambiguous.describe()
                    + "): write an offset or a zone id";
        } else {
            zone = zoneId(name);
            if (zone == null) {
                return "unknown time zone '" + name + "'";
            }
        }
        return null;
    }

    /**
     * What Go and date(1) print after an offset: an abbreviation ({@code +0000 UTC}), the offset again when
     * the zone has no abbreviation ({@code +0800 +08}), or a zone id. The offset decides the instant; a name
     * that cannot mean it is refused, since one of the two is wrong and nothing tells which.
     */
    private String readNameAfterOffset() {
        int afterOffset = pos;
        skipSpaces();
        char c = peek();
        if (pos == afterOffset || !(isLetter(c) || c == '+' || c == '-')) {
            pos = afterOffset;
            return null;
        }
        int offset = offsetSeconds;
        if (c == '+' || c == '-') {
            String offsetProblem = readOffset();
            if (offsetProblem != null) {
                return offsetProblem;
            }
            return offsetSeconds == offset ? null : "two different offsets, "
                    + ZoneAbbreviations.format(offset) + " and " + ZoneAbbreviations.format(offsetSeconds);
        }
        String name = zoneNameToken();
        ZoneAbbreviations.Meaning meaning = ZoneAbbreviations.of(name);
        if (meaning instanceof ZoneAbbreviations.FixedOffset fixed) {
            return fixed.offsetSeconds() == offset ? null
                    : contradiction(name, ZoneAbbreviations.format(fixed.offsetSeconds()));
        } else if (meaning instanceof ZoneAbbreviations.Ambiguous ambiguous) {
            return ambiguous.allows(offset) ? null : contradiction(name, ambiguous.describe());
        } else if (meaning instanceof ZoneAbbreviations.StandardTimeOf standard) {
            standardTime = standard;
        } else {
            zone = zoneId(name);
            if (zone == null) {
                return "unknown time zone '" + name + "'";
            }
        }
        return null;
    }

    private String contradiction(String name, String meaning) {
        return "offset " + ZoneAbbreviations.format(offsetSeconds) + " contradicts " + name + " (" + meaning + ")";
    }

    private String zoneNameToken() {
        int start = pos;
        while (isZoneIdChar(peek())) {
            pos++;
        }
        zoneName = text.substring(start, pos);
        return zoneName;
    }

    /** +02:00, +0200 or +02 */
    private String readOffset() {
        int sign = peek() == '-' ? -1 : 1;
        pos++;
        int number = digits();
        int hours;
        int minutes = 0;
        if (digitCount == 4) {
            hours = number / 100;
            minutes = number % 100;
        } else if (digitCount == 2) {
            hours = number;
            if (peek() == ':') {
                pos++;
                minutes = digits();
                if (digitCount != 2) {
                    return "offset must be +hh:mm, +hhmm or +hh";
                }
            }
        } else {
            return "offset must be +hh:mm, +hhmm or +hh";
        }
        if (minutes > 59 || hours * 60 + minutes > 18 * 60) {
            return "offset beyond 18 hours";
        }
        hasOffset = true;
        offsetSeconds = sign * (hours * 3600 + minutes * 60);
        return null;
    }

    private String readBracketedZone() {
        int close = text.indexOf(']', pos);
        if (close < 0) {
            return "unclosed '['";
        }
        String name = text.substring(pos + 1, close);
        if (zone != null) {
            return "two time zones";
        }
        zone = zoneId(name);
        if (zone == null) {
            return "unknown time zone '" + name + "'";
        }
        pos = close + 1;
        return null;
    }

    private static ZoneId zoneId(String name) {
        try {
            return ZoneId.of(name);
        } catch (DateTimeException unknown) {
            return null;
        }
    }

    private void skipOrdinalSuffix() {
        for (String suffix : ORDINAL_SUFFIXES) {
            if (startsWithIgnoringCase(suffix) && !isLetter(peekAt(pos + 2))) {
                pos += 2;
                return;
            }
        }
    }

    private void skipPeriodOrComma() {
        if (peek() == ',' || peek() == '.') {
            pos++;
        }
    }

    private void skipSpaces() {
        while (peek() == ' ') {
            pos++;
        }
    }

    /** Reads a run of ASCII letters and returns it in lower case. */
    private String letters() {
        int start = pos;
        while (isLetter(peek())) {
            pos++;
        }
        return text.substring(start, pos).toLowerCase(Locale.ROOT);
    }

    /** Reads a run of digits and returns the value of its first nine; the run's length is in digitCount. */
    private int digits() {
        int start = pos;
        int value = 0;
        while (isDigit(peek())) {
            if (pos - start < 9) {
                value = value * 10 + (text.charAt(pos) - '0');
            }
            pos++;
        }
        digitCount = pos - start;
        return value;
    }

    private int number(int from, int count) {
        return Integer.parseInt(text, from, from + count, 10);
    }

    private boolean startsWithIgnoringCase(String word) {
        return text.regionMatches(true, pos, word, 0, word.length());
    }

    /** The character at the cursor, or 0 past the end. */
    private char peek() {
        return peekAt(pos);
    }

    private char peekAt(int index) {
        return index < text.length() ? text.charAt(index) : 0;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isZoneIdChar(char c) {
        return isLetter(c) || isDigit(c) || c == '/' || c == '_' || c == '+' || c == '-' || c == ':';
    }
}
