package io.lakegate.gold;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.parquet.ColumnType;
import io.lakegate.parquet.ParquetColumn;
import io.lakegate.parquet.RowView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class SortRecordEncoderTest {

    private static final List<ParquetColumn> COLUMNS = List.of(
            ParquetColumn.of("text", ColumnType.STRING, true), ParquetColumn.of("number", ColumnType.LONG, true));
    private static final RowCodec CODEC = new RowCodec(COLUMNS);

    @Test
    void recordsOfNumbersSortAsTheNumbersWithNullsLast() {
        List<Long> numbers = new ArrayList<>(List.of(0L, -1L, 1L, Long.MIN_VALUE, Long.MAX_VALUE, 255L, 256L, -256L));
        numbers.add(null);
        SortRecordEncoder encoder = new SortRecordEncoder(List.of(SortField.ascending(1, ColumnType.LONG)), 1, CODEC);

        List<Long> sorted = numbers.stream().map(n -> encoder.encode(row("x", n))).sorted(SortRecords::compare)
                .map(record -> decode(record).isNull(1) ? null : decode(record).getLong(1)).toList();

        List<Long> expected = new ArrayList<>(numbers.stream().filter(n -> n != null).sorted().toList());
        expected.add(null);
        assertThat(sorted).containsExactlyElementsOf(expected);
    }

    @Test
    void recordsOfTextSortByCodePointWithPrefixesAndZeroCharsFirst() {
        List<String> texts = List.of("b", "a", "", "ab", "a\u0000", "a\u0000b", "\uFFFD", "😀", "é", "Z");
        SortRecordEncoder encoder = new SortRecordEncoder(List.of(SortField.ascending(0, ColumnType.STRING)), 1, CODEC);

        List<String> sorted = texts.stream().map(t -> encoder.encode(row(t, 1L))).sorted(SortRecords::compare)
                .map(record -> decode(record).getString(0)).toList();

        assertThat(sorted).containsExactlyElementsOf(texts.stream()
                .sorted(Comparator.comparing((String t) -> t.codePoints().toArray(), java.util.Arrays::compare)).toList());
    }

    @Test
    void aDescendingFieldReversesTheOrderWithinTheGroupOnly() {
        SortRecordEncoder encoder = new SortRecordEncoder(List.of(
                SortField.ascending(0, ColumnType.STRING), SortField.descending(1, ColumnType.LONG)), 1, CODEC);
        List<byte[]> records = new ArrayList<>(List.of(encoder.encode(row("k1", 1L)), encoder.encode(row("k2", 5L)),
                encoder.encode(row("k1", 3L)), encoder.encode(row("k1", -2L))));

        records.sort(SortRecords::compare);

        assertThat(records).extracting(r -> decode(r).getString(0) + ":" + decode(r).getLong(1))
                .containsExactly("k1:3", "k1:1", "k1:-2", "k2:5");
        assertThat(SortRecords.compareGroups(records.get(0), records.get(2))).isZero();
        assertThat(SortRecords.compareGroups(records.get(2), records.get(3))).isNegative();
    }

    @Test
    void theRowComesBackFromThePayloadUnchanged() {
        SortRecordEncoder encoder = new SortRecordEncoder(List.of(SortField.ascending(1, ColumnType.LONG)), 1, CODEC);

        byte[] record = encoder.encode(row("Zürich – 東京 🚀", Long.MIN_VALUE));
        RowView back = decode(record);

        assertThat(back.getString(0)).isEqualTo("Zürich – 東京 🚀");
        assertThat(back.getLong(1)).isEqualTo(Long.MIN_VALUE);
        assertThat(decode(encoder.encode(row(null, 7L))).isNull(0)).isTrue();
    }

    private static RowView decode(byte[] record) {
        return new RowCodec(COLUMNS).decode(record, SortRecords.payloadOffset(record));
    }

    private static RowView row(String text, Long number) {
        return new RowView() {
            @Override
            public boolean isNull(int column) {
                return column == 0 ? text == null : number == null;
            }

            @Override
            public long getLong(int column) {
                return number;
            }

            @Override
            public String getString(int column) {
                return text;
            }
        };
    }
}
