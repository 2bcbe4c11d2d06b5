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
 */
public record TimestampOptions(
        String column,
        ZoneId defaultZone,
        DayMonthOrder defaultOrder,
        DayMonthOrder pinnedOrder,
        List<String> pinnedPatterns,
        Instant earliest,
        Instant latest) {

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
    }

    /** UTC, month-first when undecided, no pinned forms, any instant from year 1 to 9999. */
    public static TimestampOptions forColumn(String column) {
        return new TimestampOptions(column, ZoneOffset.UTC, DayMonthOrder.MONTH_FIRST, null, List.of(),
                FIRST_WRITABLE, LAST_WRITABLE);
    }

    public TimestampOptions withDefaultZone(ZoneId zone) {
        return new TimestampOptions(column, zone, defaultOrder, pinnedOrder, pinnedPatterns, earliest, latest);
    }

    public TimestampOptions withDefaultOrder(DayMonthOrder order) {
        return new TimestampOptions(column, defaultZone, order, pinnedOrder, pinnedPatterns, earliest, latest);
    }

    public TimestampOptions withPinnedOrder(DayMonthOrder order) {
        return new TimestampOptions(column, defaultZone, defaultOrder, order, pinnedPatterns, earliest, latest);
    }

    public TimestampOptions withPinnedPatterns(List<String> patterns) {
        return new TimestampOptions(column, defaultZone, defaultOrder, pinnedOrder, patterns, earliest, latest);
    }

    public TimestampOptions withPlausibleRange(Instant from, Instant to) {
        return new TimestampOptions(column, defaultZone, defaultOrder, pinnedOrder, pinnedPatterns, from, to);
    }
}
