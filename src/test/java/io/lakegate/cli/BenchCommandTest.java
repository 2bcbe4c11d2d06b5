package io.lakegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Runs the bench end to end on a small generated file; it checks the counts it reports, never its timings. */
class BenchCommandTest {

    @Test
    void timesEachRunOnAnEmptiedLakeAndReportsCountsThatAddUp() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = CommandLine.run(new String[] {"bench", "--rows", "3000", "--days", "3", "--warm-up-rows", "500", "--runs", "2"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(lines).filteredOn(line -> line.startsWith("Run ")).hasSize(2)
                .allMatch(line -> line.contains(" 3,000 rows in "));
        Map<String, String> figures = Arrays.stream(lines.get(lines.size() - 1).split(" ")).skip(1)
                .map(pair -> pair.split("=", 2)).collect(Collectors.toMap(pair -> pair[0], pair -> pair[1]));
        long good = Long.parseLong(figures.get("good"));
        long rejected = Long.parseLong(figures.get("rejected"));
        assertThat(figures.get("rows")).isEqualTo("3000");
        assertThat(figures.get("runs")).isEqualTo("2");
        assertThat(good + rejected).isEqualTo(3000);
        assertThat(rejected).isPositive();
        // DuckDB, timed beside it, applies the same rules to the same file: it keeps exactly the same rows.
        assertThat(figures.get("duckdb_good")).isEqualTo(figures.get("good"));
        // Each run starts from an emptied lake, and the warm-up's gold table is dropped after its compaction, so the
        // timed compactions see the last run's good rows only, each id once; the table is dropped between them too.
        assertThat(lines).anyMatch(line -> line.startsWith("Compaction warm-up (a JVM that never compacted): "));
        assertThat(Long.parseLong(figures.get("gold_rows"))).isEqualTo(good);
        assertThat(lines).filteredOn(line -> line.startsWith("Compaction run ")).hasSize(2)
                .allMatch(line -> line.contains(String.format(Locale.ROOT, ": %,d rows in ", good)));
        assertThat(lines).anyMatch(line -> line.startsWith("  step times of the median run (ms): {\"download\":"));
        // DuckDB compacts the same processed parts after each run (the bench fails if it keeps another number of rows).
        assertThat(lines).filteredOn(line -> line.startsWith("  DuckDB compaction run ")).hasSize(2);
        assertThat(Double.parseDouble(figures.get("compact_vs_duckdb"))).isPositive();
        assertThat(lines).anyMatch(line -> line.startsWith("DuckDB compaction ("));
    }

    @Test
    void bothOrdersAlternateTheirRunsAndReportTheirRatio() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = CommandLine.run(new String[] {"bench", "--rows", "2000", "--days", "4", "--order", "both",
                "--warm-up-rows", "0", "--runs", "2", "--skip-compaction", "--skip-duckdb"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(lines.stream().filter(line -> line.startsWith("Run ")).map(line -> line.substring(0, line.indexOf(':'))))
                .containsExactly("Run 1 of 2 (sorted)", "Run 1 of 2 (shuffled)", "Run 2 of 2 (sorted)", "Run 2 of 2 (shuffled)");
        assertThat(lines).filteredOn(line -> line.startsWith("Run ")).allMatch(line -> line.contains(" 2,000 rows in "));
        assertThat(lines).anyMatch(line -> line.startsWith("shuffled against sorted, runs alternated: median runs "));
        Map<String, String> figures = Arrays.stream(lines.get(lines.size() - 1).split(" ")).skip(1)
                .map(pair -> pair.split("=", 2)).collect(Collectors.toMap(pair -> pair[0], pair -> pair[1]));
        assertThat(Long.parseLong(figures.get("good")) + Long.parseLong(figures.get("rejected"))).isEqualTo(2000);
        assertThat(Double.parseDouble(figures.get("sorted_rows_per_s"))).isPositive();
        assertThat(Double.parseDouble(figures.get("shuffled_over_sorted"))).isPositive();
        assertThat(Double.parseDouble(figures.get("shuffled_over_sorted_run_by_run"))).isPositive();
    }

    @Test
    void refusesToReorderAFileOfTheUsersOwn() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = CommandLine.run(new String[] {"bench", "--input", "sales.csv", "--order", "both"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isNotZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--order both compares generated files");
    }
}
