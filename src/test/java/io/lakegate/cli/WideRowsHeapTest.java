package io.lakegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows too wide for the usual batch, processed by the real service in a JVM of its own at the documented heap
 * (512 MB): a file of 20 KB rows, whose batches of 10,000 rows would take over a gigabyte, is processed whole,
 * and a 200 MB single line is refused with {@code row_too_large} and its line instead of exhausting the heap.
 * An out-of-memory error ends that JVM at once, so neither can pass by luck.
 */
class WideRowsHeapTest {

    private static final String HEADER = "transaction_id,store_id,sku,quantity,unit_price,amount,currency,customer_id,sold_at,payment_method";

    @TempDir
    Path work;

    @Test
    void aFileOf20KbRowsIsProcessedWithinTheHeap() throws Exception {
        Path file = work.resolve("sales_wide.csv");
        String wide = "C-" + "x".repeat(20_000);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER + "\n");
            for (int i = 0; i < 6_000; i++) {
                out.write("T-" + i + ",S1,SKU-1,2,1.50,3.00,EUR," + wide + ",2024-03-01T10:00:00Z,card\n");
            }
        }

        String printed = bench(file);

        assertThat(printed).contains("bench rows=6000 ").contains(" good=6000 ").doesNotContain("OutOfMemoryError");
    }

    @Test
    void aSingle200MbLineIsRefusedAsRowTooLargeWithItsLine() throws Exception {
        Path file = work.resolve("sales_one_line.csv");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER + "\n");
            out.write("T-1,S1,SKU-1,2,1.50,3.00,EUR,C-1,2024-03-01T10:00:00Z,card\n");
            out.write("T-2,S1,SKU-1,2,1.50,3.00,EUR,");
            char[] chunk = new char[1 << 20];
            Arrays.fill(chunk, 'y');
            for (int i = 0; i < 200; i++) {
                out.write(chunk);
            }
            out.write(",2024-03-01T10:00:00Z,card\n");
        }

        String printed = bench(file);

        assertThat(printed).contains("row_too_large").contains("Line 3 starts a row of more than")
                .doesNotContain("OutOfMemoryError");
    }

    private String bench(Path file) throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=" + work, "-cp", System.getProperty("java.class.path"),
                "io.lakegate.LakegateApplication", "bench", "--input", file.toString(), "--warm-up-rows", "0", "--runs", "1",
                "--skip-compaction", "--skip-duckdb");
        Path output = work.resolve("bench.out");
        Process bench = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!bench.waitFor(5, TimeUnit.MINUTES)) {
            bench.destroyForcibly();
            throw new AssertionError("bench did not end: " + Files.readString(output));
        }
        return Files.readString(output, StandardCharsets.UTF_8);
    }
}
