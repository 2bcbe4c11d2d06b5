package io.lakegate.parse;

/**
 * A cell value that cannot become a value of its column's type. The message names the value, the column
 * and the reason, ready to be stored with the rejected row.
 * <p>
 * A bad file can raise this for millions of rows, so it carries no stack trace: filling one in would cost
 * more than the parse itself and would tell nothing the message does not.
 */
public final class ValueParseException extends Exception {

    /** What is wrong with the value, for callers that report a machine-readable code beside the message. */
    public enum Problem {
        /** Not a value of the type in any form read. */
        UNREADABLE,
        /** Readable only under the other day/month order or decimal separator than the one decided for the column. */
        CONTRADICTS_COLUMN,
        /** Readable, but outside the plausible range. */
        IMPLAUSIBLE
    }

    private final String column;
    private final String value;
    private final Problem problem;

    ValueParseException(String column, String value, Problem problem, String message) {
        super(message, null, false, false);
        this.column = column;
        this.value = value;
        this.problem = problem;
    }

    /** A value this package's parsers do not produce but a caller's own check rejects, e.g. too many digits. */
    public static ValueParseException unreadable(String column, String value, String message) {
        return new ValueParseException(column, value, Problem.UNREADABLE, message);
    }

    public Problem problem() {
        return problem;
    }

    public String column() {
        return column;
    }

    public String value() {
        return value;
    }
}
