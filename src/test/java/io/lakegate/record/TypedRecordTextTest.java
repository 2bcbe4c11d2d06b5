package io.lakegate.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TypedRecordTextTest {

    @Test
    void textIsTheUtf8JavasEncoderWritesAndReadsBackAsTheSameString() {
        String[] values = {"", "T-1", "Zürich", "東京", "emoji 😀 pair", "lone \uD800 high", "lone \uDC00 low",
                "ends high \uD83D", "\u07FF\u0800\uFFFF"};
        TypedRecord row = new TypedRecord(values.length);
        row.reset(1, null, 0);
        for (int c = 0; c < values.length; c++) {
            row.setText(c, new StringBuilder(values[c]));
        }
        for (int c = 0; c < values.length; c++) {
            byte[] expected = values[c].getBytes(StandardCharsets.UTF_8);
            assertThat(Arrays.copyOfRange(row.utf8Array(c), row.utf8Offset(c), row.utf8Offset(c) + row.utf8Length(c)))
                    .as(values[c]).isEqualTo(expected);
            assertThat(row.getString(c)).isEqualTo(new String(expected, StandardCharsets.UTF_8));
        }
    }

    @Test
    void randomTextOfEveryCharacterKindMatchesJavasEncoder() {
        SplittableRandom random = new SplittableRandom(7);
        TypedRecord row = new TypedRecord(1);
        for (int round = 0; round < 2_000; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(40); i > 0; i--) {
                text.append((char) switch (random.nextInt(4)) {
                    case 0 -> random.nextInt(0x80);
                    case 1 -> random.nextInt(0x800);
                    case 2 -> random.nextInt(0xD800, 0xE000);
                    default -> random.nextInt(0x10000);
                });
            }
            row.reset(round, null, 0);
            row.setText(0, text);
            assertThat(Arrays.copyOfRange(row.utf8Array(0), row.utf8Offset(0), row.utf8Offset(0) + row.utf8Length(0)))
                    .isEqualTo(text.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void recordsOfABatchShareItsArenaUntilItIsClearedForTheNext() {
        TextArena batch = new TextArena();
        TypedRecord first = new TypedRecord(2, batch);
        TypedRecord second = new TypedRecord(2, batch);
        first.reset(1, null, 0);
        first.setText(0, "a".repeat(40_000));
        first.setLong(1, 5);
        second.reset(2, null, 1);
        second.setString(0, "b".repeat(60_000));
        second.setNull(1);

        // The arena grew while the second row was added; the first row's text is still where it said.
        assertThat(first.getString(0)).isEqualTo("a".repeat(40_000));
        assertThat(first.utf8Array(0)).isSameAs(second.utf8Array(0));
        assertThat(second.getString(0)).isEqualTo("b".repeat(60_000));
        assertThat(second.getString(1)).isNull();
        assertThat(first.getString(1)).as("a number column has no text").isNull();

        batch.clear();
        first.reset(3, null, 0);
        first.setUtf8(0, "xyz".getBytes(StandardCharsets.UTF_8), 1, 2);
        assertThat(first.utf8Offset(0)).isZero();
        assertThat(first.getString(0)).isEqualTo("yz");
    }

    @Test
    void aValueRejectedAsUnreadableHasNoText() {
        TypedRecord row = new TypedRecord(1);
        row.reset(1, null, 0);
        row.setText(0, "12x");
        row.rejectValue(0, new RowReason("type", "qty", "invalid_integer", "not a number"));
        assertThat(row.hasValue(0)).isFalse();
        assertThat(row.getString(0)).isNull();
    }

    @Test
    void anArenaGrownForWideRowsIsGivenBackWhenCleared() {
        TextArena arena = new TextArena();
        TypedRecord row = new TypedRecord(1, arena);
        row.reset(1, null, 0);
        row.setText(0, "w".repeat(20 * 1024 * 1024));
        assertThat(arena.bytes().length).isGreaterThanOrEqualTo(20 * 1024 * 1024);
        arena.clear();
        assertThat(arena.bytes().length).isLessThan(1024 * 1024);
    }
}
