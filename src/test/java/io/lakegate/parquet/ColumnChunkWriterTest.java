package io.lakegate.parquet;

import static io.lakegate.parquet.ParquetRoundTripTest.LINE_AND_CUSTOMER;
import static io.lakegate.parquet.ParquetRoundTripTest.customerRows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.column.values.bloomfilter.BloomFilter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.internal.column.columnindex.ColumnIndex;
import org.apache.parquet.internal.column.columnindex.OffsetIndex;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our column chunk writer against parquet-java's own writer and reader: same values, encodings, statistics and
 * bloom filters for the same rows. Pages and row groups may be cut at other rows; what is in them may not differ.
 */
class ColumnChunkWriterTest {

    // Small row groups and dictionary pages, so that 30,000 rows make several groups and a dictionary overflow.
    private static final ParquetSettings SMALL_GROUPS =
            ParquetSettings.defaults().withRowGroupBytes(16 * 1024).withDictionaryPageBytes(4 * 1024);

    @TempDir
    Path dir;

    @Test
    void writesTheValuesEncodingsAndStatisticsParquetJavasWriterWrites() throws IOException {
        List<ValuesRow> rows = customerRows(5_000);
        for (boolean delta : List.of(false, true)) {
            ParquetSettings settings = SMALL_GROUPS.withDeltaEncodings(delta);
            Path ours = ParquetRoundTripTest.write(dir.resolve("ours-" + delta + ".parquet"), LINE_AND_CUSTOMER, rows,
                    settings);
            Path theirs = writeWithParquetJava(dir.resolve("theirs-" + delta + ".parquet"), LINE_AND_CUSTOMER, rows,
                    settings);

            assertThat(readWithParquetJava(ours)).as("delta %s", delta).containsExactlyElementsOf(rows);
            // parquet-java writes delta encodings only in v2 pages, whose levels name no encoding: values compared alone.
            assertThat(encodingsByColumn(ours, delta)).isEqualTo(encodingsByColumn(theirs, delta));
            assertThat(rowGroupsAndTheirStatistics(ours, rows, LINE_AND_CUSTOMER)).hasSizeGreaterThan(1)
                    .allSatisfy(group -> assertThat(group.written()).isEqualTo(group.expected()));
            if (!delta) {
                assertThat((double) compressedBytes(ours)).isCloseTo(compressedBytes(theirs), withPercentage(10));
            }
            assertPagesIndexed(ours);
        }
    }

    @Test
    void aDictionaryThatOverflowsAfterItsFirstPageKeepsThoseAndWritesTheRestWithoutIt() throws IOException {
        List<ParquetColumn> columns = List.of(
                ParquetColumn.of("customer", ColumnType.STRING, true).withDictionary(),
                ParquetColumn.of("ingested_at", ColumnType.TIMESTAMP, false).withDictionary(),
                ParquetColumn.of("store", ColumnType.INT, true).withDictionary());
        // Ten values over the first page (20,000 rows), then a new one every row: past 4 KB of dictionary.
        List<ValuesRow> rows = new ArrayList<>();
        for (long row = 0; row < 30_000; row++) {
            long value = row < 25_000 ? row % 10 : row;
            rows.add(new ValuesRow(row % 11 == 0 ? null : "customer-" + value, 1_700_000_000_000_000L + value,
                    row % 13 == 0 ? null : value));
        }
        ParquetSettings settings = ParquetSettings.defaults().withDictionaryPageBytes(4 * 1024);

        for (boolean delta : List.of(false, true)) {
            Path file = ParquetRoundTripTest.write(dir.resolve("fallback-" + delta + ".parquet"), columns, rows,
                    settings.withDeltaEncodings(delta));

            try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
                assertThat(reader.getRowGroups()).hasSize(1);
                for (ColumnChunkMetaData chunk : reader.getRowGroups().get(0).getColumns()) {
                    assertThat(chunk.hasDictionaryPage()).as(chunk.getPath().toDotString()).isTrue();
                    assertThat(chunk.getEncodings()).as(chunk.getPath().toDotString())
                            .contains(delta ? Encoding.RLE_DICTIONARY : Encoding.PLAIN_DICTIONARY)
                            .containsAnyOf(Encoding.PLAIN, Encoding.DELTA_BYTE_ARRAY, Encoding.DELTA_BINARY_PACKED);
                }
            }
            assertThat(readWithParquetJava(file)).containsExactlyElementsOf(rows);
            try (ParquetPartReader reader = ParquetPartReader.open(file)) {
                assertThat(ValuesRow.readAll(reader)).containsExactlyElementsOf(rows);
            }
            assertThat(rowGroupsAndTheirStatistics(file, rows, columns))
                    .allSatisfy(group -> assertThat(group.written()).isEqualTo(group.expected()));
        }
    }

    @Test
    void bloomFiltersHoldEveryKeyWrittenAsParquetJavaHashesIt() throws IOException {
        List<ParquetColumn> columns = List.of(
                ParquetColumn.of("transaction_id", ColumnType.STRING, false),
                ParquetColumn.of("line", ColumnType.LONG, false));
        List<ValuesRow> rows = new ArrayList<>();
        for (long line = 0; line < 20_000; line++) {
            rows.add(new ValuesRow("T-" + (line * 7919 % 100_003) + "-" + "x".repeat((int) (line % 40)), line * 31));
        }
        ParquetSettings settings = ParquetSettings.defaults().withBloomFilter("transaction_id", 20_000)
                .withBloomFilter("line", 20_000);
        Path file = ParquetRoundTripTest.write(dir.resolve("bloom.parquet"), columns, rows, settings);

        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            BlockMetaData group = reader.getRowGroups().get(0);
            BloomFilter ids = reader.readBloomFilter(group.getColumns().get(0));
            BloomFilter lines = reader.readBloomFilter(group.getColumns().get(1));
            for (ValuesRow row : rows) {
                assertThat(ids.findHash(ids.hash(Binary.fromString(row.getString(0))))).isTrue();
                assertThat(lines.findHash(lines.hash(row.getLong(1)))).isTrue();
            }
            long falsePositives = 0;
            for (int absent = 0; absent < 10_000; absent++) {
                falsePositives += ids.findHash(ids.hash(Binary.fromString("absent-" + absent))) ? 1 : 0;
                falsePositives += lines.findHash(lines.hash(absent * 31L + 1)) ? 1 : 0;
            }
            assertThat(falsePositives).isLessThan(400);
        }
    }

    /** The rows as parquet-java's own writer writes them, with the same settings as far as it has them. */
    static Path writeWithParquetJava(Path file, List<ParquetColumn> columns, List<ValuesRow> rows,
            ParquetSettings settings) throws IOException {
        MessageType schema = ParquetSchemas.toMessageType(columns);
        PlainParquetConfiguration configuration = new PlainParquetConfiguration();
        configuration.setInt("parquet.compression.codec.zstd.level", settings.zstdLevel());
        ExampleParquetWriter.Builder builder = ExampleParquetWriter.builder(new LocalOutputFile(file))
                .withType(schema).withConf(configuration)
                .withCompressionCodec(settings.codec().parquetName()).withRowGroupSize(settings.rowGroupBytes())
                .withPageSize(settings.pageBytes()).withDictionaryPageSize(settings.dictionaryPageBytes())
                .withDictionaryEncoding(false)
                .withWriterVersion(settings.deltaEncodings() ? WriterVersion.PARQUET_2_0 : WriterVersion.PARQUET_1_0);
        for (ParquetColumn column : columns) {
            if (column.dictionary()) {
                builder.withDictionaryEncoding(column.name(), true);
            }
        }
        try (ParquetWriter<Group> writer = builder.build()) {
            SimpleGroupFactory groups = new SimpleGroupFactory(schema);
            for (ValuesRow row : rows) {
                Group group = groups.newGroup();
                for (int i = 0; i < columns.size(); i++) {
                    if (row.isNull(i)) {
                        continue;
                    }
                    switch (columns.get(i).type()) {
                        case STRING -> group.append(columns.get(i).name(), row.getString(i));
                        case INT, DATE -> group.append(columns.get(i).name(), (int) row.getLong(i));
                        case BOOLEAN -> group.append(columns.get(i).name(), row.getLong(i) != 0);
                        default -> group.append(columns.get(i).name(), row.getLong(i));
                    }
                }
                writer.write(group);
            }
        }
        return file;
    }

    /** The rows as parquet-java's record reader assembles them, in the form {@link ValuesRow} compares. */
    private static List<ValuesRow> readWithParquetJava(Path file) throws IOException {
        List<ValuesRow> rows = new ArrayList<>();
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            PageReadStore pages;
            while ((pages = reader.readNextRowGroup()) != null) {
                RecordReader<Group> records = new ColumnIOFactory().getColumnIO(schema)
                        .getRecordReader(pages, new GroupRecordConverter(schema));
                for (long i = 0; i < pages.getRowCount(); i++) {
                    Group group = records.read();
                    Object[] values = new Object[schema.getFieldCount()];
                    for (int field = 0; field < values.length; field++) {
                        if (group.getFieldRepetitionCount(field) > 0) {
                            values[field] = switch (schema.getType(field).asPrimitiveType().getPrimitiveTypeName()) {
                                case BINARY -> group.getString(field, 0);
                                case INT32 -> (long) group.getInteger(field, 0);
                                case BOOLEAN -> group.getBoolean(field, 0) ? 1L : 0L;
                                default -> group.getLong(field, 0);
                            };
                        }
                    }
                    rows.add(new ValuesRow(values));
                }
            }
        }
        return rows;
    }

    private static List<Set<Encoding>> encodingsByColumn(Path file, boolean valuesOnly) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            List<Set<Encoding>> encodings = new ArrayList<>();
            for (BlockMetaData group : reader.getRowGroups()) {
                for (int column = 0; column < group.getColumns().size(); column++) {
                    if (encodings.size() == column) {
                        encodings.add(new HashSet<>());
                    }
                    encodings.get(column).addAll(group.getColumns().get(column).getEncodings());
                    if (valuesOnly) {
                        encodings.get(column).removeAll(Set.of(Encoding.BIT_PACKED, Encoding.RLE));
                    }
                }
            }
            return encodings;
        }
    }

    private record GroupStatistics(List<String> written, List<String> expected) {
    }

    /** Per row group, its chunks' statistics as written, and as parquet-java computes them from that group's rows. */
    private static List<GroupStatistics> rowGroupsAndTheirStatistics(Path file, List<ValuesRow> rows,
            List<ParquetColumn> columns) throws IOException {
        List<GroupStatistics> groups = new ArrayList<>();
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            int first = 0;
            for (BlockMetaData group : reader.getRowGroups()) {
                List<String> written = new ArrayList<>();
                List<String> expected = new ArrayList<>();
                for (int column = 0; column < columns.size(); column++) {
                    written.add(describe(group.getColumns().get(column).getStatistics()));
                    int index = column;
                    expected.add(describe(statisticsOf(schema.getType(column).asPrimitiveType(),
                            row -> rows.get(row), first, first + (int) group.getRowCount(), index, columns.get(column))));
                }
                groups.add(new GroupStatistics(written, expected));
                first += (int) group.getRowCount();
            }
        }
        return groups;
    }

    private static Statistics<?> statisticsOf(PrimitiveType type, IntFunction<ValuesRow> rows, int from, int to,
            int column, ParquetColumn definition) {
        Statistics<?> statistics = Statistics.createStats(type);
        for (int row = from; row < to; row++) {
            ValuesRow values = rows.apply(row);
            if (values.isNull(column)) {
                statistics.incrementNumNulls();
                continue;
            }
            switch (definition.type()) {
                case STRING -> statistics.updateStats(Binary.fromString(values.getString(column)));
                case INT, DATE -> statistics.updateStats((int) values.getLong(column));
                case BOOLEAN -> statistics.updateStats(values.getLong(column) != 0);
                default -> statistics.updateStats(values.getLong(column));
            }
        }
        return statistics;
    }

    private static String describe(Statistics<?> statistics) {
        return statistics.hasNonNullValue()
                ? statistics.minAsString() + ".." + statistics.maxAsString() + ", nulls " + statistics.getNumNulls()
                : "no values, nulls " + statistics.getNumNulls();
    }

    private static long compressedBytes(Path file) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            return reader.getRowGroups().stream().mapToLong(BlockMetaData::getCompressedSize).sum();
        }
    }

    /**
     * Every page of every chunk is in the column and offset indexes, with its nulls; the first column holds each row's
     * number, so each page's bounds must be its first and last row's.
     */
    private static void assertPagesIndexed(Path file) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            long rowsBefore = 0;
            for (BlockMetaData group : reader.getRowGroups()) {
                for (ColumnChunkMetaData chunk : group.getColumns()) {
                    ColumnIndex index = reader.readColumnIndex(chunk);
                    assertThat(index).as(chunk.getPath().toDotString()).isNotNull();
                    assertThat(index.getNullCounts().stream().mapToLong(Long::longValue).sum())
                            .isEqualTo(chunk.getStatistics().getNumNulls());
                    assertThat(reader.readOffsetIndex(chunk).getPageCount()).isEqualTo(index.getNullPages().size());
                }
                ColumnChunkMetaData lines = group.getColumns().get(0);
                ColumnIndex index = reader.readColumnIndex(lines);
                OffsetIndex pages = reader.readOffsetIndex(lines);
                for (int page = 0; page < pages.getPageCount(); page++) {
                    ByteBuffer min = index.getMinValues().get(page).order(ByteOrder.LITTLE_ENDIAN);
                    ByteBuffer max = index.getMaxValues().get(page).order(ByteOrder.LITTLE_ENDIAN);
                    assertThat(min.getLong(0)).isEqualTo(rowsBefore + pages.getFirstRowIndex(page));
                    assertThat(max.getLong(0)).isEqualTo(rowsBefore + pages.getLastRowIndex(page, group.getRowCount()));
                }
                rowsBefore += group.getRowCount();
            }
        }
    }
}
