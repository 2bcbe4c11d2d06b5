package io.lakegate.parse;

import java.math.BigDecimal;

/**
 * Parses one column's numbers, written as people and spreadsheets write them (see {@link NumberText}),
 * under the decimal separator decided for the column by {@link NumberColumnProfile#decide}. Thread-safe.
 * <p>
 * Exactness over convenience: a value with more decimal places than the scale asked of
 * {@link #parseUnscaled} is a failure, not rounded, unless the extra digits are zeros ({@code 1.500} at
 * scale 2 is 150; {@code 1.005} is refused), and a whole number must have no fraction other than zeros.
 * An unscaled value is limited to 18 digits, the most a Parquet DECIMAL stored as INT64 can declare.
 * <p>
 * A value that is only a number under the other separator ({@code 12,5} in a dot-decimal column)
 * contradicts the column's decision and is refused as such rather than read the other way: the column's
 * ambiguous values ({@code 1,250}) can only be read one way, so reading some rows the other way would make
 * the column mean two things.
 * <p>
 * Not thread-safe: it reads every value into the same {@link NumberText}. One per column of a file being read.
 */
public final class DecimalParser {

    private static final long MAX_UNSCALED = 999_999_999_999_999_999L;
    private static final long[] POWERS_OF_TEN = powersOfTen();
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private final String column;
    private final DecimalSeparator separator;
    private final NumberText number;

    DecimalParser(String column, DecimalSeparator separator) {
        this.column = column;
        this.separator = separator;
        this.number = new NumberText(separator);
    }

    public DecimalSeparator separator() {
        return separator;
    }

    /** The exact value, with the scale as written: 12.50 has scale 2 and 1.2E3 scale -2. */
    public BigDecimal parse(String value) throws ValueParseException {
        return read(value).toBigDecimal();
    }

    /** The value times 10^scale, as Parquet stores a DECIMAL(18, scale) in an INT64. */
    public long parseUnscaled(CharSequence value, int scale) throws ValueParseException {
        NumberText text = read(value);
        if (!text.fitsLong()) {
            return unscaledOfLongDigits(text.toBigDecimal(), value, scale);
        }
        long magnitude = text.significand();
        int surplusPlaces = text.scale() - scale;
        if (surplusPlaces > 0 && magnitude != 0) {
            if (surplusPlaces > NumberText.MAX_LONG_DIGITS || magnitude % POWERS_OF_TEN[surplusPlaces] != 0) {
                throw malformed(value, "more than " + scale + " decimal places");
            }
            magnitude /= POWERS_OF_TEN[surplusPlaces];
        } else if (surplusPlaces < 0 && magnitude != 0) {
            if (-surplusPlaces > NumberText.MAX_LONG_DIGITS || magnitude > MAX_UNSCALED / POWERS_OF_TEN[-surplusPlaces]) {
                throw tooManyDigits(value, scale);
            }
            magnitude *= POWERS_OF_TEN[-surplusPlaces];
        }
        return text.isNegative() ? -magnitude : magnitude;
    }

    /** A count, such as a quantity: 1,000 and 1 000 are a thousand, and so is 1.000 in a comma-decimal column. */
    public long parseLong(CharSequence value) throws ValueParseException {
        NumberText text = read(value);
        if (text.fitsLong() && text.scale() == 0) {
            return text.isNegative() ? -text.significand() : text.significand();
        }
        BigDecimal exact = text.toBigDecimal();
        if (exact.signum() != 0 && exact.stripTrailingZeros().scale() > 0) {
            throw malformed(value, "not a whole number");
        }
        if (exact.compareTo(LONG_MIN) < 0 || exact.compareTo(LONG_MAX) > 0) {
            throw malformed(value, "beyond the range of a 64-bit integer");
        }
        return exact.longValue();
    }

    private long unscaledOfLongDigits(BigDecimal exact, CharSequence value, int scale) throws ValueParseException {
        if (exact.signum() != 0 && exact.stripTrailingZeros().scale() > scale) {
            throw malformed(value, "more than " + scale + " decimal places");
        }
        BigDecimal unscaled = exact.movePointRight(scale);
        if (unscaled.abs().compareTo(BigDecimal.valueOf(MAX_UNSCALED)) > 0) {
            throw tooManyDigits(value, scale);
        }
        return unscaled.longValue();
    }

    private NumberText read(CharSequence value) throws ValueParseException {
        String problem = number.reread(value);
        if (problem == null) {
            return number;
        }
        if (NumberText.read(value, separator.other()).problem() == null) {
            throw new ValueParseException(column, value.toString(), ValueParseException.Problem.CONTRADICTS_COLUMN, "value '" + value + "' contradicts the "
                    + separator.label() + " decimal separator decided for column " + column);
        }
        throw malformed(value, problem);
    }

    private ValueParseException tooManyDigits(CharSequence value, int scale) {
        return malformed(value, "more than " + NumberText.MAX_LONG_DIGITS + " digits at scale " + scale);
    }

    private ValueParseException malformed(CharSequence value, String reason) {
        return new ValueParseException(column, value.toString(), ValueParseException.Problem.UNREADABLE,
                "cannot parse number '" + value + "' for column " + column + ": " + reason);
    }

    private static long[] powersOfTen() {
        long[] powers = new long[NumberText.MAX_LONG_DIGITS + 1];
        powers[0] = 1;
        for (int i = 1; i < powers.length; i++) {
            powers[i] = powers[i - 1] * 10;
        }
        return powers;
    }
}
