package io.lakegate.parse;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * Parses one column's timestamp values into epoch microseconds in UTC, the unit of Parquet's
 * TIMESTAMP_MICROS; a long per value instead of an {@link Instant} keeps the hot path free of allocation.
 * Obtain one from {@link TimestampColumnProfile#decide}, which fixes the column's day/month order for the
 * file. Thread-safe.
 * <p>
 * Forms are those of {@link TimestampText}, plus a fast path for plain ISO values; when the contract pins
 * patterns, only those. Values without an offset or zone are in the options' default zone; a local time
 * that the zone skips (spring forward) moves forward by the gap, and one that it repeats (autumn) takes
 * the earlier offset, as java.time does. Digits finer than a microsecond are dropped (rounded toward the
 * past), as Parquet cannot hold them.
 * <p>
 * Failures are {@link ValueParseException}s whose message names the value and the column: a value that is
 * no timestamp, a dd/MM or MM/dd value that is only a date in the other order than the column's (it
 * contradicts the decision), and a timestamp outside the plausible range.
 */
public final class TimestampParser {

    private final String column;
    private final DayMonthOrder order;
    private final DayMonthOrder dottedOrder;
    private final int twoDigitYearPivot;
    private final WallClockZone defaultZone;
    private final PinnedPatterns pinnedPatterns;
    private final long earliestMicros;
    private final long latestMicros;
    private final String plausibleRange;

    TimestampParser(TimestampOptions options, DayMonthOrder order, DayMonthOrder dottedOrder) {
        this.column = options.column();
        this.order = order;
        this.dottedOrder = dottedOrder;
        this.twoDigitYearPivot = options.twoDigitYearPivot();
        this.defaultZone = new WallClockZone(options.defaultZone());
        this.pinnedPatterns = new PinnedPatterns(options.pinnedPatterns());
        this.earliestMicros = toMicros(options.earliest());
        this.latestMicros = toMicros(options.latest());
        this.plausibleRange = describe(options.earliest()) + ".." + describe(options.latest());
    }

    /** The day/month order this parser reads dd/MM and MM/dd dates with slashes or dashes in. */
    public DayMonthOrder order() {
        return order;
    }

    public long parseToEpochMicros(CharSequence value) throws ValueParseException {
        long micros = pinnedPatterns.isEmpty() ? readBuiltInForms(value) : readPinnedPatterns(value.toString());
        if (micros < earliestMicros || micros > latestMicros) {
            throw new ValueParseException(column, value.toString(), ValueParseException.Problem.IMPLAUSIBLE, "implausible timestamp " + toInstant(micros)
                    + " ('" + value + "') for column " + column + ": outside " + plausibleRange);
        }
        return micros;
    }

    public Instant parse(String value) throws ValueParseException {
        return toInstant(parseToEpochMicros(value));
    }

    private long readBuiltInForms(CharSequence value) throws ValueParseException {
        long micros = IsoTimestampFastPath.toEpochMicros(value, defaultZone);
        return micros != IsoTimestampFastPath.NO_MATCH ? micros : readGeneralForms(value.toString());
    }

    private long readGeneralForms(String value) throws ValueParseException {
        TimestampText text = TimestampText.read(value, twoDigitYearPivot);
        if (text.problem() != null) {
            throw malformed(value, text.problem());
        }
        if (text.isEpoch()) {
            return text.epochMicros();
        }
        DayMonthOrder dateOrder = text.isDotted() ? dottedOrder : order;
        if (!text.isValidDate(dateOrder)) {
            if (text.hasOpenOrder() && text.isValidDate(dateOrder.other())) {
                throw new ValueParseException(column, value, ValueParseException.Problem.CONTRADICTS_COLUMN, "value '" + value + "' contradicts the "
                        + dateOrder.label() + " order decided for " + (text.isDotted() ? "dotted dates in " : "")
                        + "column " + column);
            }
            throw malformed(value, noSuchDate(text, dateOrder));
        }
        long epochDay = CivilDates.epochDay(text.year(), text.month(dateOrder), text.day(dateOrder));
        if (text.weekday() != 0 && text.weekday() != CivilDates.dayOfWeek(epochDay)) {
            throw malformed(value, LocalDate.ofEpochDay(epochDay) + " is a " + weekdayName(
                    CivilDates.dayOfWeek(epochDay)) + ", not a " + weekdayName(text.weekday()));
        }
        long wallClockSecond = epochDay * CivilDates.SECONDS_PER_DAY + text.secondOfDay();
        return toEpochSecond(text, wallClockSecond, value) * 1_000_000 + text.nano() / 1000;
    }

    private long toEpochSecond(TimestampText text, long wallClockSecond, String value)
            throws ValueParseException {
        if (text.standardTime() != null) {
            int named = text.standardTime().offsetSeconds(wallClockSecond);
            if (text.hasOffset() && text.offsetSeconds() != named) {
                throw malformed(value, "offset " + ZoneAbbreviations.format(text.offsetSeconds()) + " contradicts "
                        + text.zoneName() + " (" + ZoneAbbreviations.format(named) + " on that date)");
            }
            return wallClockSecond - named;
        }
        if (text.hasOffset()) {
            ZoneOffset offset = ZoneOffset.ofTotalSeconds(text.offsetSeconds());
            if (text.zone() != null && !text.zone().getRules().isValidOffset(
                    LocalDateTime.ofEpochSecond(wallClockSecond, 0, ZoneOffset.UTC), offset)) {
                throw malformed(value, "offset " + offset + " does not apply in " + text.zone() + " at that time");
            }
            return wallClockSecond - text.offsetSeconds();
        }
        return text.zone() != null ? WallClockZone.toEpochSecond(wallClockSecond, text.zone())
                : defaultZone.toEpochSecond(wallClockSecond);
    }

    private long readPinnedPatterns(String value) throws ValueParseException {
        String trimmed = value.strip();
        try {
            long micros = pinnedPatterns.toEpochMicros(trimmed, defaultZone);
            if (micros == IsoTimestampFastPath.NO_MATCH) {
                throw malformed(value, "matches none of the column's pinned patterns");
            }
            return micros;
        } catch (DateTimeException noSuchTime) {
            // java.time wraps the reason in a message that repeats the value
            Throwable reason = noSuchTime.getCause() != null ? noSuchTime.getCause() : noSuchTime;
            throw malformed(value, reason.getMessage());
        }
    }

    private ValueParseException malformed(String value, String reason) {
        return new ValueParseException(column, value, ValueParseException.Problem.UNREADABLE,
                "cannot parse timestamp '" + value + "' for column " + column + ": " + reason);
    }

    private static String noSuchDate(TimestampText text, DayMonthOrder order) {
        int month = text.month(order);
        return month < 1 || month > 12 ? "no month " + month
                : "no day " + text.day(order) + " in " + text.year() + "-" + (month < 10 ? "0" : "") + month;
    }

    private static String weekdayName(int isoDayOfWeek) {
        return DayOfWeek.of(isoDayOfWeek).getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    }

    private static long toMicros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
    }

    private static Instant toInstant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000L);
    }

    /** A bound at midnight UTC reads as its date, as a contract would write it. */
    private static String describe(Instant bound) {
        return bound.getEpochSecond() % CivilDates.SECONDS_PER_DAY == 0 && bound.getNano() == 0
                ? LocalDate.ofInstant(bound, ZoneOffset.UTC).toString() : bound.toString();
    }
}
