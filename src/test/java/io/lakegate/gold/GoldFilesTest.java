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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoldFilesTest {

    private static final int DAY = 19_800;

    @TempDir
    Path dir;

    @Test
    void deletesEveryFileItWroteWhenClosedBeforeFinishing() throws IOException {
        try (GoldFiles files = new GoldFiles(dir, "part-", Sale.COLUMNS, ParquetSettings.defaults(), Map.of(), 1)) {
            for (int i = 0; i < 3000; i++) {
                files.write(sale("T" + i, "1.00"), DAY);
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
        try (GoldFiles files = new GoldFiles(dir, "part-", Sale.COLUMNS, ParquetSettings.defaults(), Map.of(), 1)) {
            for (int i = 0; i < 1500; i++) {
                files.write(sale("T" + i, "1.00"), DAY);
            }
            assertThat(files.finish()).extracting(GoldFile::path)
                    .containsExactly(dir.resolve("part-00000.parquet"), dir.resolve("part-00001.parquet"));
        }

        assertThat(dir.resolve("part-00001.parquet")).exists();
    }

    @Test
    void startsANewFileWhenTheDayChanges() throws IOException {
        try (GoldFiles files = new GoldFiles(dir, "part-", Sale.COLUMNS, ParquetSettings.defaults(), Map.of(), Long.MAX_VALUE)) {
            files.write(sale("T1", "1.00"), DAY);
            files.write(sale("T2", "1.00"), DAY);
            files.write(sale("T3", "1.00"), DAY + 1);

            assertThat(files.finish()).extracting(GoldFile::day, GoldFile::rows).containsExactly(
                    tuple(LocalDate.ofEpochDay(DAY), 2L), tuple(LocalDate.ofEpochDay(DAY + 1), 1L));
        }
    }
}
