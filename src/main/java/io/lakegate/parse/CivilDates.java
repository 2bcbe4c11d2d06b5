package io.lakegate.parse;

/** Proleptic Gregorian calendar arithmetic on plain ints, so that reading a date allocates nothing. */
final class CivilDates {

    static final int SECONDS_PER_DAY = 86_400;

    private CivilDates() {
    }

    static boolean isValid(int year, int month, int day) {
        return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
    }

    static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> isLeap(year) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /**
     * Days since 1970-01-01. Years are counted from March so that the leap day is the last day of its
     * counted year, which turns the month lengths into a closed formula.
     */
    static long epochDay(int year, int month, int day) {
        long countedYear = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(countedYear, 400);
        long yearOfEra = countedYear - era * 400;
        int monthFromMarch = month > 2 ? month - 3 : month + 9;
        long dayOfYear = (153L * monthFromMarch + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }

    /** ISO day of week, 1 for Monday to 7 for Sunday; 1970-01-01 was a Thursday. */
    static int dayOfWeek(long epochDay) {
        return Math.floorMod(epochDay + 3, 7) + 1;
    }

    private static boolean isLeap(int year) {
        return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    }
}
