package io.lakegate.gold;

import static io.lakegate.gold.Sale.sale;
import static io.lakegate.gold.Sale.writePart;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.parquet.ColumnType;
import io.lakegate.parquet.ParquetPartWriter;
import io.lakegate.parquet.ParquetSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyLocatorTest {

    @TempDir
    Path dir;

    @Test
    void findsTheFilesThatHoldAnIncomingKeyAndOnlyThose() throws Exception {
        Path holds = gold("holds.parquet", IntStream.range(0, 5000).mapToObj(i -> "T" + i).toList());
        Path other = gold("other.parquet", IntStream.range(5000, 10000).mapToObj(i -> "T" + i).toList());
        Path incoming = writePart(dir.resolve("incoming.parquet"), sale("T42", "1.00"), sale("NEW-1", "1.00"));

        KeyLocator keys = KeyLocator.of(List.of(incoming), "transaction_id", ColumnType.STRING, Runnable::run);

        assertThat(keys.keys()).isEqualTo(2);
        assertThat(keys.mayHoldAny(new LocalInputFile(holds))).isTrue();
        assertThat(keys.mayHoldAny(new LocalInputFile(other))).isFalse();
    }

    @Test
    void readsTheKeyColumnOfAFileWithoutABloomFilter() throws Exception {
        Path plain = writePart(dir.resolve("plain.parquet"), sale("T1", "1.00"), sale("T2", "1.00"));
        Path incoming = writePart(dir.resolve("incoming.parquet"), sale("T2", "2.00"));
        Path elsewhere = writePart(dir.resolve("elsewhere.parquet"), sale("T9", "2.00"));

        assertThat(KeyLocator.of(List.of(incoming), "transaction_id", ColumnType.STRING, Runnable::run)
                .mayHoldAny(new LocalInputFile(plain))).isTrue();
        assertThat(KeyLocator.of(List.of(elsewhere), "transaction_id", ColumnType.STRING, Runnable::run)
                .mayHoldAny(new LocalInputFile(plain))).isFalse();
    }

    private Path gold(String name, List<String> keys) throws Exception {
        Path file = dir.resolve(name);
        try (ParquetPartWriter writer = ParquetPartWriter.open(file, Sale.COLUMNS,
                ParquetSettings.defaults().withBloomFilter("transaction_id", keys.size()))) {
            for (String key : keys) {
                writer.write(sale(key, "1.00"));
            }
        }
        return file;
    }
}
