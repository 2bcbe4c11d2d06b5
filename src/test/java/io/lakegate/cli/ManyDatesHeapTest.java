package io.lakegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ten years of history in one shuffled file, processed by the real service in a JVM of its own whose heap is
 * far smaller than the file's rows (as Java objects its good rows would take about 600 MB, more than twice the
 * heap): the run only finishes if memory stays bounded whatever the number of dates. An out-of-memory error
 * ends that JVM at once, so it cannot pass unnoticed.
 */
class ManyDatesHeapTest {

    private static final int HEAP_MB = 256;
    private static final long ROWS = 1_000_000;

    @TempDir
    Path work;

    @Test
    void aShuffledTenYearFileIsProcessedWithinASmallHeap() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + HEAP_MB + "m", "-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=" + work,
                "-cp", System.getProperty("java.class.path"), "io.lakegate.LakegateApplication",
                "bench", "--rows", Long.toString(ROWS), "--days", "3650", "--order", "shuffled", "--duplicates", "0",
                "--warm-up-rows", "0", "--runs", "1", "--skip-compaction", "--skip-duckdb"));
        Path output = work.resolve("bench.out");
        Process bench = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean ended = bench.waitFor(10, TimeUnit.MINUTES);
        if (!ended) {
            bench.destroyForcibly();
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);

        assertThat(ended).as(printed).isTrue();
        assertThat(bench.exitValue()).as(printed).isZero();
        Map<String, String> figures = lastLineFigures(printed);
        assertThat(Long.parseLong(figures.get("good")) + Long.parseLong(figures.get("rejected"))).isEqualTo(ROWS);
        // Rows of the dates beyond the open parts waited for their date: more than the spill's memory holds
        // (spill-buffer-size, 32 MB by default), so most of them waited on disk.
        assertThat(Long.parseLong(figures.get("spilled_mb"))).isGreaterThan(32);
    }

    private static Map<String, String> lastLineFigures(String printed) throws IOException {
        String last = printed.lines().filter(line -> line.startsWith("bench ")).reduce((a, b) -> b)
                .orElseThrow(() -> new IOException("No bench line in:\n" + printed));
        return Arrays.stream(last.split(" ")).skip(1).map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0], pair -> pair[1]));
    }
}
