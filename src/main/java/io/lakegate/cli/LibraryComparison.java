package io.lakegate.cli;

import io.lakegate.parquet.ColumnType;
import io.lakegate.parquet.ParquetCodec;
import io.lakegate.parquet.ParquetColumn;
import io.lakegate.parquet.ParquetPartWriter;
import io.lakegate.parquet.ParquetSettings;
import io.lakegate.parquet.RowView;
import io.lakegate.parse.CsvDialect;
import io.lakegate.parse.CsvReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;

/**
 * {@code bench --compare-libraries}: the CSV reader and the Parquet writer Lakegate has, beside the libraries the
 * design card named (Apache Commons CSV, which {@code camel-csv} wraps, and {@code parquet-avro}), on the same input,
 * runs interleaved so a busy machine slows both alike. Each side does the same work: the readers turn every field
 * of every record into a string; the writers write the same typed rows with the same schema, dictionary columns,
 * codec and row group size.
 */
final class LibraryComparison {

    private static final String DECIMAL_BYTES = "amount";
    private static final String[] CURRENCIES = {"USD", "EUR", "GBP", "JPY", "CHF"};
    private static final List<ParquetColumn> SALES = List.of(
            ParquetColumn.of("transaction_id", ColumnType.STRING, false),
            ParquetColumn.of("store_id", ColumnType.STRING, false).withDictionary(),
            ParquetColumn.of("sku", ColumnType.STRING, false).withDictionary(),
            ParquetColumn.of("quantity", ColumnType.LONG, false),
            ParquetColumn.decimal(DECIMAL_BYTES, 18, 2, false),
            ParquetColumn.of("currency", ColumnType.STRING, false).withDictionary(),
            ParquetColumn.of("customer_id", ColumnType.STRING, true),
            ParquetColumn.of("sold_at", ColumnType.TIMESTAMP, false));

    private LibraryComparison() {
    }

    /** The seconds each run of one side took. */
    record Side(String name, List<Double> seconds) {

        Side(String name) {
            this(name, new ArrayList<>());
        }

        double medianSeconds() {
            List<Double> sorted = new ArrayList<>(seconds);
            Collections.sort(sorted);
            return sorted.get(sorted.size() / 2);
        }
    }

    /** What a reader read: its records, and the characters of all their fields. */
    record Fields(long records, long chars) {
    }

    static void run(Path csv, long writeRows, int runs, Path work, PrintStream out) throws IOException {
        long csvBytes = Files.size(csv);
        Side ours = new Side("Lakegate CsvReader");
        Side commons = new Side("Commons CSV (camel-csv)");
        Fields read = null;
        for (int run = 0; run < runs; run++) {
            Fields ourFields = timed(ours, () -> readWithLakegate(csv));
            Fields theirFields = timed(commons, () -> readWithCommonsCsv(csv));
            if (!ourFields.equals(theirFields)) {
                throw new IllegalStateException("The readers disagree: " + ourFields + " against " + theirFields);
            }
            read = ourFields;
        }
        print(out, "Reading " + csv.getFileName() + " (every field of every record as a string)", read.records(),
                ours, csvBytes, commons, csvBytes, "in");

        Path oursFile = work.resolve("lakegate.parquet");
        Path avroFile = work.resolve("parquet-avro.parquet");
        Side ourWriter = new Side("Lakegate ParquetPartWriter");
        Side avroWriter = new Side("parquet-avro AvroParquetWriter");
        for (int run = 0; run < runs; run++) {
            timed(ourWriter, () -> writeWithLakegate(oursFile, writeRows));
            timed(avroWriter, () -> writeWithAvro(avroFile, writeRows));
        }
        print(out, String.format(Locale.ROOT, "Writing %,d typed sales rows (ZSTD, %d MB row groups, dictionary on store_id,"
                + " sku, currency)", writeRows, ParquetSettings.defaults().rowGroupBytes() >> 20), writeRows,
                ourWriter, Files.size(oursFile), avroWriter, Files.size(avroFile), "out");
    }

    /** Counts the characters of all fields too, so both readers can be checked to have read the same. */
    static Fields readWithLakegate(Path csv) throws IOException {
        long records = 0;
        long chars = 0;
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
                CsvReader reader = new CsvReader(in, CsvDialect.rfc4180())) {
            while (reader.next()) {
                records++;
                for (int i = 0; i < reader.fieldCount(); i++) {
                    chars += reader.field(i).length();
                }
            }
        }
        return new Fields(records, chars);
    }

    static Fields readWithCommonsCsv(Path csv) throws IOException {
        long records = 0;
        long chars = 0;
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
                CSVParser parser = CSVFormat.RFC4180.parse(in)) {
            for (CSVRecord record : parser) {
                records++;
                for (int i = 0; i < record.size(); i++) {
                    chars += record.get(i).length();
                }
            }
        }
        return new Fields(records, chars);
    }

    static long writeWithLakegate(Path file, long rows) throws IOException {
        SaleRow row = new SaleRow();
        try (ParquetPartWriter writer = ParquetPartWriter.open(file, SALES, settings())) {
            Random random = new Random(1);
            for (long i = 0; i < rows; i++) {
                row.next(random, i);
                writer.write(row);
            }
        }
        return rows;
    }

    static long writeWithAvro(Path file, long rows) throws IOException {
        Schema schema = avroSchema();
        ParquetSettings settings = settings();
        SaleRow row = new SaleRow();
        try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
                .withSchema(schema)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withCompressionCodec(CompressionCodecName.ZSTD)
                .config("parquet.compression.codec.zstd.level", Integer.toString(settings.zstdLevel()))
                .withRowGroupSize(settings.rowGroupBytes())
                .withPageSize(settings.pageBytes())
                .withDictionaryPageSize(settings.dictionaryPageBytes())
                .withDictionaryEncoding(false)
                .withDictionaryEncoding("store_id", true)
                .withDictionaryEncoding("sku", true)
                .withDictionaryEncoding("currency", true)
                .build()) {
            Random random = new Random(1);
            for (long i = 0; i < rows; i++) {
                row.next(random, i);
                GenericRecord record = new GenericData.Record(schema);
                record.put("transaction_id", row.transactionId);
                record.put("store_id", row.storeId);
                record.put("sku", row.sku);
                record.put("quantity", row.quantity);
                record.put(DECIMAL_BYTES, ByteBuffer.wrap(BigInteger.valueOf(row.amountCents).toByteArray()));
                record.put("currency", row.currency);
                record.put("customer_id", row.customerId);
                record.put("sold_at", row.soldAtMicros);
                writer.write(record);
            }
        }
        return rows;
    }

    private static Schema avroSchema() {
        Schema decimal = LogicalTypes.decimal(18, 2).addToSchema(Schema.create(Schema.Type.BYTES));
        Schema micros = LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
        return SchemaBuilder.record("sale").fields()
                .requiredString("transaction_id")
                .requiredString("store_id")
                .requiredString("sku")
                .requiredLong("quantity")
                .name(DECIMAL_BYTES).type(decimal).noDefault()
                .requiredString("currency")
                .optionalString("customer_id")
                .name("sold_at").type(micros).noDefault()
                .endRecord();
    }

    private static ParquetSettings settings() {
        return ParquetSettings.defaults().withCodec(ParquetCodec.ZSTD).withOverwrite(true);
    }

    private interface Work<T> {
        T run() throws IOException;
    }

    private static <T> T timed(Side side, Work<T> work) throws IOException {
        long start = System.nanoTime();
        T result = work.run();
        side.seconds().add((System.nanoTime() - start) / 1e9);
        return result;
    }

    /** {@code ourBytes} and {@code theirBytes} are what each side read or wrote. */
    private static void print(PrintStream out, String title, long rows, Side ours, long ourBytes, Side theirs,
            long theirBytes, String direction) {
        out.println(title + ", median of " + ours.seconds().size() + " runs each, interleaved:");
        printSide(out, ours, rows, ourBytes, direction);
        printSide(out, theirs, rows, theirBytes, direction);
        out.printf(Locale.ROOT, "  Lakegate / library = %.2f%n", theirs.medianSeconds() / ours.medianSeconds());
    }

    private static void printSide(PrintStream out, Side side, long rows, long bytes, String direction) {
        double seconds = side.medianSeconds();
        out.printf(Locale.ROOT, "  %-32s %7.2f s  %,10.0f rows/s  %6.1f MB/s %s (runs %s)%n", side.name(), seconds,
                rows / seconds, bytes / 1e6 / seconds, direction,
                side.seconds().stream().map(s -> String.format(Locale.ROOT, "%.2f", s)).toList());
    }

    /** A generated sales row, the same for both writers: the same seed gives the same values in the same order. */
    private static final class SaleRow implements RowView {
        String transactionId;
        String storeId;
        String sku;
        long quantity;
        long amountCents;
        String currency;
        String customerId;
        long soldAtMicros;

        void next(Random random, long index) {
            transactionId = "T" + (100_000_000 + index);
            storeId = "S" + (100 + random.nextInt(50));
            sku = "SKU-" + (10_000 + random.nextInt(1000));
            quantity = 1 + random.nextInt(9);
            amountCents = quantity * (100 + random.nextInt(99_900));
            currency = CURRENCIES[random.nextInt(CURRENCIES.length)];
            customerId = random.nextInt(10) == 0 ? null : "C" + random.nextInt(100_000);
            soldAtMicros = 1_714_521_600_000_000L + random.nextInt(31 * 86_400) * 1_000_000L;
        }

        @Override
        public boolean isNull(int column) {
            return column == 6 && customerId == null;
        }

        @Override
        public long getLong(int column) {
            return switch (column) {
                case 3 -> quantity;
                case 4 -> amountCents;
                case 7 -> soldAtMicros;
                default -> throw new IllegalArgumentException("Column " + column + " is text");
            };
        }

        @Override
        public String getString(int column) {
            return switch (column) {
                case 0 -> transactionId;
                case 1 -> storeId;
                case 2 -> sku;
                case 5 -> currency;
                case 6 -> customerId;
                default -> throw new IllegalArgumentException("Column " + column + " is a number");
            };
        }
    }
}
