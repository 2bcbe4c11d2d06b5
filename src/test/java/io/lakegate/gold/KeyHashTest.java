package io.lakegate.gold;

import static io.lakegate.gold.Sale.sale;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.parquet.ColumnType;
import io.lakegate.parquet.ParquetPartReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyHashTest {

    @TempDir
    Path dir;

    @Test
    void aKeyHashesAlikeFromItsUtf8AsFromItsString() throws Exception {
        List<String> keys = List.of("T-1", "", "Zürich-東京-🚀", "T-1 ", "\u0000");
        Path part = Sale.writePart(dir.resolve("keys.parquet"), keys.stream().map(key -> sale(key, "1.00")).toArray(Sale[]::new));

        List<Long> fromUtf8 = new ArrayList<>();
        try (ParquetPartReader reader = ParquetPartReader.open(part, List.of("transaction_id"))) {
            while (reader.next()) {
                fromUtf8.add(KeyHash.of(reader, 0, ColumnType.STRING));
            }
        }

        assertThat(fromUtf8).containsExactlyElementsOf(
                keys.stream().map(key -> KeyHash.of(sale(key, "1.00"), 0, ColumnType.STRING)).toList());
        assertThat(fromUtf8).doesNotHaveDuplicates();
    }
}
