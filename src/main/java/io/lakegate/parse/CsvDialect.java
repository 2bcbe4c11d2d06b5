package io.lakegate.parse;

/**
 * How a CSV file separates and protects its fields.
 *
 * @param delimiter separates the fields of a record
 * @param quote     encloses a field that may hold delimiters, quotes or line breaks; {@link #NONE} when the
 *                  file never quotes
 * @param escape    inside a quoted field, makes the next character literal; {@link #NONE} when a quote is
 *                  only ever protected by doubling it (RFC 4180)
 */
public record CsvDialect(char delimiter, char quote, char escape) {

    /** Stands for "no quote" or "no escape": NUL never occurs in text that is worth parsing as CSV. */
    public static final char NONE = '\0';

    public CsvDialect {
        if (escape == quote) {
            // "escape = quote" is how many tools spell RFC 4180 doubling; one spelling keeps equals() meaningful.
            escape = NONE;
        }
        if (delimiter == NONE || delimiter == '\r' || delimiter == '\n') {
            throw new IllegalArgumentException("a delimiter must be a visible character or tab, got " + (int) delimiter);
        }
        if (quote != NONE && (quote == delimiter || quote == '\r' || quote == '\n')) {
            throw new IllegalArgumentException("the quote must differ from the delimiter and line breaks");
        }
        if (escape != NONE && (escape == delimiter || escape == '\r' || escape == '\n')) {
            throw new IllegalArgumentException("the escape must differ from the delimiter and line breaks");
        }
    }

    /** Comma, double quote, quotes escaped by doubling. */
    public static CsvDialect rfc4180() {
        return new CsvDialect(',', '"', NONE);
    }

    /** A word for the delimiter that survives JSON, log lines and error messages without escaping trouble. */
    public String describeDelimiter() {
        return switch (delimiter) {
            case ',' -> "comma";
            case ';' -> "semicolon";
            case '\t' -> "tab";
            case '|' -> "pipe";
            case '^' -> "caret";
            case ':' -> "colon";
            case ' ' -> "space";
            case '#' -> "hash";
            default -> String.valueOf(delimiter);
        };
    }
}
