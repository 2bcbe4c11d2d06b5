package io.lakegate.gold;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.parquet.ColumnType;
import io.lakegate.parquet.ParquetColumn;
import io.lakegate.parquet.RowView;
import io.lakegate.parquet.ValuesRow;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each expectation is the spec's byte string written out by hand, hashed with nothing but SHA-256. */
class RowHashTest {

    private static final List<ParquetColumn> EVERY_TYPE = List.of(
            ParquetColumn.of("n", ColumnType.INT, true),
            ParquetColumn.decimal("whole", 10, 0, true),
            ParquetColumn.decimal("cents", 18, 2, true),
            ParquetColumn.of("day", ColumnType.DATE, true),
            ParquetColumn.of("at", ColumnType.TIMESTAMP, true),
            ParquetColumn.of("ok", ColumnType.BOOLEAN, true),
            ParquetColumn.of("s", ColumnType.STRING, true));

    @Test
    void rendersEveryTypeAsTheSpecSays() {
        Object[] values = {-42L, -7L, -5L, LocalDate.parse("1969-12-31").toEpochDay(),
                micros("1969-12-31T23:59:59.999999Z"), 1L, "a=b:c"};

        assertThat(hash(values)).isEqualTo(sha256("5:n=-428:whole=-711:cents=-0.0514:day=1969-12-31"
                + "30:at=1969-12-31T23:59:59.999999Z7:ok=true7:s=a=b:c"));
    }

    @Test
    void tellsNullFromEmptyTextAndRendersYearsBeyond9999InExpandedForm() {
        Object[] values = {0L, 0L, 0L, LocalDate.parse("+10000-01-01").toEpochDay(),
                micros("0001-01-01T00:00:00Z"), 0L, ""};
        Object[] nulls = {null, null, null, null, null, null, null};

        assertThat(hash(values)).isEqualTo(sha256("3:n=07:whole=010:cents=0.0016:day=+10000-01-01"
                + "30:at=0001-01-01T00:00:00.000000Z8:ok=false2:s="));
        assertThat(hash(nulls)).isEqualTo(sha256("1:n5:whole5:cents3:day2:at2:ok1:s"));
    }

    @Test
    void rendersWholeNumbersAndDecimalsAsJavasOwnFormattingDoesAtTheirExtremes() {
        List<ParquetColumn> numbers = List.of(ParquetColumn.of("n", ColumnType.LONG, false),
                ParquetColumn.decimal("d", 18, 6, false), ParquetColumn.decimal("w", 18, 0, false));
        RowHash hash = new RowHash(numbers, new int[] {0, 1, 2});
        java.util.Random random = new java.util.Random(3);
        List<Long> values = new java.util.ArrayList<>(List.of(0L, 1L, -1L, 9L, 10L, -10L, 999_999L, -1_000_000L,
                Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1));
        for (int i = 0; i < 200; i++) {
            values.add(random.nextLong() >> random.nextInt(64));
        }
        for (long value : values) {
            String n = "n=" + value;
            String d = "d=" + java.math.BigDecimal.valueOf(value, 6).toPlainString();
            String w = "w=" + value;
            assertThat(hex(hash, row(new Object[] {value, value, value})))
                    .as("%d", value)
                    .isEqualTo(sha256(n.length() + ":" + n + d.length() + ":" + d + w.length() + ":" + w));
        }
    }

    @Test
    void rendersTimesAndDatesAsJavasIsoFormattingDoesWithSixFractionDigits() {
        List<ParquetColumn> times = List.of(ParquetColumn.of("at", ColumnType.TIMESTAMP, false),
                ParquetColumn.of("day", ColumnType.DATE, false));
        RowHash hash = new RowHash(times, new int[] {0, 1});
        java.util.Random random = new java.util.Random(5);
        java.time.format.DateTimeFormatter iso = java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
                .withZone(java.time.ZoneOffset.UTC);
        long first = micros("0001-01-01T00:00:00Z");
        long last = micros("9999-12-31T23:59:59.999999Z");
        for (int i = 0; i < 500; i++) {
            long at = i < 3 ? new long[] {first, last, 0L}[i] : first + (long) (random.nextDouble() * (last - first));
            long day = Math.floorDiv(at, 86_400_000_000L);
            String a = "at=" + iso.format(java.time.Instant.EPOCH.plus(at, java.time.temporal.ChronoUnit.MICROS));
            String d = "day=" + LocalDate.ofEpochDay(day);
            assertThat(hex(hash, row(new Object[] {at, day}))).as("%d", at)
                    .isEqualTo(sha256(a.length() + ":" + a + d.length() + ":" + d));
        }
    }

    @Test
    void leavesOutColumnsNotChosen() {
        RowHash onlyTextAndCents = new RowHash(EVERY_TYPE, new int[] {2, 6});

        assertThat(hex(onlyTextAndCents, row(new Object[] {1L, 2L, 12_345L, 0L, 0L, 0L, "x"})))
                .isEqualTo(sha256("12:cents=123.453:s=x"));
    }

    @Test
    void tellsAStoredHashEqualToTheOneComputedOnlyWhenEveryDigitIs() {
        RowHash hash = new RowHash(EVERY_TYPE, new int[] {0, 6});
        String first = hex(hash, row(new Object[] {1L, null, null, null, null, null, "x"}));

        byte[] second = hash.hexOf(row(new Object[] {1L, null, null, null, null, null, "y"}));

        assertThat(RowHash.same(first, second)).isFalse();
        assertThat(RowHash.same(new String(second, StandardCharsets.US_ASCII), second)).isTrue();
        assertThat(RowHash.same(first.substring(1), hash.hexOf(row(new Object[] {1L, null, null, null, null, null, "x"}))))
                .isFalse();
        assertThat(RowHash.same(first, hash.hexOf(row(new Object[] {1L, null, null, null, null, null, "x"})))).isTrue();
    }

    @Test
    void writesLengthsOfOneTwoAndThreeDigitsAndEachRowsOwnDateWhenRowsFollowOneAnother() {
        RowHash hash = new RowHash(EVERY_TYPE, new int[] {0, 3, 4, 6});
        String longText = "x".repeat(150);
        long march1 = LocalDate.parse("2024-03-01").toEpochDay();
        long march2 = march1 + 1;

        assertThat(hex(hash, row(new Object[] {7L, null, null, march1, micros("2024-03-01T10:00:00Z"), null, longText})))
                .isEqualTo(sha256("3:n=714:day=2024-03-0130:at=2024-03-01T10:00:00.000000Z152:s=" + longText));
        assertThat(hex(hash, row(new Object[] {7L, null, null, march1, micros("2024-03-02T00:00:00.5Z"), null, "y"})))
                .isEqualTo(sha256("3:n=714:day=2024-03-0130:at=2024-03-02T00:00:00.500000Z3:s=y"));
        assertThat(hex(hash, row(new Object[] {null, null, null, march2, micros("2024-03-01T23:59:59Z"), null, null})))
                .isEqualTo(sha256("1:n14:day=2024-03-0230:at=2024-03-01T23:59:59.000000Z1:s"));
        assertThat(hex(hash, row(new Object[] {12345678L, null, null, march1, null, null, ""})))
                .isEqualTo(sha256("10:n=1234567814:day=2024-03-012:at2:s="));
    }

    /** The digits of the row's hash, copied out of the array the instance reuses. */
    private static String hex(RowHash hash, RowView row) {
        return new String(hash.hexOf(row), StandardCharsets.US_ASCII);
    }

    private static String hash(Object[] values) {
        return hex(new RowHash(EVERY_TYPE, new int[] {0, 1, 2, 3, 4, 5, 6}), row(values));
    }

    private static RowView row(Object[] values) {
        return new ValuesRow(values);
    }

    private static long micros(String instant) {
        Instant parsed = Instant.parse(instant);
        return Math.addExact(Math.multiplyExact(parsed.getEpochSecond(), 1_000_000L), parsed.getNano() / 1000);
    }

    private static String sha256(String preimage) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(preimage.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
