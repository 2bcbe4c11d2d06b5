package io.lakegate.gold;

import static io.lakegate.gold.Sale.sale;
import static io.lakegate.gold.Sale.writePart;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.parquet.ParquetPartReader;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoldCompactorTest {

    @TempDir
    Path dir;

    private int partsWritten;

    @Test
    void keepsTheLatestIngestOfEachKeyAcrossFilesAndTheLastLineWithinAFile() throws Exception {
        Path monday = writePart(dir.resolve("monday.parquet"),
                sale("T1", "10.00").ingested("run-a", "2024-05-02T00:00:00Z", "raw/a.csv", 2),
                sale("T2", "20.00").ingested("run-a", "2024-05-02T00:00:00Z", "raw/a.csv", 3),
                sale("T2", "21.00").ingested("run-a", "2024-05-02T00:00:00Z", "raw/a.csv", 9));
        Path tuesday = writePart(dir.resolve("tuesday.parquet"),
                sale("T1", "11.00").ingested("run-b", "2024-05-03T00:00:00Z", "raw/b.csv", 2),
                sale("T3", "30.00").ingested("run-b", "2024-05-03T00:00:00Z", "raw/b.csv", 3));

        CompactionResult result = compact(GoldSettings.forKey("transaction_id", "sold_at"), List.of(tuesday, monday), List.of(), "gold");

        assertThat(GoldFilesQuery.rows(dir.resolve("gold"),
                "SELECT transaction_id, amount::VARCHAR, ingest_run_id, source_line FROM {gold} ORDER BY transaction_id"))
                .containsExactly(
                        List.of("T1", "11.00", "run-b", "2"),
                        List.of("T2", "21.00", "run-a", "9"),
                        List.of("T3", "30.00", "run-b", "3"));
        assertThat(result.rowsIn()).isEqualTo(5);
        assertThat(result.rowsOut()).isEqualTo(3);
        assertThat(result.duplicatesRemoved()).isEqualTo(2);
        assertThat(result.filesIn()).isEqualTo(2);
        assertThat(result.bytesIn()).isEqualTo(Files.size(monday) + Files.size(tuesday));
        assertThat(paths(result)).containsExactly(dir.resolve("gold/group-00000-part-00000.parquet"));
        assertThat(result.bytesOut()).isEqualTo(Files.size(paths(result).get(0)));
    }

    @Test
    void breaksTiesOnIngestTimeByTheLargerSourceFileThenLineThenRunId() throws Exception {
        String sameTime = "2024-05-02T00:00:00Z";
        Path one = writePart(dir.resolve("one.parquet"),
                sale("FILE", "1.00").ingested("run-z", sameTime, "raw/a.csv", 99),
                sale("LINE", "1.00").ingested("run-a", sameTime, "raw/a.csv", 7),
                sale("RUN", "1.00").ingested("run-b", sameTime, "raw/a.csv", 5));
        Path two = writePart(dir.resolve("two.parquet"),
                sale("FILE", "2.00").ingested("run-a", sameTime, "raw/b.csv", 1),
                sale("LINE", "2.00").ingested("run-a", sameTime, "raw/a.csv", 8),
                sale("RUN", "2.00").ingested("run-c", sameTime, "raw/a.csv", 5));

        compact(GoldSettings.forKey("transaction_id", "sold_at"), List.of(one, two), List.of(), "gold");

        assertThat(GoldFilesQuery.rows(dir.resolve("gold"),
                "SELECT transaction_id, amount::VARCHAR FROM {gold} ORDER BY transaction_id"))
                .containsExactly(List.of("FILE", "2.00"), List.of("LINE", "2.00"), List.of("RUN", "2.00"));
    }

    @Test
    void writesTheSameBytesForTheSameInputsInAnyOrderAndOnEveryRun() throws Exception {
        List<Path> parts = randomParts(4, 1000, 3000);
        GoldSettings settings = GoldSettings.forKey("transaction_id", "sold_at").withTargetFileBytes(1);

        List<byte[]> first = contents(compact(settings, parts, List.of(), "first"));
        List<Path> shuffled = new ArrayList<>(parts);
        Collections.shuffle(shuffled, new Random(7));
        List<byte[]> reordered = contents(compact(settings, shuffled, List.of(), "reordered"));
        List<byte[]> again = contents(compact(settings, parts, List.of(), "again"));

        assertThat(first.size()).as("files").isGreaterThan(1);
        assertThat(reordered).containsExactlyElementsOf(first);
        assertThat(again).containsExactlyElementsOf(first);
    }

    @Test
    void countsInsertedUpdatedAndUnchangedKeysAgainstTheReplacedGoldAndKeepsGoldKeysNoPartHolds() throws Exception {
        Path first = writePart(dir.resolve("first.parquet"),
                sale("T1", "1.00"), sale("T2", "2.00").line(3), sale("T3", "3.00").line(4), sale("T4", "4.00").line(5));
        CompactionResult previous = compact(GoldSettings.forKey("transaction_id", "sold_at"), List.of(first), List.of(), "gold-1");
        // The second ingest corrects T2, re-sends T4 unchanged (only its lineage differs) and adds T5. T3 is in
        // no part any more: gold is an upsert of what was ingested, so it keeps T3 from the replaced gold.
        Path kept = writePart(dir.resolve("kept.parquet"), sale("T1", "1.00"), sale("T2", "2.00").line(3));
        Path second = writePart(dir.resolve("second.parquet"),
                sale("T2", "2.50").ingested("run-2", "2024-05-03T00:00:00Z", "raw/sales-2.csv", 2),
                sale("T4", "4.00").ingested("run-2", "2024-05-03T00:00:00Z", "raw/sales-2.csv", 3),
                sale("T5", "5.00").ingested("run-2", "2024-05-03T00:00:00Z", "raw/sales-2.csv", 4));

        CompactionResult result = compact(GoldSettings.forKey("transaction_id", "sold_at"), List.of(kept, second),
                paths(previous), "gold-2");

        assertThat(previous.totalChanges().inserted()).isEqualTo(4);
        assertThat(result.rowsOut()).isEqualTo(5);
        assertThat(result.goldRowsIn()).isEqualTo(4);
        assertThat(result.totalChanges()).isEqualTo(new CompactionResult.Changes(1, 1, 3, 0, 0));
        assertThat(GoldFilesQuery.rows(dir.resolve("gold-2"),
                "SELECT transaction_id, amount::VARCHAR FROM {gold} ORDER BY transaction_id"))
                .containsExactly(List.of("T1", "1.00"), List.of("T2", "2.50"), List.of("T3", "3.00"),
                        List.of("T4", "4.00"), List.of("T5", "5.00"));
    }

    @Test
    void countsChangesAgainstAPreviousGoldSortedByOtherColumnsAndSplitInFiles() throws Exception {
        List<Path> parts = randomParts(3, 1000, 2500);
        GoldSettings byStore = GoldSettings.forKey("transaction_id", "sold_at").withSortColumns(List.of("store_id", "sold_at"))
                .withTargetFileBytes(1);
        CompactionResult previous = compact(byStore, parts, List.of(), "previous");

        CompactionResult same = compact(GoldSettings.forKey("transaction_id", "sold_at"), parts, paths(previous), "same");

        assertThat(paths(previous)).hasSizeGreaterThan(1);
        assertThat(same.totalChanges().unchanged()).isEqualTo(same.rowsOut()).isEqualTo(previous.rowsOut());
        assertThat(same.totalChanges().inserted() + same.totalChanges().updated() + same.totalChanges().moved()
                + same.totalChanges().deleted()).isZero();
    }

    @Test
    void keepsTheProcessedColumnsAndTypesAndAddsRowHashLast() throws Exception {
        Path part = writePart(dir.resolve("part.parquet"),
                sale("T1", "-1234.50").customer(null).soldAt("2024-05-01T23:59:59.999999Z"));

        compact(GoldSettings.forKey("transaction_id", "sold_at"), List.of(part), List.of(), "gold");

        assertThat(GoldFilesQuery.rows(dir.resolve("gold"),
                "SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM {gold})"))
                .containsExactly(
                        List.of("transaction_id", "VARCHAR"),
                        List.of("store_id", "VARCHAR"),
                        List.of("quantity", "BIGINT"),
                        List.of("amount", "DECIMAL(18,2)"),
                        List.of("customer_id", "VARCHAR"),
                        List.of("sold_at", "TIMESTAMP WITH TIME ZONE"),
                        List.of("ingest_run_id", "VARCHAR"),
                        List.of("ingest_ts", "TIMESTAMP WITH TIME ZONE"),
                        List.of("source_file", "VARCHAR"),
                        List.of("source_line", "BIGINT"),
                        List.of("row_hash", "VARCHAR"));
        assertThat(GoldFilesQuery.rows(dir.resolve("gold"),
                "SELECT amount::VARCHAR, customer_id, sold_at::VARCHAR, ingest_ts::VARCHAR, length(row_hash) FROM {gold}"))
                .containsExactly(List.of("-1234.50", "null", "2024-05-01 23:59:59.999999+00", "2024-05-02 00:00:00+00", "64")
                        .stream().map(v -> v.equals("null") ? null : v).toList());
    }

    @Test
    void rowHashIsTheSha256OfTheDocumentedEncodingOfTheBusinessColumns() throws Exception {
        Path part = writePart(dir.resolve("part.parquet"), new Sale("T1", "Zürich", 3, "0.05", null,
                "2024-05-01T10:15:30Z", "run-1", "2024-05-02T00:00:00Z", "raw/sales-1.csv", 2));

        compact(GoldSettings.forKey("transaction_id", "sold_at"), List.of(part), List.of(), "gold");

        // Written out by hand from the spec in docs/gold.md: "Zürich" is 7 UTF-8 bytes; customer_id is null.
        String preimage = "17:transaction_id=T1" + "16:store_id=Zürich" + "10:quantity=3" + "11:amount=0.05"
                + "11:customer_id" + "35:sold_at=2024-05-01T10:15:30.000000Z";
        String expected = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(preimage.getBytes(StandardCharsets.UTF_8)));
        assertThat(GoldFilesQuery.rows(dir.resolve("gold"), "SELECT row_hash FROM {gold}"))
                .containsExactly(List.of(expected));
    }

    @Test
    void duckDbRecomputesEveryRowHashWithTheRecipeFromTheDocs() throws Exception {
        Path part = writePart(dir.resolve("part.parquet"),
                sale("T1", "12.50"),
                sale("T2", "-0.50").customer(null),
                sale("T3", "0.00").customer("").store("Genève – 東京 🚀"),
                sale("T4", "9999999999999999.99").soldAt("1999-12-31T23:59:59.000001Z"));

        compact(GoldSettings.forKey("transaction_id", "sold_at"), List.of(part), List.of(), "gold");

        String recomputed = "sha256(" + String.join(" || ",
                "row_hash_entry('transaction_id', transaction_id)",
                "row_hash_entry('store_id', store_id)",
                "row_hash_entry('quantity', quantity::VARCHAR)",
                "row_hash_entry('amount', amount::VARCHAR)",
                "row_hash_entry('customer_id', customer_id)",
                "row_hash_entry('sold_at', row_hash_time(sold_at))") + ")";
        assertThat(GoldFilesQuery.rows(dir.resolve("gold"), macrosFromTheDocs(),
                "SELECT transaction_id, row_hash = " + recomputed + " FROM {gold} ORDER BY transaction_id"))
                .containsExactly(List.of("T1", "true"), List.of("T2", "true"), List.of("T3", "true"), List.of("T4", "true"));
    }

    @Test
    void spillingManyRunsToDiskGivesTheSameFilesAsSortingInMemory() throws Exception {
        List<Path> parts = randomParts(5, 800, 1000);
        Path previousPart = randomParts(1, 600, 1000).get(0);
        for (List<String> sort : List.of(List.of("transaction_id"), List.of("store_id", "customer_id"))) {
            GoldSettings inMemory = GoldSettings.forKey("transaction_id", "sold_at").withSortColumns(sort).withTargetFileBytes(1);
            CompactionResult previous = compact(inMemory, List.of(previousPart), List.of(), "previous-" + sort.size());
            GoldSettings tiny = inMemory.withSortMemoryBytes(4 * 1024).withSpillDirectory(dir.resolve("spill"));

            CompactionResult fast = compact(inMemory, parts, paths(previous), "memory-" + sort.size());
            CompactionResult spilled = compact(tiny, parts, paths(previous), "spilled-" + sort.size());

            assertThat(fast.spilledRuns()).isZero();
            assertThat(spilled.spilledRuns()).isGreaterThan(ExternalSorter.MERGE_WIDTH);
            assertThat(contents(spilled)).containsExactlyElementsOf(contents(fast));
            assertThat(spilled.rowsOut()).isEqualTo(fast.rowsOut());
            assertThat(spilled.changes()).isEqualTo(fast.changes());
            assertThat(fast.totalChanges().updated() + fast.totalChanges().unchanged()).isPositive();
            try (Stream<Path> left = Files.list(dir.resolve("spill"))) {
                assertThat(left).isEmpty();
            }
        }
    }

    @Test
    void ordersRowsBySortColumnsWithNullsLastThenByKeyAcrossFiles() throws Exception {
        List<Path> parts = randomParts(3, 1500, 2000);

        CompactionResult result = compact(GoldSettings.forKey("transaction_id", "sold_at")
                .withSortColumns(List.of("customer_id", "amount")).withTargetFileBytes(1), parts, List.of(), "gold");

        assertThat(result.outputFiles()).hasSizeGreaterThan(1);
        assertThat(paths(result)).extracting(p -> p.getFileName().toString())
                .startsWith("group-00000-part-00000.parquet", "group-00000-part-00001.parquet");
        List<List<String>> expected = GoldFilesQuery.rows(dir.resolve("gold"),
                "SELECT customer_id, amount::VARCHAR, transaction_id FROM {gold} "
                        + "ORDER BY customer_id NULLS LAST, amount, transaction_id");
        List<List<String>> written = new ArrayList<>();
        for (Path file : paths(result)) {
            try (ParquetPartReader reader = ParquetPartReader.open(file, List.of("customer_id", "amount", "transaction_id"))) {
                while (reader.next()) {
                    written.add(java.util.Arrays.asList(reader.isNull(0) ? null : reader.getString(0),
                            java.math.BigDecimal.valueOf(reader.getLong(1), 2).toPlainString(), reader.getString(2)));
                }
            }
        }
        assertThat(written).hasSize((int) result.rowsOut()).containsExactlyElementsOf(expected);
        assertThat(written).anyMatch(row -> row.get(0) == null);
    }

    @Test
    void cutsAFileOnceItsEstimatedSizeReachesTheTarget() throws Exception {
        List<Path> parts = randomParts(2, 4000, 8000);
        long target = 64 * 1024;

        CompactionResult result = compact(GoldSettings.forKey("transaction_id", "sold_at").withTargetFileBytes(target),
                parts, List.of(), "gold");

        // The estimate counts open pages before compression, so files end up at or under the target.
        assertThat(result.filesOut()).isBetween(2, 5);
        for (Path file : paths(result)) {
            assertThat(Files.size(file)).isPositive().isLessThanOrEqualTo(target);
        }
        assertThat(GoldFilesQuery.rows(dir.resolve("gold"), "SELECT count(*), count(DISTINCT transaction_id) FROM {gold}"))
                .containsExactly(List.of(String.valueOf(result.rowsOut()), String.valueOf(result.rowsOut())));
    }

    @Test
    void callsTheHeartbeatThroughALongCompactionSoItsLeaseIsRenewed() throws Exception {
        List<Path> parts = randomParts(2, 70_000, 100_000);
        java.util.concurrent.atomic.AtomicInteger beats = new java.util.concurrent.atomic.AtomicInteger();

        CompactionResult result = new GoldCompactor(GoldSettings.forKey("transaction_id", "sold_at"))
                .compact(parts, List.of(), dir.resolve("gold"), beats::incrementAndGet, file -> { });

        // Every 65,536 rows read, and again for the rows hashed and the rows written.
        assertThat(beats.get()).isGreaterThanOrEqualTo((int) (140_000 / 65_536 + 2 * (result.rowsOut() / 65_536)));
        assertThat(beats.get()).isPositive();
    }

    @Test
    void tellsOfEachFileOnceItIsCompleteFromTheGroupThatWroteIt() throws Exception {
        List<Path> parts = List.of(writePart(dir.resolve("a.parquet"), sale("T1", "1.00").soldAt("2024-05-01T10:00:00Z")),
                writePart(dir.resolve("b.parquet"), sale("T2", "2.00").soldAt("2024-05-02T10:00:00Z"),
                        sale("T3", "3.00").soldAt("2024-05-02T11:00:00Z")));
        java.util.Map<Path, Long> told = new java.util.concurrent.ConcurrentHashMap<>();

        CompactionResult result = new GoldCompactor(GoldSettings.forKey("transaction_id", "sold_at"),
                java.util.concurrent.Executors.newFixedThreadPool(2)).compact(parts, List.of(), dir.resolve("gold"), () -> { },
                file -> told.merge(file.path(), Files.size(file.path()), (a, b) -> -1L));

        assertThat(result.outputFiles()).extracting(GoldFile::day)
                .containsExactly(java.time.LocalDate.parse("2024-05-01"), java.time.LocalDate.parse("2024-05-02"));
        assertThat(told).containsOnlyKeys(paths(result));
        result.outputFiles().forEach(file -> assertThat(told.get(file.path())).isEqualTo(sizeOf(file.path())));
    }

    @Test
    void writesNoFilesWhenThePartsHoldNoRows() throws Exception {
        Path empty = writePart(dir.resolve("empty.parquet"));

        CompactionResult result = compact(GoldSettings.forKey("transaction_id", "sold_at"), List.of(empty), List.of(), "gold");

        assertThat(result.outputFiles()).isEmpty();
        assertThat(result.rowsOut()).isZero();
        try (Stream<Path> files = Files.list(dir.resolve("gold"))) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void movesAKeyWhoseLatestRowHasAnotherDayOutOfItsOldDay() throws Exception {
        Path march1 = writePart(dir.resolve("march-1.parquet"),
                sale("T1", "1.00").soldAt("2024-03-01T10:00:00Z"), sale("T2", "2.00").soldAt("2024-03-01T11:00:00Z").line(3));
        CompactionResult first = compact(GoldSettings.forKey("transaction_id", "sold_at"), List.of(march1), List.of(), "gold-1");
        // T1 is re-sent corrected to March 2, ingested later.
        Path march2 = writePart(dir.resolve("march-2.parquet"), sale("T1", "1.00").soldAt("2024-03-02T09:00:00Z")
                .ingested("run-2", "2024-05-03T00:00:00Z", "raw/correction.csv", 2));

        CompactionResult result = compact(GoldSettings.forKey("transaction_id", "sold_at"), List.of(march2), paths(first), "gold-2");

        assertThat(result.outputFiles()).extracting(GoldFile::day, GoldFile::rows).containsExactly(
                org.assertj.core.groups.Tuple.tuple(java.time.LocalDate.parse("2024-03-01"), 1L),
                org.assertj.core.groups.Tuple.tuple(java.time.LocalDate.parse("2024-03-02"), 1L));
        assertThat(GoldFilesQuery.rows(dir.resolve("gold-2"),
                "SELECT transaction_id, sold_at::DATE::VARCHAR FROM {gold} ORDER BY transaction_id"))
                .containsExactly(List.of("T1", "2024-03-02"), List.of("T2", "2024-03-01"));
        assertThat(result.changes()).containsExactly(
                java.util.Map.entry(java.time.LocalDate.parse("2024-03-01"), new CompactionResult.Changes(0, 0, 1, 0, 1)),
                java.util.Map.entry(java.time.LocalDate.parse("2024-03-02"), new CompactionResult.Changes(0, 0, 0, 1, 0)));
    }

    @Test
    void keepsAGoldRowThatIsLaterThanTheProcessedRowsOfItsKey() throws Exception {
        Path old = writePart(dir.resolve("old.parquet"), sale("T1", "1.00").soldAt("2024-03-01T10:00:00Z"));
        Path correction = writePart(dir.resolve("correction.parquet"), sale("T1", "1.50").soldAt("2024-03-02T10:00:00Z")
                .ingested("run-2", "2024-05-03T00:00:00Z", "raw/correction.csv", 2));
        CompactionResult moved = compact(GoldSettings.forKey("transaction_id", "sold_at"), List.of(correction), List.of(), "gold-1");

        // March 1's parts are compacted again (new rows arrived there): the old T1 must not come back.
        CompactionResult result = compact(GoldSettings.forKey("transaction_id", "sold_at"), List.of(old), paths(moved), "gold-2");

        assertThat(GoldFilesQuery.rows(dir.resolve("gold-2"), "SELECT transaction_id, amount::VARCHAR FROM {gold}"))
                .containsExactly(List.of("T1", "1.50"));
        assertThat(result.totalChanges()).isEqualTo(new CompactionResult.Changes(0, 0, 1, 0, 0));
    }

    @Test
    void groupsOfDaysCompactedAtOnceGiveTheSameGoldAndCountsAsOneSortOfEveryRow() throws Exception {
        // Shuffled rows over 12 days, one part per day as processing writes them; a tenth of the keys repeat, within
        // a day and across days. The second round re-sends some keys corrected onto other days.
        List<Path> firstRound = partsByDay(new Random(11), 1, 4000, 3600, 12);
        List<Path> secondRound = partsByDay(new Random(12), 2, 1500, 4500, 12);
        // So small a sort budget lists no keys: every row goes through the latest-first sort, in one group.
        GoldSettings oneSort = GoldSettings.forKey("transaction_id", "sold_at").withSortMemoryBytes(4 * 1024)
                .withSpillDirectory(dir.resolve("spill"));
        GoldSettings groups = GoldSettings.forKey("transaction_id", "sold_at");
        ExecutorService workers = Executors.newFixedThreadPool(2);
        try {
            CompactionResult reference = new GoldCompactor(oneSort).compact(firstRound, List.of(), dir.resolve("one-1"));
            CompactionResult grouped = new GoldCompactor(groups, workers).compact(firstRound, List.of(), dir.resolve("groups-1"));
            assertThat(grouped.outputFiles()).hasSize(12);
            assertSameGold(grouped, reference, "one-1", "groups-1");
            assertThat(reference.spilledRuns()).as("the reference spilled").isPositive();

            CompactionResult referenceAgain = new GoldCompactor(oneSort).compact(secondRound, paths(reference),
                    dir.resolve("one-2"));
            CompactionResult groupedAgain = new GoldCompactor(groups, workers).compact(secondRound, paths(grouped),
                    dir.resolve("groups-2"));
            assertSameGold(groupedAgain, referenceAgain, "one-2", "groups-2");
            assertThat(groupedAgain.totalChanges().moved()).as("keys moved to another day").isPositive();
            assertThat(groupedAgain.totalChanges().deleted()).isEqualTo(groupedAgain.totalChanges().moved());
        } finally {
            workers.shutdownNow();
        }
    }

    @Test
    void oneSourceRowReadTwiceOnTwoDaysIsKeptOnTheEarlierDay() throws Exception {
        Sale row = sale("T1", "1.00").ingested("run-1", "2024-05-02T00:00:00Z", "raw/a.csv", 2);
        Path later = writePart(dir.resolve("later.parquet"), row.soldAt("2024-03-02T10:00:00Z"), sale("T2", "2.00").line(3)
                .soldAt("2024-03-02T11:00:00Z"));
        Path earlier = writePart(dir.resolve("earlier.parquet"), row.soldAt("2024-03-01T10:00:00Z"));

        CompactionResult result = compact(GoldSettings.forKey("transaction_id", "sold_at"), List.of(later, earlier),
                List.of(), "gold");

        assertThat(GoldFilesQuery.rows(dir.resolve("gold"),
                "SELECT transaction_id, sold_at::DATE::VARCHAR FROM {gold} ORDER BY transaction_id"))
                .containsExactly(List.of("T1", "2024-03-01"), List.of("T2", "2024-03-02"));
        assertThat(result.duplicatesRemoved()).isEqualTo(1);
    }

    @Test
    void twoKeysThatShareAHashOnTwoDaysAreEachKeptOnTheirOwnDayBesideAKeyThatMoved() throws Exception {
        // Found by search: different keys whose 44-bit KeyHash is the same.
        assertThat(KeyHash.of(sale("T-1563110", "1.00"), 0, io.lakegate.parquet.ColumnType.STRING))
                .isEqualTo(KeyHash.of(sale("T-1888572", "1.00"), 0, io.lakegate.parquet.ColumnType.STRING));
        Path march1 = writePart(dir.resolve("march-1.parquet"), sale("T-1563110", "1.00").soldAt("2024-03-01T10:00:00Z"),
                sale("MOVED", "1.00").soldAt("2024-03-01T11:00:00Z").line(3));
        Path march2 = writePart(dir.resolve("march-2.parquet"), sale("T-1888572", "2.00").soldAt("2024-03-02T10:00:00Z"),
                sale("MOVED", "9.00").soldAt("2024-03-02T11:00:00Z").ingested("run-2", "2024-05-03T00:00:00Z", "raw/b.csv", 2));

        CompactionResult result = compact(GoldSettings.forKey("transaction_id", "sold_at"), List.of(march1, march2),
                List.of(), "gold");

        assertThat(GoldFilesQuery.rows(dir.resolve("gold"),
                "SELECT transaction_id, sold_at::DATE::VARCHAR, amount::VARCHAR FROM {gold} ORDER BY transaction_id"))
                .containsExactly(List.of("MOVED", "2024-03-02", "9.00"), List.of("T-1563110", "2024-03-01", "1.00"),
                        List.of("T-1888572", "2024-03-02", "2.00"));
        assertThat(result.duplicatesRemoved()).isEqualTo(1);
    }

    @Test
    void aFailingGroupStopsTheOthersAndLeavesNoOutput() throws Exception {
        List<Path> parts = new ArrayList<>(partsByDay(new Random(5), 1, 3000, 3000, 6));
        Path corrupt = writePart(dir.resolve("corrupt.parquet"), sale("X1", "1.00").soldAt("2024-04-01T10:00:00Z"),
                sale("X2", "2.00").soldAt("2024-04-01T10:00:00Z"));
        try (RandomAccessFile file = new RandomAccessFile(corrupt.toFile(), "rw")) {
            file.seek(4);
            file.write(new byte[64]);
        }
        parts.add(corrupt);
        ExecutorService workers = Executors.newFixedThreadPool(2);
        try {
            GoldSettings settings = GoldSettings.forKey("transaction_id", "sold_at").withSpillDirectory(dir.resolve("spill"));
            assertThatThrownBy(() -> new GoldCompactor(settings, workers).compact(parts, List.of(), dir.resolve("gold")))
                    .isInstanceOf(IOException.class);
        } finally {
            workers.shutdownNow();
        }
        try (Stream<Path> output = Files.list(dir.resolve("gold")); Stream<Path> spill = Files.list(dir.resolve("spill"))) {
            assertThat(output).isEmpty();
            assertThat(spill).isEmpty();
        }
    }

    @Test
    void leavesNoOutputAndNoSpillWhenAPartIsCorrupt() throws Exception {
        List<Path> parts = new ArrayList<>(randomParts(2, 500, 400));
        Path corrupt = writePart(dir.resolve("corrupt.parquet"), sale("T1", "1.00"), sale("T2", "2.00"));
        try (RandomAccessFile file = new RandomAccessFile(corrupt.toFile(), "rw")) {
            file.seek(4);
            file.write(new byte[64]);
        }
        parts.add(corrupt);
        GoldSettings settings = GoldSettings.forKey("transaction_id", "sold_at").withSortMemoryBytes(4 * 1024)
                .withSpillDirectory(dir.resolve("spill"));

        assertThatThrownBy(() -> compact(settings, parts, List.of(), "gold"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("PageHeader");

        try (Stream<Path> output = Files.list(dir.resolve("gold")); Stream<Path> spill = Files.list(dir.resolve("spill"))) {
            assertThat(output).isEmpty();
            assertThat(spill).isEmpty();
        }
    }

    @Test
    void refusesARowWithoutAKey() throws Exception {
        Path part = writePart(dir.resolve("part.parquet"), sale("T1", "1.00"), sale("T2", "1.00").customer(null).line(17));

        assertThatThrownBy(() -> compact(GoldSettings.forKey("customer_id", "sold_at"), List.of(part), List.of(), "gold"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without customer_id").hasMessageContaining("source line 17");
    }

    @Test
    void refusesPartsWhoseColumnsDiffer() throws Exception {
        Path sales = writePart(dir.resolve("sales.parquet"), sale("T1", "1.00"));
        Path other = dir.resolve("other.parquet");
        try (var writer = io.lakegate.parquet.ParquetPartWriter.open(other, Sale.COLUMNS.subList(0, 9),
                io.lakegate.parquet.ParquetSettings.defaults())) {
            writer.write(sale("T2", "1.00"));
        }

        assertThatThrownBy(() -> compact(GoldSettings.forKey("transaction_id", "sold_at"), List.of(sales, other), List.of(), "gold"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("same columns");
    }

    @Test
    void refusesAnOutputDirectoryThatIsNotEmpty() throws Exception {
        Path part = writePart(dir.resolve("part.parquet"), sale("T1", "1.00"));
        Files.createDirectories(dir.resolve("gold"));
        Files.writeString(dir.resolve("gold/part-00000.parquet"), "stale");

        assertThatThrownBy(() -> compact(GoldSettings.forKey("transaction_id", "sold_at"), List.of(part), List.of(), "gold"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not empty");
    }

    /** The DuckDB macros of docs/gold.md, as a reader would copy them. */
    private static List<String> macrosFromTheDocs() throws IOException {
        String docs = Files.readString(Path.of("docs/gold.md"));
        List<String> macros = new ArrayList<>();
        for (String statement : docs.split(";")) {
            int start = statement.indexOf("CREATE MACRO");
            if (start >= 0) {
                macros.add(statement.substring(start));
            }
        }
        assertThat(macros).hasSize(2);
        return macros;
    }

    private CompactionResult compact(GoldSettings settings, List<Path> parts, List<Path> previous, String output)
            throws IOException {
        return new GoldCompactor(settings).compact(parts, previous, dir.resolve(output));
    }

    /**
     * Parts with {@code keys} distinct keys over {@code rowsPerPart} rows each, so most keys repeat within and
     * across parts, with a few ingest-time ties and null customers.
     */
    private List<Path> randomParts(int count, int rowsPerPart, int keys) throws IOException {
        Random random = new Random(count * 31L + rowsPerPart * 7L + keys);
        List<Path> parts = new ArrayList<>();
        for (int p = 0; p < count; p++) {
            Sale[] rows = new Sale[rowsPerPart];
            for (int i = 0; i < rowsPerPart; i++) {
                int key = random.nextInt(keys);
                rows[i] = new Sale(String.format("T%06d", key), "S" + random.nextInt(5), 1 + random.nextInt(9),
                        random.nextInt(100_000) / 100 + "." + String.format("%02d", random.nextInt(100)),
                        random.nextInt(10) == 0 ? null : "C" + random.nextInt(50),
                        "2024-05-01T%02d:%02d:00Z".formatted(random.nextInt(24), random.nextInt(60)),
                        "run-" + p % 2, "2024-05-0%dT00:00:00Z".formatted(2 + random.nextInt(3)),
                        "raw/sales-" + p + ".csv", i + 2);
            }
            parts.add(writePart(dir.resolve("processed-" + ++partsWritten + ".parquet"), rows));
        }
        return parts;
    }

    /**
     * Rows over {@code days} days of March, in random order, written one part per day; keys drawn from {@code keys}, so
     * some repeat within a day and some across days.
     */
    private List<Path> partsByDay(Random random, int run, int rows, int keys, int days) throws IOException {
        java.util.Map<Integer, List<Sale>> byDay = new java.util.TreeMap<>();
        for (int i = 0; i < rows; i++) {
            int day = 1 + random.nextInt(days);
            Sale row = new Sale(String.format("T%06d", random.nextInt(keys)), "S" + random.nextInt(5), 1 + random.nextInt(9),
                    random.nextInt(100_000) / 100 + "." + String.format("%02d", random.nextInt(100)),
                    random.nextInt(10) == 0 ? null : "C" + random.nextInt(50),
                    "2024-03-%02dT%02d:%02d:00Z".formatted(day, random.nextInt(24), random.nextInt(60)),
                    "run-" + run, "2024-04-0%dT00:00:00Z".formatted(run), "raw/sales-" + run + ".csv", i + 2);
            byDay.computeIfAbsent(day, d -> new ArrayList<>()).add(row);
        }
        List<Path> parts = new ArrayList<>();
        for (List<Sale> dayRows : byDay.values()) {
            parts.add(writePart(dir.resolve("processed-" + ++partsWritten + ".parquet"), dayRows.toArray(Sale[]::new)));
        }
        return parts;
    }

    private void assertSameGold(CompactionResult actual, CompactionResult expected, String expectedDir, String actualDir)
            throws Exception {
        String everything = "SELECT * EXCLUDE (sold_at, ingest_ts), sold_at::VARCHAR, ingest_ts::VARCHAR FROM {gold}"
                + " ORDER BY transaction_id";
        assertThat(GoldFilesQuery.rows(dir.resolve(actualDir), everything))
                .containsExactlyElementsOf(GoldFilesQuery.rows(dir.resolve(expectedDir), everything));
        assertThat(actual.changes()).isEqualTo(expected.changes());
        assertThat(actual.rowsOut()).isEqualTo(expected.rowsOut());
        assertThat(actual.rowsPerPart()).isEqualTo(expected.rowsPerPart());
        assertThat(actual.duplicatesRemoved()).isEqualTo(expected.duplicatesRemoved()).isPositive();
        assertThat(contents(actual)).containsExactlyElementsOf(contents(expected));
    }

    private static List<Path> paths(CompactionResult result) {
        return result.outputFiles().stream().map(GoldFile::path).toList();
    }

    private static List<byte[]> contents(CompactionResult result) throws IOException {
        List<byte[]> contents = new ArrayList<>();
        for (Path file : paths(result)) {
            contents.add(Files.readAllBytes(file));
        }
        return contents;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
