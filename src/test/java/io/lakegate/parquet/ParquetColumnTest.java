package io.lakegate.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ParquetColumnTest {

    @Test
    void acceptsDecimalsUpToEighteenDigitsBecauseTheyAreStoredInALong() {
        assertThat(ParquetColumn.decimal("amount", 18, 2, true).precision()).isEqualTo(18);
        assertThat(ParquetColumn.decimal("rate", 18, 18, true).scale()).isEqualTo(18);
    }

    @Test
    void refusesDecimalsWiderThanALongOrWithAScaleBeyondThePrecision() {
        assertThatThrownBy(() -> ParquetColumn.decimal("amount", 19, 2, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("amount");
        assertThatThrownBy(() -> ParquetColumn.decimal("amount", 4, 5, true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ParquetColumn.decimal("amount", 0, 0, true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAPrecisionOnANonDecimalColumn() {
        assertThatThrownBy(() -> new ParquetColumn("quantity", ColumnType.LONG, 10, 0, false, false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keepsEverythingButTheDictionaryFlagWhenMarkedForDictionaryEncoding() {
        ParquetColumn store = ParquetColumn.of("store_id", ColumnType.STRING, true);

        assertThat(store.withDictionary())
                .isEqualTo(new ParquetColumn("store_id", ColumnType.STRING, 0, 0, true, true));
    }
}
