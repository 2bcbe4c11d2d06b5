package io.lakegate.gold;

import static io.lakegate.gold.Sale.sale;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.lakegate.parquet.ParquetSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.apache.parquet.column.values.bloomfilter.BloomFilter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.Binary;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoldFilesTest {

    private static final int DAY = 19_800;
    private static final long KEYS_PER_ROW_GROUP = 1_000_000;

    @TempDir
    Path dir;

    @Test
    void deletesEveryFileItWroteWhenClosedBeforeFinishing() throws IOException {
        try (GoldFiles files = new GoldFiles(dir, "part-", Sale.COLUMNS, ParquetSettings.defaults(), Map.of(), 1, "transaction_id", KEYS_PER_ROW_GROUP)) {
            for (int i = 0; i < 3000; i++) {
                files.write(sale("T" + i, "1.00"), DAY, 3000);
            }
            try (Stream<Path> written = Files.list(dir)) {
                assertThat(written).hasSize(3);
            }
        }

        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void keepsItsFilesOnceFinished() throws IOException {
        try (GoldFiles files = new GoldFiles(dir, "part-", Sale.COLUMNS, ParquetSettings.defaults(), Map.of(), 1, "transaction_id", KEYS_PER_ROW_GROUP)) {
            for (int i = 0; i < 1500; i++) {
                files.write(sale("T" + i, "1.00"), DAY, 3000);
            }
            assertThat(files.finish()).extracting(GoldFile::path)
                    .containsExactly(dir.resolve("part-00000.parquet"), dir.resolve("part-00001.parquet"));
        }

        assertThat(dir.resolve("part-00001.parquet")).exists();
    }

    @Test
    void startsANewFileWhenTheDayChanges() throws IOException {
        try (GoldFiles files = new GoldFiles(dir, "part-", Sale.COLUMNS, ParquetSettings.defaults(), Map.of(), Long.MAX_VALUE, "transaction_id", KEYS_PER_ROW_GROUP)) {
            files.write(sale("T1", "1.00"), DAY, 2);
            files.write(sale("T2", "1.00"), DAY, 2);
            files.write(sale("T3", "1.00"), DAY + 1, 1);

            assertThat(files.finish()).extracting(GoldFile::day, GoldFile::rows).containsExactly(
                    tuple(LocalDate.ofEpochDay(DAY), 2L), tuple(LocalDate.ofEpochDay(DAY + 1), 1L));
        }
    }

    @Test
    void sizesEachFilesKeyBloomFilterForTheKeysItWillHold() throws IOException {
        try (GoldFiles files = new GoldFiles(dir, "part-", Sale.COLUMNS, ParquetSettings.defaults(), Map.of(), Long.MAX_VALUE,
                "transaction_id", KEYS_PER_ROW_GROUP)) {
            for (int i = 0; i < 1000; i++) {
                files.write(sale("S" + i, "1.00"), DAY, 1000);
            }
            for (int i = 0; i < 50_000; i++) {
                files.write(sale("L" + i, "1.00"), DAY + 1, 50_000);
            }
            files.finish();
        }

        int small = keyBloomFilterBytes(dir.resolve("part-00000.parquet"));
        int large = keyBloomFilterBytes(dir.resolve("part-00001.parquet"));
        assertThat(small).isLessThan(4 * 1024);
        assertThat(large).isGreaterThanOrEqualTo(16 * small).isLessThan(256 * 1024);
        assertThat(bloomFilterOf(dir.resolve("part-00001.parquet")).findHash(
                bloomFilterOf(dir.resolve("part-00001.parquet")).hash(Binary.fromString("L49999")))).isTrue();
    }

    private static int keyBloomFilterBytes(Path file) throws IOException {
        return bloomFilterOf(file).getBitsetSize();
    }

    private static BloomFilter bloomFilterOf(Path file) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            BlockMetaData rowGroup = reader.getRowGroups().get(0);
            ColumnChunkMetaData key = rowGroup.getColumns().stream()
                    .filter(c -> c.getPath().toDotString().equals("transaction_id")).findFirst().orElseThrow();
            return reader.readBloomFilter(key);
        }
    }
}
