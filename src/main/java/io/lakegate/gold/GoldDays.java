package io.lakegate.gold;

import java.time.LocalDate;

/** Gold's partition value: the UTC day of the event time, counted as Iceberg's {@code day()} transform counts it. */
final class GoldDays {

    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private GoldDays() {}

    /** Days since 1970-01-01 of a timestamp in microseconds since the epoch. */
    static int ofMicros(long micros) {
        return Math.toIntExact(Math.floorDiv(micros, MICROS_PER_DAY));
    }

    static LocalDate toDate(int day) {
        return LocalDate.ofEpochDay(day);
    }
}
