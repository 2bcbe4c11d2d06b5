package io.lakegate.parse;

/**
 * What a sample of one file's column says about its timestamps, and the parser that follows from it.
 * <p>
 * Only dates written dd/MM/yyyy or MM/dd/yyyy (with slashes or dashes) depend on the day/month order. Such
 * a value is evidence when just one reading is a real date: 25/03/2024 is day-first, 03/25/2024 is
 * month-first, 03/04/2024 is neither. The order with more evidence wins; a tie, including a sample without
 * evidence, falls back to the options' default order; an order pinned by the contract wins regardless.
 * <p>
 * Evidence for both orders means the column is inconsistent. The minority is then not read the other way
 * round: the parser rejects each value that is only a date in the order not decided, saying it contradicts
 * the decision, because reading such rows differently would silently swap day and month for the ambiguous
 * rows among them. {@link #isInconsistent()} lets the caller report the column as a whole.
 */
public final class TimestampColumnProfile {

    private final TimestampOptions options;
    private final DayMonthOrder order;
    private final int dayFirstValues;
    private final int monthFirstValues;
    private final TimestampParser parser;

    private TimestampColumnProfile(TimestampOptions options, DayMonthOrder order, int dayFirstValues,
            int monthFirstValues) {
        this.options = options;
        this.order = order;
        this.dayFirstValues = dayFirstValues;
        this.monthFirstValues = monthFirstValues;
        this.parser = new TimestampParser(options, order);
    }

    /** @param sample the column's first values; nulls and blanks are skipped */
    public static TimestampColumnProfile decide(Iterable<String> sample, TimestampOptions options) {
        int dayFirst = 0;
        int monthFirst = 0;
        for (String value : sample) {
            if (value == null || value.isBlank()) {
                continue;
            }
            TimestampText text = TimestampText.read(value);
            if (text.problem() != null || text.isEpoch() || !text.hasOpenOrder()) {
                continue;
            }
            boolean dayFirstDate = text.isValidDate(DayMonthOrder.DAY_FIRST);
            boolean monthFirstDate = text.isValidDate(DayMonthOrder.MONTH_FIRST);
            if (dayFirstDate && !monthFirstDate) {
                dayFirst++;
            } else if (monthFirstDate && !dayFirstDate) {
                monthFirst++;
            }
        }
        return new TimestampColumnProfile(options, choose(options, dayFirst, monthFirst), dayFirst, monthFirst);
    }

    private static DayMonthOrder choose(TimestampOptions options, int dayFirst, int monthFirst) {
        if (options.pinnedOrder() != null) {
            return options.pinnedOrder();
        }
        if (dayFirst == monthFirst) {
            return options.defaultOrder();
        }
        return dayFirst > monthFirst ? DayMonthOrder.DAY_FIRST : DayMonthOrder.MONTH_FIRST;
    }

    public DayMonthOrder order() {
        return order;
    }

    /** Sample values that are only a date when read day first. */
    public int dayFirstValues() {
        return dayFirstValues;
    }

    /** Sample values that are only a date when read month first. */
    public int monthFirstValues() {
        return monthFirstValues;
    }

    /** The sample holds values that are only dates in the order that was not decided. */
    public boolean isInconsistent() {
        return order == DayMonthOrder.DAY_FIRST ? monthFirstValues > 0 : dayFirstValues > 0;
    }

    public TimestampParser parser() {
        return parser;
    }

    @Override
    public String toString() {
        String basis = options.pinnedOrder() != null ? "pinned by the contract"
                : dayFirstValues == monthFirstValues ? "the default, the sample did not tell"
                : "decided by the sample";
        return "column " + options.column() + ": " + order.label() + " (" + basis + "; " + dayFirstValues
                + " day-first and " + monthFirstValues + " month-first values)";
    }
}
