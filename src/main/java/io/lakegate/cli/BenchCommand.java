package io.lakegate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.lakegate.LakegateApplication;
import io.lakegate.contract.ContractRegistry;
import io.lakegate.contract.DataContract;
import io.lakegate.gold.CompactionReport;
import io.lakegate.gold.GoldTables;
import io.lakegate.lake.LakeLayout;
import io.lakegate.lake.LakeStorage;
import io.lakegate.lake.StorageProperties;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.camel.ProducerTemplate;
import org.apache.iceberg.catalog.Catalog;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code bench [--rows N] [--days 30] [--defects 0.01] [--duplicates 0.005] [--input FILE] [--warm-up-rows N]
 * [--runs 3] [--skip-compaction]}: runs the real service on a throw-away embedded lake, warms it up on a
 * generated file, then drops one file into raw/ {@code --runs} times, emptying the lake between runs, and times
 * each pass through validation and processing; then times the gold compaction of the dates the last pass
 * produced ({@code --days}: how many dates the generated rows span).
 * Prints each run, then the median run's rows/s, input MB/s, audit counts and CPU, the peak heap of all runs,
 * then one {@code bench key=value ...} line. {@code --order both} generates the same rows in both orders and
 * alternates their runs, so that the two orders are compared under the same conditions of the machine.
 */
final class BenchCommand implements CommandLine.Command {

    private static final Duration TIMEOUT = Duration.ofHours(2);
    private static final String USAGE = "usage: lakegate bench [--rows N] [--days N] [--order shuffled|sorted|both] [--defects SHARE]"
            + " [--duplicates SHARE] [--input FILE] [--warm-up-rows N] [--runs N] [--skip-compaction] [--skip-duckdb] [--compare-libraries]";

    @Override
    public String usage() {
        return USAGE;
    }

    @Override
    public String summary() {
        return "measures ingestion and compaction on a generated (or your own) sales file";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        long rows = 1_000_000;
        int days = 31;
        List<SalesFileGenerator.Order> orders = List.of(SalesFileGenerator.Order.SHUFFLED);
        boolean duckDb = true;
        double defects = 0.01;
        double duplicates = 0.005;
        long warmUpRows = 1_000_000;
        int runs = 3;
        Path input = null;
        boolean compaction = true;
        boolean compareLibraries = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--compare-libraries")) {
                compareLibraries = true;
                continue;
            }
            if (args[i].equals("--skip-compaction")) {
                compaction = false;
                continue;
            }
            if (args[i].equals("--skip-duckdb")) {
                duckDb = false;
                continue;
            }
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--rows" -> rows = Long.parseLong(required(value, args[i]));
                case "--days" -> days = Integer.parseInt(required(value, args[i]));
                case "--defects" -> defects = Double.parseDouble(required(value, args[i]));
                case "--duplicates" -> duplicates = Double.parseDouble(required(value, args[i]));
                case "--input" -> input = Path.of(required(value, args[i]));
                case "--warm-up-rows" -> warmUpRows = Long.parseLong(required(value, args[i]));
                case "--runs" -> runs = Integer.parseInt(required(value, args[i]));
                case "--order" -> orders = ordersOf(required(value, args[i]));
                default -> throw new CommandLine.UsageException(USAGE);
            }
            i++;
        }
        if (runs < 1) {
            throw new CommandLine.UsageException("--runs must be at least 1");
        }
        if (input != null && orders.size() > 1) {
            throw new CommandLine.UsageException("--order both compares generated files; it cannot reorder --input");
        }
        Path lake = Files.createTempDirectory("lakegate-bench");
        try {
            List<BenchFile> files = new ArrayList<>();
            if (input != null) {
                files.add(new BenchFile(input, null));
            }
            for (int o = 0; input == null && o < orders.size(); o++) {
                String order = orders.get(o).name().toLowerCase(Locale.ROOT);
                Path generatedFile = lake.resolve(o == 0 ? "sales_bench.csv" : "sales_bench_" + order + ".csv");
                out.printf(Locale.ROOT, "Generating %,d rows over %d dates, %s (%.1f%% defective, %.1f%% duplicate ids)...%n",
                        rows, days, order, defects * 100, duplicates * 100);
                SalesFileGenerator.Generated generated = SalesFileGenerator.write(generatedFile, rows, days, defects,
                        duplicates, orders.get(o));
                out.printf(Locale.ROOT, "  %s: %.1f MB, %,d defective rows, %,d duplicate ids%n", generatedFile,
                        generated.bytes() / 1e6, generated.defective(), generated.duplicates());
                files.add(new BenchFile(generatedFile, orders.size() > 1 ? order : null));
            }
            Path file = files.get(0).path();
            if (compareLibraries) {
                try (QuietLogs quiet = new QuietLogs()) {
                    LibraryComparison.run(file, rows, runs, lake, out);
                }
                return 0;
            }
            Path warmUp = null;
            if (warmUpRows > 0) {
                warmUp = lake.resolve("sales_warm_up.csv");
                SalesFileGenerator.write(warmUp, warmUpRows, days, defects, duplicates, orders.get(0));
            }
            return bench(files, warmUp, runs, lake.resolve("lake"), compaction, duckDb, out);
        } finally {
            deleteTree(lake);
        }
    }

    /** A file to time; {@code order} names it when the bench alternates files of both orders, else null. */
    private record BenchFile(Path path, String order) {
    }

    /**
     * Times the files' runs; with two files, their runs alternate (the first file's run last in each round), and
     * the summary, DuckDB and the compaction are about the first.
     */
    private int bench(List<BenchFile> files, Path warmUp, int runs, Path lake, boolean compaction, boolean duckDb,
            PrintStream out) throws Exception {
        Path file = files.get(0).path();
        // Command-line arguments outrank ./application.yaml, so the bench never touches a real lake.
        try (ConfigurableApplicationContext service = new SpringApplicationBuilder(LakegateApplication.class).run(
                "--server.port=0", "--lakegate.storage.mode=embedded", "--lakegate.storage.embedded.port=0",
                "--lakegate.storage.embedded.directory=" + lake, "--lakegate.intake.poll-interval=100",
                "--lakegate.intake.settle-time=0s", "--lakegate.processing.poll-interval=100",
                "--lakegate.processing.work-directory=" + lake.resolveSibling("work"),
                "--lakegate.compaction.enabled=false", "--lakegate.compaction.work-directory=" + lake.resolveSibling("compaction"),
                "--spring.main.banner-mode=off", "--logging.level.root=WARN", "--logging.level.io.lakegate=WARN")) {
            StorageProperties storage = service.getBean(StorageProperties.class);
            LakeStorage lakeStorage = service.getBean(LakeStorage.class);
            Path raw = Path.of(storage.embedded().directory()).resolve(storage.bucket()).resolve(LakeLayout.RAW);
            if (warmUp != null) {
                warmUp(warmUp, lakeStorage, raw, compaction ? service : null, out);
            }
            long bytes = Files.size(file);
            List<List<Run>> timedByFile = new ArrayList<>();
            files.forEach(f -> timedByFile.add(new ArrayList<>()));
            boolean lakeUsed = false;
            for (int run = 1; run <= runs; run++) {
                for (int f = files.size() - 1; f >= 0; f--) {
                    if (lakeUsed) {
                        emptyLake(raw);
                    }
                    lakeUsed = true;
                    BenchFile benchFile = files.get(f);
                    Run result = timeOnce(benchFile.path(), raw.resolve(rawName(benchFile.path())), lakeStorage);
                    timedByFile.get(f).add(result);
                    out.printf(Locale.ROOT, "Run %d of %d%s: %,d rows in %.2f s, %,.0f rows/s, %.1f MB/s, peak heap %d MB,"
                            + " CPU %.1f s, JIT %.1f s%n", run, runs, benchFile.order() == null ? "" : " (" + benchFile.order() + ")",
                            result.rows(), result.seconds(), result.rowsPerSecond(), Files.size(benchFile.path()) / 1e6 / result.seconds(),
                            result.peakHeapMb(), result.watcher().cpuSeconds(), result.watcher().jitSeconds());
                }
            }
            List<Run> timed = timedByFile.get(0);
            Run median = median(timed);
            JsonNode audit = median.audit();
            long read = median.rows();
            long good = audit.path("rows_good").asLong();
            long rejected = audit.path("rows_rejected").asLong();
            double seconds = median.seconds();
            double rowsPerSecond = median.rowsPerSecond();
            double mbPerSecond = bytes / 1e6 / seconds;
            long peakHeapMb = timed.stream().mapToLong(Run::peakHeapMb).max().orElseThrow();
            ResourceWatcher watcher = median.watcher();
            out.printf(Locale.ROOT, "Validated and processed %,d rows (%.1f MB) in %.2f s (the median of %d runs)%n", read,
                    bytes / 1e6, seconds, runs);
            out.printf(Locale.ROOT, "  %,.0f rows/s (runs ranged %,.0f to %,.0f), %.1f MB/s, peak heap %d MB (max heap %d MB)%n",
                    rowsPerSecond, timed.stream().mapToDouble(Run::rowsPerSecond).min().orElseThrow(),
                    timed.stream().mapToDouble(Run::rowsPerSecond).max().orElseThrow(), mbPerSecond, peakHeapMb,
                    Runtime.getRuntime().maxMemory() / (1024 * 1024));
            out.printf(Locale.ROOT, "  good %,d, rejected %,d, rejects by rule %s, part files %d (%.1f MB)%n", good, rejected,
                    audit.path("rejects_by_rule"), audit.path("part_files").size(), audit.path("bytes_out").asLong() / 1e6);
            out.printf(Locale.ROOT, "  stage times (ms, summed over the file's batches): %s%n", audit.path("timings_ms"));
            out.printf(Locale.ROOT, "  CPU %.1f s on %d cores (%.2f µs a row); by part, in s: %s; JIT compilation took %.1f s%n",
                    watcher.cpuSeconds(), Runtime.getRuntime().availableProcessors(),
                    watcher.cpuSeconds() * 1e6 / Math.max(1, read), rounded(watcher.cpuByPart()), watcher.jitSeconds());
            out.printf(Locale.ROOT, "  %.1f MB of rows waited in the spill for dates beyond the open parts%n",
                    audit.path("bytes_spilled").asLong() / 1e6);
            String ingestLine = String.format(Locale.ROOT,
                    "bench rows=%d seconds=%.2f rows_per_s=%.0f mb_per_s=%.1f peak_heap_mb=%d good=%d rejected=%d"
                            + " cpu_s=%.1f jit_s=%.1f runs=%d spilled_mb=%d", read, seconds, rowsPerSecond, mbPerSecond,
                    peakHeapMb, good, rejected, watcher.cpuSeconds(), watcher.jitSeconds(), runs,
                    audit.path("bytes_spilled").asLong() / 1_000_000);
            if (files.size() == 2) {
                ingestLine += compareOrders(files, timedByFile, out);
            }
            if (duckDb) {
                ingestLine += compareWithDuckDb(file, lake.resolveSibling("duckdb"), runs, read, rowsPerSecond, out);
            }
            if (!compaction) {
                out.println(ingestLine);
                return 0;
            }

            out.println(ingestLine + compareCompactions(service, lake, runs, duckDb, out));
            return 0;
        }
    }

    /**
     * Times the compaction of the processed data {@code runs} times, the gold table dropped before each run after the
     * first, and with {@code duckDb} DuckDB compacting the same processed parts right after each: a pair of runs meets
     * the same conditions of the machine, whose speed drifts. Each side starts once the JIT compilers are idle. Prints
     * each run and the medians; returns the figures for the script line.
     */
    private static String compareCompactions(ConfigurableApplicationContext service, Path lake, int runs, boolean duckDb,
            PrintStream out) throws Exception {
        List<Compaction> compactions = new ArrayList<>();
        List<Double> duckDbSeconds = new ArrayList<>();
        long peakHeapBytes = 0;
        for (int run = 1; run <= runs; run++) {
            if (run > 1) {
                dropGoldTables(service);
            }
            // Each side is timed once the JIT compilers are idle, so that neither pays for the other's compilation.
            ResourceWatcher.awaitCompilersIdle();
            ResourceWatcher watcher = new ResourceWatcher();
            watcher.start();
            Compaction compacted = compactAll(service);
            watcher.stop();
            compactions.add(compacted);
            peakHeapBytes = Math.max(peakHeapBytes, watcher.peakHeapBytes());
            out.printf(Locale.ROOT, "Compaction run %d of %d: %,d rows in %.2f s, %,.0f rows/s, peak heap %d MB%n", run, runs,
                    compacted.rowsIn(), compacted.seconds(), compacted.rowsPerSecond(), watcher.peakHeapBytes() / (1024 * 1024));
            if (duckDb) {
                ResourceWatcher.awaitCompilersIdle();
                double seconds = timeDuckDbCompaction(service, lake, compacted.goldRows());
                duckDbSeconds.add(seconds);
                out.printf(Locale.ROOT, "  DuckDB compaction run %d of %d: %.2f s, %,.0f rows/s; Lakegate / DuckDB = %.2f%n",
                        run, runs, seconds, compacted.rowsIn() / seconds, seconds / compacted.seconds());
            }
        }
        Compaction median = compactions.stream().sorted(Comparator.comparingDouble(Compaction::seconds)).toList()
                .get(runs / 2);
        CompactionReport report = median.report();
        out.printf(Locale.ROOT, "Compacted %,d processed rows of %d dates into %,d gold rows in %.2f s (the median of %d runs)%n",
                median.rowsIn(), report.compacted(), median.goldRows(), median.seconds(), runs);
        out.printf(Locale.ROOT, "  %,.0f rows/s (runs ranged %,.0f to %,.0f), peak heap %d MB%n", median.rowsPerSecond(),
                compactions.stream().mapToDouble(Compaction::rowsPerSecond).min().orElseThrow(),
                compactions.stream().mapToDouble(Compaction::rowsPerSecond).max().orElseThrow(),
                peakHeapBytes / (1024 * 1024));
        out.printf(Locale.ROOT, "  step times of the median run (ms): %s%n", median.stepTimes());
        String line = String.format(Locale.ROOT,
                " compact_seconds=%.2f compact_rows_per_s=%.0f compact_peak_heap_mb=%d gold_rows=%d", median.seconds(),
                median.rowsPerSecond(), peakHeapBytes / (1024 * 1024), median.goldRows());
        if (!duckDb) {
            return line;
        }
        double duckDbMedian = duckDbSeconds.stream().sorted().toList().get(runs / 2);
        double duckDbRowsPerSecond = median.rowsIn() / duckDbMedian;
        out.printf(Locale.ROOT, "DuckDB compaction (latest row per key, SHA-256 row_hash, sorted, COPY ... PARTITION_BY"
                + " (day)): %,.0f rows/s (median run); Lakegate / DuckDB = %.2f%n", duckDbRowsPerSecond,
                median.rowsPerSecond() / duckDbRowsPerSecond);
        return line + String.format(Locale.ROOT, " duckdb_compact_rows_per_s=%.0f compact_vs_duckdb=%.2f",
                duckDbRowsPerSecond, median.rowsPerSecond() / duckDbRowsPerSecond);
    }

    /**
     * Times DuckDB doing the same conversion on the same file ({@link DuckDbBaseline}) as often as Lakegate was
     * timed, and prints its median run beside Lakegate's. Returns the figures for the script line.
     */
    private static String compareWithDuckDb(Path file, Path output, int runs, long rows, double lakegateRowsPerSecond,
            PrintStream out) throws Exception {
        List<DuckDbBaseline.Result> results = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            deleteTree(output);
            DuckDbBaseline.Result result = DuckDbBaseline.run(file, output, Runtime.getRuntime().availableProcessors());
            results.add(result);
            out.printf(Locale.ROOT, "DuckDB run %d of %d: %,d good rows written in %.2f s, %,.0f rows/s%n", run, runs,
                    result.rows(), result.seconds(), rows / result.seconds());
        }
        deleteTree(output);
        DuckDbBaseline.Result median = results.stream().sorted(Comparator.comparingDouble(DuckDbBaseline.Result::seconds))
                .toList().get(runs / 2);
        double duckDbRowsPerSecond = rows / median.seconds();
        out.printf(Locale.ROOT, "DuckDB (typed, the contract's reject rules, COPY ... PARTITION_BY (date)): %,.0f rows/s"
                + " (median run); Lakegate / DuckDB = %.2f%n", duckDbRowsPerSecond, lakegateRowsPerSecond / duckDbRowsPerSecond);
        return String.format(Locale.ROOT, " duckdb_rows_per_s=%.0f duckdb_good=%d vs_duckdb=%.2f", duckDbRowsPerSecond,
                median.rows(), lakegateRowsPerSecond / duckDbRowsPerSecond);
    }

    /**
     * Times DuckDB compacting the processed parts ({@link DuckDbCompactionBaseline}); fails unless it kept as many rows as
     * Lakegate's compaction did.
     */
    private static double timeDuckDbCompaction(ConfigurableApplicationContext service, Path lake, long goldRows)
            throws Exception {
        StorageProperties storage = service.getBean(StorageProperties.class);
        DataContract contract = service.getBean(ContractRegistry.class).all().stream()
                .filter(c -> c.goldTable().isPresent()).findFirst().orElseThrow();
        DataContract.Gold gold = contract.goldTable().orElseThrow();
        Path processed = lake.resolve(storage.bucket()).resolve(LakeLayout.processedDatasetPrefix(contract.id()));
        Path output = lake.resolveSibling("duckdb-gold");
        deleteTree(output);
        DuckDbCompactionBaseline.Result result = DuckDbCompactionBaseline.run(processed, gold.key(),
                contract.schema().eventTime(), gold.sortByOrKey(), output, Runtime.getRuntime().availableProcessors());
        deleteTree(output);
        if (result.rows() != goldRows) {
            throw new IllegalStateException("DuckDB kept " + result.rows() + " rows of one key each, Lakegate " + goldRows
                    + ": the two did not do the same work");
        }
        return result.seconds();
    }

    /**
     * Runs the warm-up file through processing and, unless {@code compactingService} is null, through a compaction,
     * so the timed passes meet code the JIT has compiled, as in a service that has been running; then empties the
     * lake and drops the gold table again.
     */
    private static void warmUp(Path file, LakeStorage storage, Path raw, ConfigurableApplicationContext compactingService,
            PrintStream out) throws Exception {
        Run warmUp = timeOnce(file, raw.resolve(file.getFileName().toString()), storage);
        out.printf(Locale.ROOT, "Warm-up (a JVM just started): %,d rows in %.2f s, %,.0f rows/s%n", warmUp.rows(),
                warmUp.seconds(), warmUp.rowsPerSecond());
        if (compactingService != null) {
            Compaction compacted = compactAll(compactingService);
            out.printf(Locale.ROOT, "Compaction warm-up (a JVM that never compacted): %,d rows in %.2f s, %,.0f rows/s%n",
                    compacted.rowsIn(), compacted.seconds(), compacted.rowsIn() / compacted.seconds());
            dropGoldTables(compactingService);
        }
        emptyLake(raw);
        out.printf(Locale.ROOT, "  then waited %.1f s for the JIT compilers to finish what the warm-up queued%n",
                ResourceWatcher.awaitCompilersIdle() / 1e9);
    }

    /** Drops every gold table, so that the next compaction rewrites every date of the processed data. */
    private static void dropGoldTables(ConfigurableApplicationContext service) {
        GoldTables tables = service.getBean(GoldTables.class);
        Catalog catalog = service.getBean(Catalog.class);
        for (DataContract contract : service.getBean(ContractRegistry.class).all()) {
            catalog.dropTable(tables.identifier(contract.id()), false);
        }
    }

    /**
     * Compacts every due date of the lake through the service's own route, timed; fails if any date failed. The step
     * times are read from the run's audit record at once: the next run writes over it.
     */
    private static Compaction compactAll(ConfigurableApplicationContext service) {
        long start = System.nanoTime();
        CompactionReport report = service.getBean(ProducerTemplate.class)
                .requestBody("direct:compact-gold", null, CompactionReport.class);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (report.failed() > 0) {
            throw new IllegalStateException("Gold compaction failed: " + report.dates());
        }
        JsonNode stepTimes = report.dates().stream().map(date -> date.audit()).filter(Objects::nonNull).findFirst()
                .map(key -> service.getBean(LakeStorage.class).readJson(key, 1 << 20).path("run").path("timings_ms"))
                .orElse(MissingNode.getInstance());
        return new Compaction(report, seconds, report.dates().stream().mapToLong(d -> d.rowsIn() == null ? 0 : d.rowsIn()).sum(),
                report.dates().stream().mapToLong(d -> d.rowsOut() == null ? 0 : d.rowsOut()).sum(), stepTimes);
    }

    /**
     * A compaction the bench ran: its report, how long it took, the processed rows it read, the gold rows it kept and
     * its step times.
     */
    private record Compaction(CompactionReport report, double seconds, long rowsIn, long goldRows, JsonNode stepTimes) {
        double rowsPerSecond() {
            return rowsIn / seconds;
        }
    }

    // Of an even number of runs, the slower of the middle two.
    private static Run median(List<Run> runs) {
        return runs.stream().sorted(Comparator.comparingDouble(Run::seconds)).toList().get(runs.size() / 2);
    }

    /**
     * The first file's rate over the second's, from their median runs and run by run: each pair of runs ran back to
     * back, so a pair's ratio is the least disturbed by the machine's own drift.
     */
    private static String compareOrders(List<BenchFile> files, List<List<Run>> timedByFile, PrintStream out) {
        List<Run> first = timedByFile.get(0);
        List<Run> second = timedByFile.get(1);
        double medianRatio = median(first).rowsPerSecond() / median(second).rowsPerSecond();
        List<Double> pairRatios = new ArrayList<>();
        for (int run = 0; run < first.size(); run++) {
            pairRatios.add(first.get(run).rowsPerSecond() / second.get(run).rowsPerSecond());
        }
        double medianPairRatio = pairRatios.stream().sorted().toList().get(pairRatios.size() / 2);
        String label = files.get(0).order() + "_over_" + files.get(1).order();
        out.printf(Locale.ROOT, "%s against %s, runs alternated: median runs %,.0f / %,.0f rows/s = %.2f; run by run %s"
                        + " (median %.2f)%n", files.get(0).order(), files.get(1).order(), median(first).rowsPerSecond(),
                median(second).rowsPerSecond(), medianRatio,
                pairRatios.stream().map(r -> String.format(Locale.ROOT, "%.2f", r)).toList(), medianPairRatio);
        return String.format(Locale.ROOT, " %s_rows_per_s=%.0f %s=%.2f %s_run_by_run=%.2f", files.get(1).order(),
                median(second).rowsPerSecond(), label, medianRatio, label, medianPairRatio);
    }

    private static String rawName(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith("sales") ? name : "sales_" + name;
    }

    /** One timed pass of the file, from landing in raw/ until its audit record is written. */
    private static Run timeOnce(Path file, Path target, LakeStorage storage) throws Exception {
        ResourceWatcher watcher = new ResourceWatcher();
        watcher.start();
        long start = System.nanoTime();
        dropInto(file, target);
        JsonNode audit = awaitOutcome(storage, target.getParent().getParent(), target.getFileName().toString());
        double seconds = (System.nanoTime() - start) / 1e9;
        watcher.stop();
        return new Run(audit, seconds, watcher);
    }

    private record Run(JsonNode audit, double seconds, ResourceWatcher watcher) {

        long rows() {
            return audit.path("rows_read").asLong();
        }

        double rowsPerSecond() {
            return rows() / seconds;
        }

        long peakHeapMb() {
            return watcher.peakHeapBytes() / (1024 * 1024);
        }
    }

    /**
     * Removes everything the last file left in the lake but raw/, once the service is done with it: the audit
     * is written before the file is archived and its claim released, so those are waited for too.
     */
    private static void emptyLake(Path raw) throws Exception {
        Path bucket = raw.getParent();
        while (hasFiles(bucket.resolve(LakeLayout.VALIDATED)) || hasFiles(bucket.resolve(LakeLayout.LEASES))) {
            Thread.sleep(50);
        }
        try (Stream<Path> zones = Files.list(bucket)) {
            for (Path zone : zones.filter(z -> !z.equals(raw) && !z.getFileName().toString().startsWith(".")).toList()) {
                deleteTree(zone);
            }
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        // The embedded server removes a folder once its last object is gone, so a folder can vanish under the
        // walk: walk again, a few times at most, until the tree is gone.
        for (int attempt = 0; attempt < 10 && Files.exists(folder); attempt++) {
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (NoSuchFileException e) {
                // gone while walked: look again
            } catch (UncheckedIOException e) {
                if (!(e.getCause() instanceof NoSuchFileException)) {
                    throw e;
                }
            }
        }
    }

    private static boolean hasFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.anyMatch(Files::isRegularFile);
        } catch (IOException | UncheckedIOException e) {
            return true; // the service removed something while we looked: look again
        }
    }

    // A hard link puts the file into the lake folder instantly, so the timing covers only Lakegate's work.
    private static void dropInto(Path file, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        try {
            Files.createLink(target, file);
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Waits for the audit record (or a refusal), looking for it in the embedded lake's folder and reading it
     * through S3 once S3 lists it too. Asking S3 every few milliseconds instead would cost the service being
     * timed CPU: the embedded S3 server answers in the same process.
     */
    private static JsonNode awaitOutcome(LakeStorage storage, Path bucket, String name) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        String rawKey = LakeLayout.rawKeyForFile(name);
        // Refused by intake, or later by processing: each zone's refusals have their own place.
        List<String> refusals = List.of(LakeLayout.reasonKeyFor(LakeLayout.systemRejectKeyFor(rawKey)),
                LakeLayout.reasonKeyFor(LakeLayout.systemRejectKeyFor(LakeLayout.validatedKeyFor(rawKey))));
        while (System.nanoTime() < deadline) {
            Optional<String> auditKey = auditKeyOnDisk(bucket).filter(key -> storage.head(key).isPresent());
            if (auditKey.isPresent()) {
                return storage.readJson(auditKey.get(), 1 << 20);
            }
            for (String rejected : refusals) {
                if (Files.exists(bucket.resolve(rejected)) && storage.head(rejected).isPresent()) {
                    throw new IllegalStateException("The file was rejected: "
                            + new String(storage.readStart(rejected, 1 << 16), StandardCharsets.UTF_8));
                }
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("No outcome within " + TIMEOUT);
    }

    /** The key of the first audit record in the bucket's folder, if one was written. */
    private static Optional<String> auditKeyOnDisk(Path bucket) throws IOException {
        Path audits = bucket.resolve(LakeLayout.AUDIT_INGEST);
        if (!Files.isDirectory(audits)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(audits)) {
            return files.map(file -> bucket.relativize(file).toString().replace('\\', '/'))
                    .filter(key -> key.startsWith(LakeLayout.AUDIT_INGEST + "date=") && key.endsWith(".json"))
                    .findFirst();
        }
    }

    private static Map<String, String> rounded(Map<String, Double> seconds) {
        Map<String, String> rounded = new LinkedHashMap<>();
        seconds.forEach((part, value) -> rounded.put(part, String.format(Locale.ROOT, "%.1f", value)));
        return rounded;
    }

    private static List<SalesFileGenerator.Order> ordersOf(String value) throws CommandLine.UsageException {
        return switch (value) {
            case "shuffled" -> List.of(SalesFileGenerator.Order.SHUFFLED);
            case "sorted" -> List.of(SalesFileGenerator.Order.SORTED);
            case "both" -> List.of(SalesFileGenerator.Order.SHUFFLED, SalesFileGenerator.Order.SORTED);
            default -> throw new CommandLine.UsageException("--order is shuffled, sorted or both, not " + value);
        };
    }

    private static String required(String value, String option) throws CommandLine.UsageException {
        if (value == null) {
            throw new CommandLine.UsageException(option + " needs a value");
        }
        return value;
    }
}
