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

        SalesFileGenerator.Generated generated = SalesFileGenerator.write(file, 20_000, 30, 0.05, 0.02, SalesFileGenerator.Order.SORTED);

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(20_001);
        assertThat(lines.get(0)).startsWith("transaction_id,store_id,sku");
        assertThat(generated.defective()).isBetween(800L, 1200L);
        assertThat(generated.duplicates()).isBetween(300L, 500L);
        long distinctIds = lines.stream().skip(1).map(l -> l.substring(0, l.indexOf(','))).distinct().count();
        assertThat(distinctIds).isEqualTo(20_000 - generated.duplicates());
        assertThat(SalesFileGenerator.write(dir.resolve("again.csv"), 20_000, 30, 0.05, 0.02, SalesFileGenerator.Order.SORTED)).isEqualTo(generated);
    }

    @Test
    void writesTheSameRowsShuffledAsInTimeOrder() throws Exception {
        SalesFileGenerator.Generated sorted = SalesFileGenerator.write(dir.resolve("sorted.csv"), 5_000, 31, 0.05, 0.02,
                SalesFileGenerator.Order.SORTED);
        SalesFileGenerator.Generated shuffled = SalesFileGenerator.write(dir.resolve("shuffled.csv"), 5_000, 31, 0.05, 0.02,
                SalesFileGenerator.Order.SHUFFLED);

        List<String> sortedLines = Files.readAllLines(dir.resolve("sorted.csv"));
        List<String> shuffledLines = Files.readAllLines(dir.resolve("shuffled.csv"));
        assertThat(shuffled).isEqualTo(sorted);
        assertThat(shuffledLines).containsExactlyInAnyOrderElementsOf(sortedLines).isNotEqualTo(sortedLines);
        assertThat(dates(sortedLines)).isSorted();
        assertThat(dates(shuffledLines).stream().distinct()).hasSize(31);
        // A month's dates are spread over the whole shuffled file: its first tenth already holds all of them.
        assertThat(dates(shuffledLines.subList(0, 501)).stream().distinct()).hasSize(31);
    }

    @Test
    void spreadsRowsOverTheAskedDatesUpToOneRowADateAndNeverIntoTheFuture() throws Exception {
        SalesFileGenerator.write(dir.resolve("decade.csv"), 3_650, 3_650, 0, 0, SalesFileGenerator.Order.SHUFFLED);

        List<String> dates = dates(Files.readAllLines(dir.resolve("decade.csv")));
        assertThat(dates).doesNotHaveDuplicates().hasSize(3_650);
        assertThat(dates.stream().max(String::compareTo).orElseThrow()).isLessThan("2026-01-01");
    }

    // The sold_at date of each row that has one (a defective row may say "yesterday"), in file order.
    private static List<String> dates(List<String> lines) {
        return lines.stream().skip(1).map(line -> line.split(",", -1)[8]).filter(value -> value.matches("\\d{4}-.*"))
                .map(value -> value.substring(0, 10)).toList();
    }
}
