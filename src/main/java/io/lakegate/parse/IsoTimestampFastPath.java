package io.lakegate.parse;

/**
 * The layout most files use, checked char by char with no allocation: {@code yyyy-MM-dd}, optionally
 * followed by {@code T} or a space and {@code HH:mm[:ss[.fraction]]}, optionally followed by {@code Z} or
 * an offset ({@code +02:00}, {@code +0200}, {@code +02}). A general java.time parse costs about twenty
 * times more, and these values are most of what a timestamp column holds.
 * <p>
 * Anything else, including a layout match that names no real time (30 February, hour 24), is
 * {@link #NO_MATCH}: the general reader then reads it and words the failure, so this class only has to be
 * fast, never helpful.
 */
final class IsoTimestampFastPath {

    /** Not a value any four-digit year can produce. */
    static final long NO_MATCH = Long.MIN_VALUE;

    private static final int NO_OFFSET = Integer.MIN_VALUE;

    private IsoTimestampFastPath() {
    }

    /** @param defaultZone the zone of values that state no offset */
    static long toEpochMicros(CharSequence text, WallClockZone defaultZone) {
        int length = text.length();
        if (length < 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
            return NO_MATCH;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        if (year < 0 || month < 0 || day < 0 || !CivilDates.isValid(year, month, day)) {
            return NO_MATCH;
        }
        long wallClockSecond = CivilDates.epochDay(year, month, day) * CivilDates.SECONDS_PER_DAY;
        int nano = 0;
        int i = 10;
        if (i < length && (text.charAt(i) == 'T' || text.charAt(i) == ' ')) {
            int hour = digits(text, i + 1, 2);
            int minute = i + 3 < length && text.charAt(i + 3) == ':' ? digits(text, i + 4, 2) : -1;
            if (hour < 0 || hour > 23 || minute < 0 || minute > 59) {
                return NO_MATCH;
            }
            i += 6;
            int second = 0;
            if (i < length && text.charAt(i) == ':') {
                second = digits(text, i + 1, 2);
                if (second < 0 || second > 59) {
                    return NO_MATCH;
                }
                i += 3;
                if (i < length && (text.charAt(i) == '.' || text.charAt(i) == ',')) {
                    int start = ++i;
                    while (i < length && i - start < 9 && isDigit(text.charAt(i))) {
                        nano = nano * 10 + (text.charAt(i++) - '0');
                    }
                    if (i == start) {
                        return NO_MATCH;
                    }
                    for (int scaled = i - start; scaled < 9; scaled++) {
                        nano *= 10;
                    }
                }
            }
            wallClockSecond += hour * 3600 + minute * 60 + second;
        }
        if (i == length) {
            return toMicros(defaultZone.toEpochSecond(wallClockSecond), nano);
        }
        int offsetSeconds = offsetSeconds(text, i);
        return offsetSeconds == NO_OFFSET ? NO_MATCH : toMicros(wallClockSecond - offsetSeconds, nano);
    }

    /** The offset that runs from index {@code from} to the end of the text, or NO_OFFSET. */
    private static int offsetSeconds(CharSequence text, int from) {
        int length = text.length();
        char sign = text.charAt(from);
        if (sign == 'Z' || sign == 'z') {
            return from + 1 == length ? 0 : NO_OFFSET;
        }
        if (sign != '+' && sign != '-') {
            return NO_OFFSET;
        }
        int hours = digits(text, from + 1, 2);
        int minutes = switch (length - from) {
            case 3 -> 0;
            case 5 -> digits(text, from + 3, 2);
            case 6 -> text.charAt(from + 3) == ':' ? digits(text, from + 4, 2) : -1;
            default -> -1;
        };
        if (hours < 0 || minutes < 0 || minutes > 59 || hours * 60 + minutes > 18 * 60) {
            return NO_OFFSET;
        }
        int seconds = hours * 3600 + minutes * 60;
        return sign == '-' ? -seconds : seconds;
    }

    /** The number written by {@code count} digits at {@code from}, or -1 if they are not all digits. */
    private static int digits(CharSequence text, int from, int count) {
        if (from + count > text.length()) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static long toMicros(long epochSecond, int nano) {
        return epochSecond * 1_000_000 + nano / 1000;
    }
}
