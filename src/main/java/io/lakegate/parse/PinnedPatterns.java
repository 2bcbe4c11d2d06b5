package io.lakegate.parse;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.text.ParsePosition;
import java.util.List;
import java.util.Locale;

/**
 * The java.time patterns a data contract pins for a column. A contract that names its formats wants any
 * other form reported, not guessed, so these replace the built-in forms rather than come before them.
 * <p>
 * Patterns resolve strictly (30 February is refused, not moved to the 29th), read month and day names in
 * English regardless of case, and accept {@code yyyy} without an era. A two-digit {@code yy} in a pinned
 * pattern is the contract's explicit choice and means 2000 to 2099, as in java.time.
 */
final class PinnedPatterns {

    private final List<DateTimeFormatter> formatters;

    /** @throws IllegalArgumentException when a pattern is not a valid java.time pattern */
    PinnedPatterns(List<String> patterns) {
        this.formatters = patterns.stream().map(PinnedPatterns::formatter).toList();
    }

    boolean isEmpty() {
        return formatters.isEmpty();
    }

    /**
     * The value's instant in epoch microseconds, or {@link IsoTimestampFastPath#NO_MATCH} when no pattern
     * fits its shape.
     *
     * @throws DateTimeException when a pattern fits the shape but the fields name no real time
     */
    long toEpochMicros(String value, WallClockZone defaultZone) {
        for (DateTimeFormatter formatter : formatters) {
            // parseUnresolved reports a mismatch by its position rather than by an exception with a stack trace
            ParsePosition position = new ParsePosition(0);
            if (formatter.parseUnresolved(value, position) != null && position.getIndex() == value.length()) {
                return toEpochMicros(formatter.parse(value), defaultZone);
            }
        }
        return IsoTimestampFastPath.NO_MATCH;
    }

    private static long toEpochMicros(TemporalAccessor parsed, WallClockZone defaultZone) {
        if (parsed.isSupported(ChronoField.INSTANT_SECONDS)) {
            Instant instant = Instant.from(parsed);
            return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1000;
        }
        LocalDate date = LocalDate.from(parsed);
        LocalTime time = parsed.query(TemporalQueries.localTime());
        if (time == null) {
            time = LocalTime.MIDNIGHT;
        }
        long wallClockSecond = date.toEpochDay() * CivilDates.SECONDS_PER_DAY + time.toSecondOfDay();
        ZoneId zone = parsed.query(TemporalQueries.zone());
        long epochSecond = zone == null ? defaultZone.toEpochSecond(wallClockSecond)
                : WallClockZone.toEpochSecond(wallClockSecond, zone);
        return epochSecond * 1_000_000 + time.getNano() / 1000;
    }

    private static DateTimeFormatter formatter(String pattern) {
        return new DateTimeFormatterBuilder()
                .parseCaseInsensitive()
                .appendPattern(pattern)
                .parseDefaulting(ChronoField.ERA, 1)
                .toFormatter(Locale.ENGLISH)
                .withResolverStyle(ResolverStyle.STRICT);
    }
}
