package io.lakegate.parse;

/** Which of the two leading numbers of a date such as 03/04/2024 is the day. */
public enum DayMonthOrder {
    DAY_FIRST("day-first"),
    MONTH_FIRST("month-first");

    private final String label;

    DayMonthOrder(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    DayMonthOrder other() {
        return this == DAY_FIRST ? MONTH_FIRST : DAY_FIRST;
    }
}
