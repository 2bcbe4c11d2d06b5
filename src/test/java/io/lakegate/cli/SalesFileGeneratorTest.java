package io.lakegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SalesFileGeneratorTest {

    @TempDir
    Path dir;

    @Test
    void writesTheAskedRowsWithTheAskedShareOfDefectsAndDuplicates() throws Exception {
        Path file = dir.resolve("sales.csv");

        SalesFileGenerator.Generated generated = SalesFileGenerator.write(file, 20_000, 30, 0.05, 0.02);

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(20_001);
        assertThat(lines.get(0)).startsWith("transaction_id,store_id,sku");
        assertThat(generated.defective()).isBetween(800L, 1200L);
        assertThat(generated.duplicates()).isBetween(300L, 500L);
        long distinctIds = lines.stream().skip(1).map(l -> l.substring(0, l.indexOf(','))).distinct().count();
        assertThat(distinctIds).isEqualTo(20_000 - generated.duplicates());
        assertThat(SalesFileGenerator.write(dir.resolve("again.csv"), 20_000, 30, 0.05, 0.02)).isEqualTo(generated);
    }
}
