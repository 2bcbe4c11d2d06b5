package io.lakegate.process;

import io.lakegate.contract.DataContract;
import io.lakegate.contract.HeaderMapping;
import io.lakegate.parse.CharSlice;
import io.lakegate.parse.DayMonthOrder;
import io.lakegate.parse.DecimalParser;
import io.lakegate.parse.DecimalSeparator;
import io.lakegate.parse.NumberColumnProfile;
import io.lakegate.parse.NumberOptions;
import io.lakegate.parse.TimestampColumnProfile;
import io.lakegate.parse.TimestampOptions;
import io.lakegate.parse.TimestampParser;
import io.lakegate.parse.ValueParseException;
import io.lakegate.record.LogicalType;
import io.lakegate.record.RecordSchema;
import io.lakegate.record.RowReason;
import io.lakegate.record.TypedRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads one file's cells into typed values. How a column is read (day/month order, decimal separator) is
 * decided once per file from the first batch's values, never row by row, so one file cannot mix readings.
 */
public final class ColumnReaders {

    /** Reads one cell's trimmed, non-null text into the row; the text is only valid during the call. */
    @FunctionalInterface
    private interface CellReader {
        void read(CharSlice text, TypedRecord row, int column) throws ValueParseException;
    }

    private static final Set<String> TRUE_WORDS = Set.of("true", "t", "yes", "y", "1");
    private static final Set<String> FALSE_WORDS = Set.of("false", "f", "no", "n", "0");

    private final RecordSchema schema;
    private final int[] sourcePositions;
    private final int headerWidth;
    private final String[] nullTokens;
    private final int longestNullValue;
    // Bit n is set when a null token has n chars (for n below 64).
    private final long nullValueLengths;
    // The cell being read: one window moved over the batch's text, so reading a number makes no String.
    private final CharSlice cell = new CharSlice();
    private final CellReader[] readers;
    private final String[] invalidCodes;
    private final Map<String, String> decisions = new LinkedHashMap<>();
    private final Set<String> lowCardinalityColumns = new HashSet<>();
    private final SuspectText suspectText;

    private ColumnReaders(DataContract contract, RecordSchema schema, HeaderMapping mapping, int headerWidth,
            RawBatch sample, Instant now) {
        this.schema = schema;
        this.headerWidth = headerWidth;
        this.nullTokens = contract.nullValues().stream().distinct().toArray(String[]::new);
        this.longestNullValue = Arrays.stream(nullTokens).mapToInt(String::length).max().orElse(0);
        this.nullValueLengths = Arrays.stream(nullTokens).mapToInt(String::length).filter(length -> length < Long.SIZE)
                .mapToLong(length -> 1L << length).reduce(0, (a, b) -> a | b);
        this.sourcePositions = new int[schema.size()];
        this.readers = new CellReader[schema.size()];
        this.invalidCodes = new String[schema.size()];
        ZoneId zone = contract.schema().timezone() == null ? ZoneOffset.UTC : ZoneId.of(contract.schema().timezone());
        String[] stringColumns = new String[schema.size()];
        for (int c = 0; c < schema.size(); c++) {
            stringColumns[c] = schema.column(c).type() == LogicalType.STRING ? schema.column(c).name() : null;
        }
        this.suspectText = new SuspectText(stringColumns);
        for (int c = 0; c < schema.size(); c++) {
            RecordSchema.Column column = schema.column(c);
            sourcePositions[c] = mapping.columnPositions().getOrDefault(column.name(), -1);
            DataContract.Format format = contract.property(column.name()).orElseThrow().format();
            List<String> values = sampleValues(sample, sourcePositions[c]);
            boolean fewValues = column.type() == LogicalType.STRING && sourcePositions[c] >= 0 && hasFewValues(values);
            if (fewValues) {
                lowCardinalityColumns.add(column.name());
            }
            readers[c] = switch (column.type()) {
                case STRING -> fewValues ? repeatedStringReader() : (text, row, col) -> row.setText(col, text);
                case INTEGER -> integerReader(column, format, values);
                case DECIMAL -> decimalReader(column, format, values);
                case TIMESTAMP -> timestampReader(column, format, values, zone, now);
                case DATE -> dateReader(column, format, values, zone, now);
                case BOOLEAN -> ColumnReaders::readBoolean;
            };
            invalidCodes[c] = "invalid_" + column.type().name().toLowerCase(Locale.ROOT);
        }
    }

    public static ColumnReaders decide(DataContract contract, RecordSchema schema, HeaderMapping mapping, int headerWidth,
            RawBatch sample, Instant now) {
        return new ColumnReaders(contract, schema, mapping, headerWidth, sample, now);
    }

    // A string column is stored with a dictionary when its sample repeats values this much or more.
    private static final int VALUES_PER_DISTINCT_FOR_DICTIONARY = 10;

    /** The string columns whose sample holds few distinct values, so a Parquet dictionary pays off. */
    Set<String> lowCardinalityColumns() {
        return lowCardinalityColumns;
    }

    private static boolean hasFewValues(List<String> sample) {
        return !sample.isEmpty() && sample.stream().distinct().count() * VALUES_PER_DISTINCT_FOR_DICTIONARY <= sample.size();
    }

    // A column of few values hands out one String per value instead of a new one per cell.
    private static CellReader repeatedStringReader() {
        RepeatedStrings strings = new RepeatedStrings();
        return (text, row, col) -> row.setString(col, strings.of(text));
    }

    /** The string columns holding values that look decoded wrong (mojibake, U+FFFD), with their counts. */
    Map<String, SuspectText.Column> suspectText() {
        return suspectText.suspectColumns();
    }

    /** Per column, what was decided from the sample (e.g. {@code sold_at: day-first}), for the audit. */
    public Map<String, String> decisions() {
        return decisions;
    }

    /** Fills {@code row} from source row {@code i} of the batch, recording a reason for every unreadable cell. */
    public void read(RawBatch batch, int i, TypedRecord row) {
        row.reset(batch.line(i), batch, i);
        int fieldCount = batch.fieldCount(i);
        if (fieldCount != headerWidth) {
            row.rejectRow(new RowReason("shape", null, "column_count_mismatch",
                    "the row has " + fieldCount + " fields; the header has " + headerWidth));
            return;
        }
        if (batch.hasUndecodableCharacters(i)) {
            row.reject(new RowReason("encoding", null, "invalid_encoding", "the row holds bytes that are not valid "
                    + "in the file's encoding (shown as \uFFFD)"));
        }
        for (int c = 0; c < readers.length; c++) {
            int position = sourcePositions[c];
            if (position < 0) {
                continue;
            }
            CharSlice text = batch.field(i, position, cell).strip();
            if (isNull(text)) {
                continue;
            }
            if (suspectText.watches(c)) {
                suspectText.count(c, text, batch.hasHighCharacters(i));
            }
            try {
                readers[c].read(text, row, c);
            } catch (ValueParseException e) {
                row.rejectValue(c, new RowReason("type", schema.column(c).name(), codeFor(e, c), e.getMessage()));
            }
        }
    }

    // Most cells have a length no null token has, and need no comparison with them.
    private boolean isNull(CharSlice text) {
        int length = text.length();
        if (length == 0) {
            return true;
        }
        if (length > longestNullValue || (length < Long.SIZE && (nullValueLengths & (1L << length)) == 0)) {
            return false;
        }
        for (String token : nullTokens) {
            if (text.contentEquals(token)) {
                return true;
            }
        }
        return false;
    }

    private String codeFor(ValueParseException e, int column) {
        return switch (e.problem()) {
            case UNREADABLE -> invalidCodes[column];
            case CONTRADICTS_COLUMN -> "inconsistent_format";
            case IMPLAUSIBLE -> "implausible_value";
        };
    }

    private CellReader integerReader(RecordSchema.Column column, DataContract.Format format, List<String> values) {
        DecimalParser parser = numberProfile(column, format, values, true).parser();
        return (text, row, col) -> row.setLong(col, parser.parseLong(text));
    }

    private CellReader decimalReader(RecordSchema.Column column, DataContract.Format format, List<String> values) {
        DecimalParser parser = numberProfile(column, format, values, false).parser();
        int scale = column.scale();
        long limit = column.precision() >= 18 ? Long.MAX_VALUE : BigDecimal.ONE.movePointRight(column.precision()).longValueExact();
        String name = column.name();
        return (text, row, col) -> {
            long unscaled = parser.parseUnscaled(text, scale);
            if (unscaled >= limit || unscaled <= -limit) {
                throw precisionExceeded(name, text, column);
            }
            row.setLong(col, unscaled);
        };
    }

    private NumberColumnProfile numberProfile(RecordSchema.Column column, DataContract.Format format, List<String> values,
            boolean whole) {
        NumberOptions options = NumberOptions.forColumn(column.name());
        if (whole) {
            options = options.ofWholeNumbers();
        }
        if (format != null && format.decimalSeparator() != null) {
            options = options.withPinnedSeparator(DecimalSeparator.valueOf(format.decimalSeparator().toUpperCase(Locale.ROOT)));
        }
        NumberColumnProfile profile = NumberColumnProfile.decide(values, options);
        decisions.put(column.name(), profile.note());
        return profile;
    }

    private CellReader timestampReader(RecordSchema.Column column, DataContract.Format format, List<String> values,
            ZoneId zone, Instant now) {
        TimestampParser parser = timestampProfile(column, format, values, zone, now).parser();
        return (text, row, col) -> row.setLong(col, parser.parseToEpochMicros(text));
    }

    private CellReader dateReader(RecordSchema.Column column, DataContract.Format format, List<String> values,
            ZoneId zone, Instant now) {
        TimestampParser parser = timestampProfile(column, format, values, zone, now).parser();
        return (text, row, col) -> {
            long micros = parser.parseToEpochMicros(text);
            Instant instant = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L));
            row.setLong(col, LocalDate.ofInstant(instant, zone).toEpochDay());
        };
    }

    private TimestampColumnProfile timestampProfile(RecordSchema.Column column, DataContract.Format format,
            List<String> values, ZoneId zone, Instant now) {
        TimestampOptions options = TimestampOptions.forColumn(column.name()).withDefaultZone(zone);
        if (format != null) {
            if (format.dayMonthOrder() != null) {
                options = options.withPinnedOrder(DayMonthOrder.valueOf(format.dayMonthOrder().toUpperCase(Locale.ROOT)));
            }
            if (format.patterns() != null) {
                options = options.withPinnedPatterns(format.patterns());
            }
            if (format.twoDigitYearPivot() != null) {
                options = options.withTwoDigitYearPivot(format.twoDigitYearPivot());
            }
            Instant earliest = format.notBefore() == null ? options.earliest() : format.notBefore().atStartOfDay(zone).toInstant();
            Instant latest = format.maxFuture() == null ? options.latest() : now.plus(format.maxFuture());
            options = options.withPlausibleRange(earliest, latest);
        }
        TimestampColumnProfile profile = TimestampColumnProfile.decide(values, options);
        decisions.put(column.name(), profile.note());
        return profile;
    }

    private static void readBoolean(CharSequence cell, TypedRecord row, int column) throws ValueParseException {
        String text = cell.toString();
        String word = text.toLowerCase(Locale.ROOT);
        if (TRUE_WORDS.contains(word)) {
            row.setLong(column, 1);
        } else if (FALSE_WORDS.contains(word)) {
            row.setLong(column, 0);
        } else {
            throw ValueParseException.unreadable(null, text, "cannot read '" + text + "' as a boolean");
        }
    }

    private static ValueParseException precisionExceeded(String name, CharSequence cell, RecordSchema.Column column) {
        String text = cell.toString();
        return ValueParseException.unreadable(name, text, "value '" + text + "' for column " + name
                + " has more than " + column.precision() + " digits (DECIMAL(" + column.precision() + "," + column.scale() + "))");
    }

    private List<String> sampleValues(RawBatch sample, int position) {
        List<String> values = new ArrayList<>();
        if (position < 0 || sample == null) {
            return values;
        }
        CharSlice slice = new CharSlice();
        for (int i = 0; i < sample.size(); i++) {
            if (sample.fieldCount(i) == headerWidth) {
                CharSlice text = sample.field(i, position, slice).strip();
                if (!isNull(text)) {
                    values.add(text.toString());
                }
            }
        }
        return values;
    }
}
