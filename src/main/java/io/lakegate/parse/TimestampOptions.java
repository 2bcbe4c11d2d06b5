package io.lakegate.parse;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;

/**
 * What a data contract says about one timestamp column; everything else is decided from the file.
 *
 * @param column         the column's name, for messages
 * @param defaultZone    the zone of values that state neither an offset nor a zone
 * @param defaultOrder   the day/month order when the sample has no value that shows it
 * @param pinnedOrder    the order the contract fixes whatever the sample shows, or null to decide it
 * @param pinnedPatterns java.time patterns that, when given, are the only forms accepted
 * @param earliest       the earliest plausible instant, inclusive
 * @param latest         the latest plausible instant, inclusive
 * @param twoDigitYearPivot a two-digit year reads as the year ending in its digits from
 *                       {@code twoDigitYearPivot - 100} to {@code twoDigitYearPivot - 1}
 */
public record TimestampOptions(
        String column,
        ZoneId defaultZone,
        DayMonthOrder defaultOrder,
        DayMonthOrder pinnedOrder,
        List<String> pinnedPatterns,
        Instant earliest,
        Instant latest,
        int twoDigitYearPivot) {

    /**
     * Two-digit years 00 to 29 are 2000 to 2029 and 30 to 99 are 1930 to 1999, as spreadsheets read them
     * (Excel, LibreOffice and Google Sheets alike): the convention the producers of most files already live by.
     */
    public static final int SPREADSHEET_TWO_DIGIT_YEAR_PIVOT = 2030;

    /** Years 0001 to 9999, every instant the built-in forms can write. */
    private static final Instant FIRST_WRITABLE = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LAST_WRITABLE = Instant.parse("9999-12-31T23:59:59.999999999Z");

    public TimestampOptions {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(defaultZone, "defaultZone");
        Objects.requireNonNull(defaultOrder, "defaultOrder");
        pinnedPatterns = List.copyOf(pinnedPatterns);
        // a broken pattern should fail when the contract loads, not when the first file arrives
        pinnedPatterns.forEach(DateTimeFormatter::ofPattern);
        if (earliest.isAfter(latest)) {
            throw new IllegalArgumentException("plausible range of column " + column + " is empty: "
                    + earliest + " is after " + latest);
        }
        if (twoDigitYearPivot < 1000 || twoDigitYearPivot > 9999) {
            throw new IllegalArgumentException("two-digit year pivot of column " + column
                    + " must be a year from 1000 to 9999, not " + twoDigitYearPivot);
        }
    }

    /**
     * UTC, month-first when undecided, no pinned forms, any instant from year 1 to 9999, two-digit years as
     * spreadsheets read them.
     */
    public static TimestampOptions forColumn(String column) {
        return new TimestampOptions(column, ZoneOffset.UTC, DayMonthOrder.MONTH_FIRST, null, List.of(),
                FIRST_WRITABLE, LAST_WRITABLE, SPREADSHEET_TWO_DIGIT_YEAR_PIVOT);
    }

    public TimestampOptions withDefaultZone(ZoneId zone) {
        return new TimestampOptions(column, zone, defaultOrder, pinnedOrder, pinnedPatterns, earliest, latest,
                twoDigitYearPivot);
    }

    public TimestampOptions withDefaultOrder(DayMonthOrder order) {
        return new TimestampOptions(column, defaultZone, order, pinnedOrder, pinnedPatterns, earliest, latest,
                twoDigitYearPivot);
    }

    public TimestampOptions withPinnedOrder(DayMonthOrder order) {
        return new TimestampOptions(column, defaultZone, defaultOrder, order, pinnedPatterns, earliest, latest,
                twoDigitYearPivot);
    }

    public TimestampOptions withPinnedPatterns(List<String> patterns) {
        return new TimestampOptions(column, defaultZone, defaultOrder, pinnedOrder, patterns, earliest, latest,
                twoDigitYearPivot);
    }

    public TimestampOptions withTwoDigitYearPivot(int pivot) {
        return new TimestampOptions(column, defaultZone, defaultOrder, pinnedOrder, pinnedPatterns, earliest, latest,
                pivot);
    }

    public TimestampOptions withPlausibleRange(Instant from, Instant to) {
        return new TimestampOptions(column, defaultZone, defaultOrder, pinnedOrder, pinnedPatterns, from, to,
                twoDigitYearPivot);
    }
}
