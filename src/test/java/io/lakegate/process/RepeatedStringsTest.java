package io.lakegate.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.parse.CharSlice;
import org.junit.jupiter.api.Test;

class RepeatedStringsTest {

    private final RepeatedStrings strings = new RepeatedStrings();
    private final CharSlice slice = new CharSlice();

    @Test
    void aValueSeenAgainIsTheSameStringAndOthersKeepTheirOwnText() {
        char[] cells = "S001,EUR,S001,S002".toCharArray();
        String first = strings.of(slice.set(cells, 0, 4));
        String currency = strings.of(slice.set(cells, 5, 8));
        String again = strings.of(slice.set(cells, 9, 13));
        String other = strings.of(slice.set(cells, 14, 18));

        assertThat(first).isEqualTo("S001").isSameAs(again);
        assertThat(currency).isEqualTo("EUR");
        assertThat(other).isEqualTo("S002");
    }

    @Test
    void manyMoreValuesThanSlotsStillComeBackExact() {
        for (int i = 0; i < 20_000; i++) {
            char[] text = ("V" + i).toCharArray();
            assertThat(strings.of(slice.set(text, 0, text.length))).isEqualTo("V" + i);
        }
    }

    @Test
    void theHashIsTheStringsOwn() {
        char[] text = "xx-Zürich-yy".toCharArray();
        assertThat(slice.set(text, 3, 9).contentHash()).isEqualTo("Zürich".hashCode());
    }
}
