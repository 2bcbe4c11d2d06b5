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
 * <p>
 * Dates written with dots (15.03.2024) are day-first nearly everywhere, so they are weighed apart: they are
 * day-first unless the sample's dotted dates show more month-first evidence (08.21.71) than day-first. An
 * order pinned by the contract applies to dates with slashes and dashes; dotted dates stay day-first then,
 * as they were before they could be anything else.
 */
public final class TimestampColumnProfile {

    private final TimestampOptions options;
    private final DayMonthOrder order;
    private final Evidence undotted;
    private final Evidence dotted;
    private final DayMonthOrder dottedOrder;
    private final TimestampParser parser;

    private TimestampColumnProfile(TimestampOptions options, Evidence undotted, Evidence dotted) {
        this.options = options;
        this.order = options.pinnedOrder() != null ? options.pinnedOrder() : undotted.order(options.defaultOrder());
        this.undotted = undotted;
        this.dotted = dotted;
        this.dottedOrder = options.pinnedOrder() != null ? DayMonthOrder.DAY_FIRST
                : dotted.order(DayMonthOrder.DAY_FIRST);
        this.parser = new TimestampParser(options, order, dottedOrder);
    }

    /** How many sample values depend on the order, and how many of them are a date in only one of the two orders. */
    private static final class Evidence {
        int ordered;
        int dayFirst;
        int monthFirst;

        /** The order with more evidence; a tie, including none, falls back to the default. */
        DayMonthOrder order(DayMonthOrder fallback) {
            return dayFirst == monthFirst ? fallback
                    : dayFirst > monthFirst ? DayMonthOrder.DAY_FIRST : DayMonthOrder.MONTH_FIRST;
        }

        boolean contradicts(DayMonthOrder decided) {
            return decided == DayMonthOrder.DAY_FIRST ? monthFirst > 0 : dayFirst > 0;
        }
    }

    /** @param sample the column's first values; nulls and blanks are skipped */
    public static TimestampColumnProfile decide(Iterable<String> sample, TimestampOptions options) {
        Evidence undotted = new Evidence();
        Evidence dotted = new Evidence();
        for (String value : sample) {
            if (value == null || value.isBlank()) {
                continue;
            }
            TimestampText text = TimestampText.read(value, options.twoDigitYearPivot());
            if (text.problem() != null || text.isEpoch() || !text.hasOpenOrder()) {
                continue;
            }
            Evidence evidence = text.isDotted() ? dotted : undotted;
            evidence.ordered++;
            boolean dayFirstDate = text.isValidDate(DayMonthOrder.DAY_FIRST);
            boolean monthFirstDate = text.isValidDate(DayMonthOrder.MONTH_FIRST);
            if (dayFirstDate && !monthFirstDate) {
                evidence.dayFirst++;
            } else if (monthFirstDate && !dayFirstDate) {
                evidence.monthFirst++;
            }
        }
        return new TimestampColumnProfile(options, undotted, dotted);
    }

    /** The order of dates written with slashes or dashes. */
    public DayMonthOrder order() {
        return order;
    }

    /** The order of dates written with dots. */
    public DayMonthOrder dottedOrder() {
        return dottedOrder;
    }

    /** Sample values with slashes or dashes that are only a date when read day first. */
    public int dayFirstValues() {
        return undotted.dayFirst;
    }

    /** Sample values with slashes or dashes that are only a date when read month first. */
    public int monthFirstValues() {
        return undotted.monthFirst;
    }

    /** The sample holds values that are only dates in the order that was not decided. */
    public boolean isInconsistent() {
        return (order == DayMonthOrder.DAY_FIRST ? undotted.monthFirst > 0 : undotted.dayFirst > 0)
                || dotted.contradicts(dottedOrder);
    }

    public TimestampParser parser() {
        return parser;
    }

    /**
     * What the sample told about this column, in the audit's words. A column of ISO, epoch or named-month values
     * has no day/month order to decide, so none is claimed for it.
     */
    public String note() {
        if (options.pinnedOrder() != null) {
            return order.label() + " dates (pinned by the contract)";
        }
        if (undotted.ordered + dotted.ordered == 0) {
            return "no dates in day/month order in the sample (year-first, epoch or named-month forms)";
        }
        String note = undotted.ordered == 0 ? "" : order.label() + " dates (" + basis(undotted) + ")";
        String dottedNote = dotted.ordered == 0 ? "" : "dotted dates " + dottedOrder.label() + " (" + basis(dotted) + ")";
        return note.isEmpty() ? dottedNote : dottedNote.isEmpty() ? note : note + "; " + dottedNote;
    }

    private static String basis(Evidence evidence) {
        if (evidence.dayFirst == 0 && evidence.monthFirst == 0) {
            return "the default: " + evidence.ordered + " sample values read either way";
        }
        return evidence.dayFirst == evidence.monthFirst
                ? "the default: the sample is split, " + evidence.dayFirst + " values each way"
                : "decided by " + Math.max(evidence.dayFirst, evidence.monthFirst) + " of " + evidence.ordered + " sample values";
    }

    @Override
    public String toString() {
        String basis = options.pinnedOrder() != null ? "pinned by the contract"
                : undotted.dayFirst == undotted.monthFirst ? "the default, the sample did not tell"
                : "decided by the sample";
        String description = "column " + options.column() + ": " + order.label() + " (" + basis + "; "
                + undotted.dayFirst + " day-first and " + undotted.monthFirst + " month-first values)";
        return dotted.dayFirst + dotted.monthFirst == 0 ? description
                : description + "; dotted dates " + dottedOrder.label() + " (" + dotted.dayFirst
                        + " day-first and " + dotted.monthFirst + " month-first values)";
    }
}
