package io.lakegate.quality;

import io.lakegate.contract.DataContract;
import io.lakegate.record.LogicalType;
import io.lakegate.record.RecordSchema;
import io.lakegate.record.RowReason;
import io.lakegate.record.TypedRecord;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A contract's data-quality rules, compiled once per file and applied to every typed row. Column rules look
 * only at values that are present and were read without error: a missing value is the not-null rule's
 * business and an unreadable one already carries its reason. Holds the per-file state of uniqueness checks,
 * so one instance serves exactly one file.
 */
public final class QualityRules implements AutoCloseable {

    // 4M slots (48 MB) in the heap hold 2.9M keys; 32M slots (384 MB) outside it hold 23M; more go to a file.
    private static final int HEAP_KEY_SLOTS = 1 << 22;
    private static final int MEMORY_KEY_SLOTS = 1 << 25;

    private record Compiled(Severity severity, RowCheck check) {
    }

    private static final Set<String> CURRENCY_CODES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());

    // Rows whose keys are looked up in the key tables together; their slots stay in the processor's cache
    // until the rules reach them.
    private static final int LOOK_AHEAD_ROWS = 256;

    // An array, not a list: this loop runs for every rule of every row.
    private final Compiled[] rules;
    private final List<Unique> uniques;
    // What the look-ahead read, kept only so that the reads cannot be optimised away.
    private long fetched;

    private QualityRules(List<Compiled> rules, List<Unique> uniques) {
        this.rules = rules.toArray(Compiled[]::new);
        this.uniques = uniques;
    }

    /** @param spillDirectory where duplicate-key tables too large for the heap are mapped */
    public static QualityRules compile(DataContract contract, RecordSchema schema, Path spillDirectory) {
        List<Compiled> rules = new ArrayList<>();
        List<Unique> uniques = new ArrayList<>();
        for (DataContract.Property p : contract.properties()) {
            int column = schema.position(p.name());
            if (p.required()) {
                rules.add(new Compiled(Severity.REJECT, notNull(p.name(), column)));
            } else if (p.name().equals(contract.schema().eventTime())) {
                rules.add(new Compiled(Severity.REJECT, eventTimePresent(p.name(), column)));
            }
            if (p.unique()) {
                Unique unique = new Unique(p.name(), column, schema.column(column).type(),
                        new KeyFirstLines(HEAP_KEY_SLOTS, MEMORY_KEY_SLOTS, spillDirectory));
                uniques.add(unique);
                rules.add(new Compiled(Severity.REJECT, unique));
            }
            for (DataContract.Rule rule : p.qualityOrEmpty()) {
                rules.add(new Compiled(Severity.of(rule.severity()), columnRule(rule, p.name(), column, schema)));
            }
        }
        for (DataContract.Rule rule : contract.qualityOrDefault().rulesOrEmpty()) {
            rules.add(new Compiled(Severity.of(rule.severity()), equalsProduct(rule, schema)));
        }
        return new QualityRules(rules, uniques);
    }

    /** Readies the per-file state for about {@code rows} rows, once their number can be estimated. */
    public void expectRows(long rows) {
        uniques.forEach(unique -> unique.seen().reserve(rows));
    }

    @Override
    public void close() {
        uniques.forEach(unique -> unique.seen().close());
    }

    /** {@link #apply(TypedRecord) Applies} the rules to the first {@code count} rows, in order. */
    public void apply(TypedRecord[] rows, int count) {
        for (int from = 0; from < count; from += LOOK_AHEAD_ROWS) {
            int to = Math.min(count, from + LOOK_AHEAD_ROWS);
            for (Unique unique : uniques) {
                fetched += unique.fetchAhead(rows, from, to);
            }
            for (int i = from; i < to; i++) {
                apply(rows[i]);
            }
        }
    }

    /** Records on the row every rule it fails, as a reject reason or a warning by the rule's severity. */
    public void apply(TypedRecord row) {
        if (row.unreadable()) {
            return;
        }
        for (Compiled rule : rules) {
            RowReason reason = rule.check().check(row);
            if (reason != null) {
                if (rule.severity() == Severity.REJECT) {
                    row.reject(reason);
                } else {
                    row.warn(reason);
                }
            }
        }
    }

    private static RowCheck notNull(String name, int column) {
        return row -> row.isNull(column) && !row.isInvalid(column)
                ? new RowReason("not_null", name, "missing_value", name + " is required but empty")
                : null;
    }

    // Rows are partitioned by their event time, so a row without one has no place in processed/.
    private static RowCheck eventTimePresent(String name, int column) {
        return row -> row.isNull(column) && !row.isInvalid(column)
                ? new RowReason("event_time", name, "missing_event_time", name + " is the event time and must not be empty")
                : null;
    }

    /** The {@code unique} rule of a column: each key may appear once in the file. */
    private record Unique(String name, int column, LogicalType type, KeyFirstLines seen) implements RowCheck {

        @Override
        public RowReason check(TypedRecord row) {
            if (!row.hasValue(column)) {
                return null;
            }
            long firstLine = seen.add(hashOf(row), row.sourceLine());
            if (firstLine == KeyFirstLines.ADDED) {
                return null;
            }
            return new RowReason("unique", name, "duplicate_key", name + " '" + displayKey(row, column, type)
                    + "' appears earlier in this file" + (firstLine == KeyFirstLines.LINE_NOT_RECORDED ? "" : ", first on line " + firstLine));
        }

        long fetchAhead(TypedRecord[] rows, int from, int to) {
            long fetched = 0;
            for (int i = from; i < to; i++) {
                TypedRecord row = rows[i];
                if (!row.unreadable() && row.hasValue(column)) {
                    fetched += seen.fetch(hashOf(row));
                }
            }
            return fetched;
        }

        private long hashOf(TypedRecord row) {
            return type == LogicalType.STRING
                    ? KeyHash.ofUtf8(row.utf8Array(column), row.utf8Offset(column), row.utf8Length(column))
                    : KeyHash.of(row.getLong(column));
        }
    }

    private static RowCheck columnRule(DataContract.Rule rule, String name, int column, RecordSchema schema) {
        String label = rule.name() != null ? rule.name() : rule.rule();
        RecordSchema.Column spec = schema.column(column);
        return switch (rule.rule()) {
            case "accepted_values" -> {
                Set<String> accepted = new HashSet<>(rule.values());
                yield row -> !row.hasValue(column) || accepted.contains(row.getString(column)) ? null
                        : new RowReason(label, name, "value_not_accepted", name + " '" + row.getString(column)
                                + "' is not one of " + rule.values());
            }
            case "regex" -> {
                Pattern pattern = Pattern.compile(rule.pattern());
                yield row -> !row.hasValue(column) || pattern.matcher(row.getString(column)).matches() ? null
                        : new RowReason(label, name, "pattern_mismatch", name + " '" + row.getString(column)
                                + "' does not match " + rule.pattern());
            }
            case "length" -> {
                long min = rule.min() == null ? 0 : rule.min().longValue();
                long max = rule.max() == null ? Long.MAX_VALUE : rule.max().longValue();
                yield row -> {
                    if (!row.hasValue(column)) {
                        return null;
                    }
                    int length = codePoints(row.utf8Array(column), row.utf8Offset(column), row.utf8Length(column));
                    return length >= min && length <= max ? null : new RowReason(label, name, "invalid_length",
                            name + " '" + row.getString(column) + "' has " + length + " characters; allowed " + bounds(rule));
                };
            }
            case "range" -> {
                long min = rule.min() == null ? Long.MIN_VALUE : unscaled(rule.min(), spec.scale(), RoundingMode.CEILING);
                long max = rule.max() == null ? Long.MAX_VALUE : unscaled(rule.max(), spec.scale(), RoundingMode.FLOOR);
                yield row -> {
                    if (!row.hasValue(column)) {
                        return null;
                    }
                    long value = row.getLong(column);
                    return value >= min && value <= max ? null : new RowReason(label, name, "out_of_range",
                            name + " " + display(row, column, spec) + " is outside " + bounds(rule));
                };
            }
            case "iso_currency" -> row -> !row.hasValue(column) || isCurrencyCode(row.getString(column)) ? null
                    : new RowReason(label, name, "unknown_currency", name + " '" + row.getString(column)
                            + "' is not an ISO 4217 currency code");
            default -> throw new IllegalArgumentException("Unknown column rule " + rule.rule());
        };
    }

    // Every character starts with one byte that is not a continuation byte (10xxxxxx), whatever its length.
    private static int codePoints(byte[] utf8, int offset, int length) {
        int count = 0;
        for (int i = offset; i < offset + length; i++) {
            if ((utf8[i] & 0xC0) != 0x80) {
                count++;
            }
        }
        return count;
    }

    private static boolean isCurrencyCode(String value) {
        return value.length() == 3 && (CURRENCY_CODES.contains(value) || CURRENCY_CODES.contains(value.toUpperCase(Locale.ROOT)));
    }

    private static RowCheck equalsProduct(DataContract.Rule rule, RecordSchema schema) {
        String label = rule.name() != null ? rule.name() : rule.rule();
        int result = schema.position(rule.column());
        int[] factors = rule.factors().stream().mapToInt(schema::position).toArray();
        int productScale = rule.factors().stream().mapToInt(f -> schema.column(schema.position(f)).scale()).sum();
        int resultScale = schema.column(result).scale();
        int scale = Math.max(productScale, resultScale);
        BigDecimal tolerance = rule.tolerance() == null ? BigDecimal.ZERO : rule.tolerance();
        long toleranceUnscaled = tolerance.setScale(scale, RoundingMode.FLOOR).unscaledValue().longValueExact();
        long productFactor = BigDecimal.ONE.movePointRight(scale - productScale).longValueExact();
        long resultFactor = BigDecimal.ONE.movePointRight(scale - resultScale).longValueExact();
        return row -> {
            if (!row.hasValue(result)) {
                return null;
            }
            for (int factor : factors) {
                if (!row.hasValue(factor)) {
                    return null;
                }
            }
            // Exact in unscaled longs at a common scale; BigDecimal only when a product would overflow.
            try {
                long product = productFactor;
                for (int factor : factors) {
                    product = Math.multiplyExact(product, row.getLong(factor));
                }
                long actual = Math.multiplyExact(row.getLong(result), resultFactor);
                if (Math.abs(Math.subtractExact(actual, product)) <= toleranceUnscaled) {
                    return null;
                }
            } catch (ArithmeticException overflow) {
                if (exactDifference(row, result, factors, schema).compareTo(tolerance) <= 0) {
                    return null;
                }
            }
            BigDecimal product = BigDecimal.ONE;
            for (int factor : factors) {
                product = product.multiply(decimal(row, factor, schema));
            }
            return new RowReason(label, rule.column(), "product_mismatch", rule.column() + " "
                    + decimal(row, result, schema).toPlainString() + " differs from " + String.join(" × ", rule.factors())
                    + " = " + product.stripTrailingZeros().toPlainString() + " by more than " + tolerance.toPlainString());
        };
    }

    private static BigDecimal exactDifference(TypedRecord row, int result, int[] factors, RecordSchema schema) {
        BigDecimal product = BigDecimal.ONE;
        for (int factor : factors) {
            product = product.multiply(decimal(row, factor, schema));
        }
        return decimal(row, result, schema).subtract(product).abs();
    }

    private static BigDecimal decimal(TypedRecord row, int column, RecordSchema schema) {
        return BigDecimal.valueOf(row.getLong(column), schema.column(column).scale());
    }

    private static long unscaled(BigDecimal bound, int scale, RoundingMode rounding) {
        return bound.setScale(scale, rounding).unscaledValue().longValueExact();
    }

    private static String display(TypedRecord row, int column, RecordSchema.Column spec) {
        return spec.type() == LogicalType.DECIMAL
                ? BigDecimal.valueOf(row.getLong(column), spec.scale()).toPlainString()
                : Long.toString(row.getLong(column));
    }

    private static String displayKey(TypedRecord row, int column, LogicalType type) {
        return type == LogicalType.STRING ? row.getString(column) : Long.toString(row.getLong(column));
    }

    private static String bounds(DataContract.Rule rule) {
        String min = rule.min() == null ? "" : rule.min().toPlainString();
        String max = rule.max() == null ? "" : rule.max().toPlainString();
        return "[" + min + ".." + max + "]";
    }
}
