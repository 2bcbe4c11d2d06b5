package io.lakegate.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The reader's own page decoding, over every encoding Lakegate's writer uses, checked against the rows written. */
class ColumnCursorTest {

    private static final List<ParquetColumn> COLUMNS = List.of(
            ParquetColumn.of("id", ColumnType.LONG, false),
            ParquetColumn.of("label", ColumnType.STRING, true),
            ParquetColumn.of("city", ColumnType.STRING, true).withDictionary(),
            ParquetColumn.of("customer", ColumnType.STRING, true).withDictionary(),
            ParquetColumn.of("quantity", ColumnType.INT, true),
            ParquetColumn.decimal("amount", 18, 2, true),
            ParquetColumn.of("sold_at", ColumnType.TIMESTAMP, true),
            ParquetColumn.of("sale_date", ColumnType.DATE, false),
            ParquetColumn.of("refunded", ColumnType.BOOLEAN, true),
            ParquetColumn.of("ingested_at", ColumnType.TIMESTAMP, false).withDictionary(),
            ParquetColumn.of("batch", ColumnType.INT, true).withDictionary());

    private static final String[] CITIES = {"Zürich", "Genève", "東京", "", "São Paulo"};

    @TempDir
    Path dir;

    @ParameterizedTest(name = "delta encodings: {0}")
    @ValueSource(booleans = {false, true})
    void readsBackShuffledRowsOverManyPagesAndRowGroups(boolean delta) throws IOException {
        List<ValuesRow> rows = randomRows(new Random(42), 60_000);
        ParquetSettings settings = ParquetSettings.defaults().withRowGroupBytes(512 * 1024)
                .withDictionaryPageBytes(8 * 1024).withDeltaEncodings(delta);

        Path file = ParquetRoundTripTest.write(dir.resolve("random.parquet"), COLUMNS, rows, settings);

        Set<Encoding> encodings = encodingsOf(file);
        assertThat(encodings).contains(Encoding.RLE, delta ? Encoding.RLE_DICTIONARY : Encoding.PLAIN_DICTIONARY);
        if (delta) {
            assertThat(encodings).contains(Encoding.DELTA_BINARY_PACKED, Encoding.DELTA_BYTE_ARRAY);
        } else {
            assertThat(encodings).contains(Encoding.PLAIN);
        }
        assertThat(rowGroupsOf(file)).isGreaterThan(1);
        try (ParquetPartReader reader = ParquetPartReader.open(file)) {
            assertThat(ValuesRow.readAll(reader)).containsExactlyElementsOf(rows);
        }
    }

    @Test
    void readsTheUtf8OfEachTextValueWhereItLies() throws IOException {
        List<ValuesRow> rows = randomRows(new Random(7), 5_000);
        Path file = ParquetRoundTripTest.write(dir.resolve("utf8.parquet"), COLUMNS, rows,
                ParquetSettings.defaults().withDeltaEncodings(true));

        try (ParquetPartReader reader = ParquetPartReader.open(file, List.of("label", "city"))) {
            for (ValuesRow row : rows) {
                assertThat(reader.next()).isTrue();
                for (int column = 0; column < 2; column++) {
                    Object expected = row.values()[column + 1];
                    String actual = reader.isNull(column) ? null : new String(reader.utf8Array(column),
                            reader.utf8Offset(column), reader.utf8Length(column), StandardCharsets.UTF_8);
                    assertThat(actual).isEqualTo(expected);
                }
            }
            assertThat(reader.next()).isFalse();
        }
    }

    @Test
    void decodesTheFormatsOwnDeltaExample() throws IOException {
        // Encodings.md: 7, 5, 3, 1, 2, 3, 4, 5 are the deltas -2, -2, -2, 1, 1, 1, 1; the least is -2, so the
        // mini-block holds 0, 0, 0, 3, 3, 3, 3 in 2 bits each.
        byte[] page = {(byte) 0x80, 0x01, 0x04, 0x08, 0x0E, 0x03, 0x02, 0x00, 0x00, 0x00,
                (byte) 0xC0, 0x3F, 0, 0, 0, 0, 0, 0};
        PageInput in = new PageInput();
        in.reset(BytesInput.from(page));
        long[] values = new long[8];

        PageDecoding.deltaBinaryPacked(in, values, 8, true);

        assertThat(values).containsExactly(7, 5, 3, 1, 2, 3, 4, 5);
        assertThat(in.position()).isEqualTo(page.length);
    }

    @Test
    void decodesRunsAndBitPackedGroupsOfTheHybridEncoding() throws IOException {
        // A run of four 5s in 3 bits, then one bit-packed group of eight: 0 to 7.
        byte[] page = {0x08, 0x05, 0x03, (byte) 0x88, (byte) 0xC6, (byte) 0xFA};
        PageInput in = new PageInput();
        in.reset(BytesInput.from(page));
        int[] values = new int[12];

        PageDecoding.hybrid(in, 3, values, 12);

        assertThat(values).containsExactly(5, 5, 5, 5, 0, 1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void refusesAPageCutShortSayingItIsCorrupt() throws IOException {
        byte[] page = {(byte) 0x80, 0x01, 0x04, 0x08, 0x0E, 0x03, 0x02, 0x00, 0x00, 0x00, (byte) 0xC0};
        PageInput in = new PageInput();
        in.reset(BytesInput.from(page));

        assertThatThrownBy(() -> PageDecoding.deltaBinaryPacked(in, new long[8], 8, true))
                .isInstanceOf(IOException.class).hasMessageContaining("Corrupt Parquet page");
    }

    @Test
    void refusesAnEncodingLakegateDoesNotWriteNamingTheColumn() throws IOException {
        MessageType schema = ParquetSchemas.toMessageType(List.of(ParquetColumn.of("line", ColumnType.LONG, false)));
        Path file = dir.resolve("v2-pages.parquet");
        try (ParquetWriter<Group> writer = ExampleParquetWriter
                .builder(new LocalOutputFile(file)).withType(schema).withConf(new PlainParquetConfiguration())
                .withWriterVersion(WriterVersion.PARQUET_2_0).build()) {
            writer.write(new SimpleGroupFactory(schema).newGroup().append("line", 1L));
        }

        try (ParquetPartReader reader = ParquetPartReader.open(file)) {
            assertThatThrownBy(reader::next).isInstanceOf(IOException.class)
                    .hasMessageContaining("Column line has a v2 data page");
        }
    }

    /**
     * Ids that climb with gaps, text sharing prefixes of any length, a few cities (a dictionary) and many customers
     * (a dictionary that falls back), numbers at their extremes and in dictionaries of their own, nulls everywhere a
     * column allows them.
     */
    private static List<ValuesRow> randomRows(Random random, int count) {
        List<ValuesRow> rows = new ArrayList<>(count);
        long id = -5_000;
        long soldAt = 1_700_000_000_000_000L;
        for (int i = 0; i < count; i++) {
            id += random.nextInt(1_000) == 0 ? Long.MAX_VALUE / 4 : 1 + random.nextInt(3);
            soldAt += random.nextInt(10) == 0 ? -random.nextInt(1_000_000_000) : random.nextInt(1_000_000);
            rows.add(new ValuesRow(
                    id,
                    random.nextInt(20) == 0 ? null : label(random),
                    random.nextInt(10) == 0 ? null : CITIES[random.nextInt(CITIES.length)],
                    random.nextInt(10) == 0 ? null : "customer-" + random.nextInt(20_000),
                    random.nextInt(10) == 0 ? null : (long) extremeInt(random),
                    random.nextInt(10) == 0 ? null : extremeLong(random),
                    random.nextInt(10) == 0 ? null : soldAt,
                    (long) random.nextInt(40_000) - 20_000,
                    random.nextInt(3) == 0 ? null : (long) random.nextInt(2),
                    1_796_494_664_000_000L + random.nextInt(3) * 60_000_000L,
                    random.nextInt(8) == 0 ? null : (long) random.nextInt(5) - 2));
        }
        return rows;
    }

    private static String label(Random random) {
        String[] stems = {"T-2024-", "T-2024-11-", "Ω-", "", "line 🚀 "};
        return stems[random.nextInt(stems.length)] + (random.nextBoolean() ? random.nextInt(1_000_000) : "");
    }

    private static int extremeInt(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> Integer.MIN_VALUE + random.nextInt(3);
            case 1 -> Integer.MAX_VALUE - random.nextInt(3);
            default -> random.nextInt(2_000) - 1_000;
        };
    }

    private static long extremeLong(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> -999_999_999_999_999_999L + random.nextInt(3);
            case 1 -> 999_999_999_999_999_999L - random.nextInt(3);
            default -> random.nextLong() % 1_000_000;
        };
    }

    private static Set<Encoding> encodingsOf(Path file) throws IOException {
        Set<Encoding> encodings = EnumSet.noneOf(Encoding.class);
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            for (BlockMetaData block : reader.getRowGroups()) {
                for (ColumnChunkMetaData chunk : block.getColumns()) {
                    encodings.addAll(chunk.getEncodings());
                }
            }
        }
        return encodings;
    }

    private static int rowGroupsOf(Path file) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            return reader.getRowGroups().size();
        }
    }
}
