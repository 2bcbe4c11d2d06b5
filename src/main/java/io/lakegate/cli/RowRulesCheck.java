package io.lakegate.cli;

import io.lakegate.contract.DataContract;
import io.lakegate.contract.HeaderMapping;
import io.lakegate.parse.CsvDialect;
import io.lakegate.parse.CsvReader;
import io.lakegate.parse.DayMonthOrder;
import io.lakegate.parse.DecimalParser;
import io.lakegate.parse.DecimalSeparator;
import io.lakegate.parse.NumberColumnProfile;
import io.lakegate.parse.NumberOptions;
import io.lakegate.parse.TimestampColumnProfile;
import io.lakegate.parse.TimestampOptions;
import io.lakegate.parse.TimestampParser;
import io.lakegate.parse.ValueParseException;
import io.lakegate.quality.QualityRules;
import io.lakegate.record.LogicalType;
import io.lakegate.record.RecordSchema;
import io.lakegate.record.RowReason;
import io.lakegate.record.SourceRows;
import io.lakegate.record.TypedRecord;
import io.lakegate.validate.DecodedSample;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The row rules of {@code check --rows}: every row of a local file read into the contract's types and put
 * through the contract's quality rules, counted as processing counts them, without a lake and without Parquet.
 * <p>
 * Processing's own cell readers ({@code process.ColumnReaders}) are not public, so their decisions are made here
 * the same way from the same parts: each column's day/month order and decimal separator decided once from the
 * first {@code batch-rows} rows by the parse package's column profiles, the contract's null values and pinned
 * formats honoured, a decimal held to its precision. {@link QualityRules} are processing's own.
 */
final class RowRulesCheck {

    /** The first rejected rows shown, as processing keeps the first ones as the sample of a refused file. */
    static final int FIRST_REJECTS = 5;

    record RejectedRow(long line, String original, List<RowReason> reasons) {
    }

    /** What processing would count; {@code wouldBeRefused} when the rejects exceed the contract's maxRejectedPercent. */
    record RowsReport(String contract, long rowsRead, long rowsGood, long rowsRejected, long rowsWarned,
            Map<String, Long> rejectsByRule, Map<String, Long> warningsByRule, Double maxRejectedPercent,
            boolean wouldBeRefused, List<RejectedRow> firstRejects) {
    }

    @FunctionalInterface
    private interface CellReader {
        void read(String text, TypedRecord row, int column) throws ValueParseException;
    }

    private static final Set<String> TRUE_WORDS = Set.of("true", "t", "yes", "y", "1");
    private static final Set<String> FALSE_WORDS = Set.of("false", "f", "no", "n", "0");

    private RowRulesCheck() {
    }

    static RowsReport run(Path file, DecodedSample sample, CsvDialect dialect, DataContract contract,
            int sampleRows) throws IOException {
        Path spill = Files.createTempDirectory("lakegate-check");
        try (CsvReader reader = open(file, sample, dialect)) {
            reader.captureRaw(true);
            if (!reader.next()) {
                throw new IOException(file + " has no header line");
            }
            List<String> header = new ArrayList<>(List.of(reader.fields()));
            header.set(0, header.get(0).replace("\uFEFF", ""));
            HeaderMapping mapping = HeaderMapping.resolve(contract, header);
            RecordSchema schema = RecordSchema.of(contract);
            List<Row> first = new ArrayList<>();
            while (first.size() < sampleRows && reader.next()) {
                first.add(Row.of(reader));
            }
            Tally tally = new Tally();
            try (QualityRules rules = QualityRules.compile(contract, schema, spill)) {
                Readers readers = new Readers(contract, schema, mapping, header.size(), first);
                TypedRecord typed = new TypedRecord(schema.size());
                for (Row row : first) {
                    tally.count(readers.check(row, typed, rules));
                }
                while (reader.next()) {
                    tally.count(readers.check(Row.of(reader), typed, rules));
                }
            }
            Double limit = contract.qualityOrDefault().maxRejectedPercent();
            return new RowsReport(contract.id(), tally.read, tally.read - tally.rejected, tally.rejected, tally.warned,
                    tally.rejectsByRule, tally.warningsByRule, limit,
                    limit != null && tally.rejected * 100.0 > limit * tally.read, tally.firstRejects);
        } finally {
            try (Stream<Path> files = Files.walk(spill)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static CsvReader open(Path file, DecodedSample sample, CsvDialect dialect) throws IOException {
        InputStream content = Files.newInputStream(file);
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
            content = new GZIPInputStream(content, 1 << 16);
        }
        return new CsvReader(new InputStreamReader(content, sample.charset().newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)), dialect);
    }

    /** One source row, kept as text: the rows of the first batch wait for the columns' decisions. */
    private record Row(long line, String text, String[] fields) implements SourceRows {

        static Row of(CsvReader reader) {
            return new Row(reader.lineNumber(), reader.rawRecord(), reader.fields());
        }

        @Override
        public String text(int row) {
            return text;
        }

        @Override
        public String[] fields(int row) {
            return fields;
        }
    }

    private static final class Tally {
        long read;
        long rejected;
        long warned;
        final Map<String, Long> rejectsByRule = new TreeMap<>();
        final Map<String, Long> warningsByRule = new TreeMap<>();
        final List<RejectedRow> firstRejects = new ArrayList<>();

        void count(TypedRecord row) {
            read++;
            if (row.rejected()) {
                rejected++;
                row.rejectReasons().forEach(reason -> rejectsByRule.merge(reason.rule(), 1L, Long::sum));
                if (firstRejects.size() < FIRST_REJECTS) {
                    firstRejects.add(new RejectedRow(row.sourceLine(), row.sourceText(), List.copyOf(row.rejectReasons())));
                }
            } else if (!row.warnings().isEmpty()) {
                warned++;
            }
            row.warnings().forEach(reason -> warningsByRule.merge(reason.rule(), 1L, Long::sum));
        }
    }

    /** Each column's reader, decided from the first rows' values. */
    private static final class Readers {
        private final RecordSchema schema;
        private final int headerWidth;
        private final List<String> nullValues;
        private final int[] sourcePositions;
        private final CellReader[] readers;

        Readers(DataContract contract, RecordSchema schema, HeaderMapping mapping, int headerWidth, List<Row> sample) {
            this.schema = schema;
            this.headerWidth = headerWidth;
            this.nullValues = contract.nullValues();
            this.sourcePositions = new int[schema.size()];
            this.readers = new CellReader[schema.size()];
            ZoneId zone = contract.schema().timezone() == null ? ZoneOffset.UTC : ZoneId.of(contract.schema().timezone());
            Instant now = Instant.now();
            for (int c = 0; c < schema.size(); c++) {
                RecordSchema.Column column = schema.column(c);
                sourcePositions[c] = mapping.columnPositions().getOrDefault(column.name(), -1);
                DataContract.Format format = contract.property(column.name()).orElseThrow().format();
                List<String> values = values(sample, sourcePositions[c]);
                readers[c] = switch (column.type()) {
                    case STRING -> (text, row, col) -> row.setString(col, text);
                    case INTEGER -> integerReader(column, format, values);
                    case DECIMAL -> decimalReader(column, format, values);
                    case TIMESTAMP -> timestampReader(column, format, values, zone, now);
                    case DATE -> dateReader(column, format, values, zone, now);
                    case BOOLEAN -> Readers::readBoolean;
                };
            }
        }

        TypedRecord check(Row source, TypedRecord row, QualityRules rules) {
            row.reset(source.line(), source, 0);
            if (source.fields().length != headerWidth) {
                row.rejectRow(new RowReason("shape", null, "column_count_mismatch",
                        "the row has " + source.fields().length + " fields; the header has " + headerWidth));
                return row;
            }
            if (source.text().indexOf('\uFFFD') >= 0) {
                row.reject(new RowReason("encoding", null, "invalid_encoding", "the row holds bytes that are not valid "
                        + "in the file's encoding (shown as \uFFFD)"));
            }
            for (int c = 0; c < readers.length; c++) {
                if (sourcePositions[c] < 0) {
                    continue;
                }
                String text = source.fields()[sourcePositions[c]].strip();
                if (isNull(text)) {
                    continue;
                }
                try {
                    readers[c].read(text, row, c);
                } catch (ValueParseException e) {
                    row.rejectValue(c, new RowReason("type", schema.column(c).name(), codeFor(e, schema.column(c).type()),
                            e.getMessage()));
                }
            }
            rules.apply(row);
            return row;
        }

        private boolean isNull(String text) {
            return text.isEmpty() || nullValues.contains(text);
        }

        private static String codeFor(ValueParseException e, LogicalType type) {
            return switch (e.problem()) {
                case UNREADABLE -> "invalid_" + type.name().toLowerCase(Locale.ROOT);
                case CONTRADICTS_COLUMN -> "inconsistent_format";
                case IMPLAUSIBLE -> "implausible_value";
            };
        }

        private List<String> values(List<Row> sample, int position) {
            List<String> values = new ArrayList<>();
            if (position < 0) {
                return values;
            }
            for (Row row : sample) {
                if (row.fields().length == headerWidth && !isNull(row.fields()[position].strip())) {
                    values.add(row.fields()[position].strip());
                }
            }
            return values;
        }

        private static CellReader integerReader(RecordSchema.Column column, DataContract.Format format, List<String> values) {
            DecimalParser parser = numberParser(column, format, values, true);
            return (text, row, col) -> row.setLong(col, parser.parseLong(text));
        }

        private static CellReader decimalReader(RecordSchema.Column column, DataContract.Format format, List<String> values) {
            DecimalParser parser = numberParser(column, format, values, false);
            long limit = column.precision() >= 18 ? Long.MAX_VALUE : BigDecimal.ONE.movePointRight(column.precision()).longValueExact();
            return (text, row, col) -> {
                long unscaled = parser.parseUnscaled(text, column.scale());
                if (unscaled >= limit || unscaled <= -limit) {
                    throw ValueParseException.unreadable(column.name(), text, "value '" + text + "' for column " + column.name()
                            + " has more than " + column.precision() + " digits (DECIMAL(" + column.precision() + ","
                            + column.scale() + "))");
                }
                row.setLong(col, unscaled);
            };
        }

        private static DecimalParser numberParser(RecordSchema.Column column, DataContract.Format format, List<String> values,
                boolean whole) {
            NumberOptions options = NumberOptions.forColumn(column.name());
            if (whole) {
                options = options.ofWholeNumbers();
            }
            if (format != null && format.decimalSeparator() != null) {
                options = options.withPinnedSeparator(DecimalSeparator.valueOf(format.decimalSeparator().toUpperCase(Locale.ROOT)));
            }
            return NumberColumnProfile.decide(values, options).parser();
        }

        private static CellReader timestampReader(RecordSchema.Column column, DataContract.Format format, List<String> values,
                ZoneId zone, Instant now) {
            TimestampParser parser = timestampParser(column, format, values, zone, now);
            return (text, row, col) -> row.setLong(col, parser.parseToEpochMicros(text));
        }

        private static CellReader dateReader(RecordSchema.Column column, DataContract.Format format, List<String> values,
                ZoneId zone, Instant now) {
            TimestampParser parser = timestampParser(column, format, values, zone, now);
            return (text, row, col) -> {
                Instant instant = Instant.ofEpochSecond(Math.floorDiv(parser.parseToEpochMicros(text), 1_000_000L));
                row.setLong(col, LocalDate.ofInstant(instant, zone).toEpochDay());
            };
        }

        private static TimestampParser timestampParser(RecordSchema.Column column, DataContract.Format format,
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
            return TimestampColumnProfile.decide(values, options).parser();
        }

        private static void readBoolean(String text, TypedRecord row, int column) throws ValueParseException {
            String word = text.toLowerCase(Locale.ROOT);
            if (TRUE_WORDS.contains(word)) {
                row.setLong(column, 1);
            } else if (FALSE_WORDS.contains(word)) {
                row.setLong(column, 0);
            } else {
                throw ValueParseException.unreadable(null, text, "cannot read '" + text + "' as a boolean");
            }
        }
    }
}
