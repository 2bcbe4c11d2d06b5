package io.lakegate.gold;

import io.lakegate.parquet.ColumnType;
import io.lakegate.parquet.ParquetPartReader;
import io.lakegate.parquet.RowView;
import java.io.IOException;
import java.time.LocalDate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compacts processed parts and the gold files they touch into new gold files with one row per key, partitioned
 * by the UTC day of the event time, and says how gold changed. Local files only; choosing the inputs, fetching
 * them and committing the result is the caller's job. See {@code docs/gold.md}.
 * <ul>
 * <li><b>Latest row wins.</b> Of the rows with the same key, from processed parts and replaced gold files alike,
 *     gold keeps the one that sorts last by ({@code ingest_ts}, {@code source_file}, {@code source_line},
 *     {@code ingest_run_id}): the latest ingest, and within one ingest the later file and line. Rows equal on
 *     all of those are the same source row read twice; if their values differ anyway, their encoded bytes
 *     decide, never the input order. A key whose latest row has another event day than its gold row moves.</li>
 * <li><b>Schema.</b> The processed columns, unchanged, then {@code row_hash} ({@link RowHash}).</li>
 * <li><b>Order and files.</b> Rows are sorted by partition day, then the sort columns, then the key, and cut
 *     into files of one day and about the target size. The same inputs, in any order, give byte-identical files.</li>
 * <li><b>Groups of days, at once.</b> Files that share a day form a group ({@link CompactionGroups}); groups are
 *     compacted apart on the workers. A key with rows in several groups gets its winner chosen first
 *     ({@link CrossGroupWinners}); a key with one row in all needs no sort to win.</li>
 * <li><b>Bounded memory.</b> Rows are sorted as compact byte records that spill to the spill directory
 *     once a sort fills its memory budget, then merged; nothing holds all rows at once. A group whose rows would
 *     spill runs alone.</li>
 * <li><b>All or nothing.</b> On failure no gold file is left in the output directory, and the spilled runs
 *     are deleted in every case.</li>
 * </ul>
 * One instance may run compactions one after another or at once; each uses its own spill folder.
 */
public final class GoldCompactor {

    private static final Logger log = LoggerFactory.getLogger(GoldCompactor.class);

    private static final int HEARTBEAT_ROWS = 1 << 16;
    private static final int NO_DAY = Integer.MIN_VALUE;
    // Gold rows of the sales contract take about 57 bytes in a ZSTD file; a little less overestimates the keys
    // a row group holds, which only lowers the bloom filter's false positives.
    private static final long GOLD_BYTES_PER_ROW = 48;
    // A sales row takes about 23 bytes in a processed part and 180 as a sort record: a group whose parts take more
    // than an eighth of the sort budget on disk would spill, and runs alone, with the heap to itself.
    private static final int SORT_BYTES_PER_FILE_BYTE = 8;
    // A key with rows in two groups costs about 200 bytes of heap until the groups are written.
    private static final int HEAP_BYTES_PER_CROSS_GROUP_KEY = 200;
    // Listing keys with several rows takes 8 bytes each, held while the groups sort: up to a quarter of one sort's
    // budget. Beyond that every row goes through the latest-first sort, as it would without the list.
    private static final int REPEATED_KEYS_PER_SORT_BYTE = 32;

    private final GoldSettings settings;
    private final Executor workers;

    /** Compacts on the calling thread. */
    public GoldCompactor(GoldSettings settings) {
        this(settings, Runnable::run);
    }

    /** @param workers runs the groups of days that can be compacted apart, as many at once as it has threads */
    public GoldCompactor(GoldSettings settings, Executor workers) {
        this.settings = settings;
        this.workers = workers;
    }

    /**
     * @param processedParts  processed parts, in any order
     * @param replacedGold    the gold files the result replaces: their rows compete with the processed rows,
     *                        and changes are counted against them; empty for a first run
     * @param outputDirectory where the gold files go; created if missing, and must be empty
     */
    public CompactionResult compact(List<Path> processedParts, List<Path> replacedGold, Path outputDirectory)
            throws IOException {
        return compact(processedParts, replacedGold, outputDirectory, () -> { }, file -> { });
    }

    /**
     * @param heartbeat called every so many rows, so a caller can renew its lease through a long compaction; never
     *                  from two threads at once
     * @param finished  told of each gold file as soon as its group is done with it, from the group's thread, so a
     *                  caller can upload it while other groups still run; the files stay where they are
     */
    public CompactionResult compact(List<Path> processedParts, List<Path> replacedGold, Path outputDirectory,
            Runnable heartbeat, FinishedFile finished) throws IOException {
        GoldSchema schema = GoldSchema.of(processedParts, settings);
        prepare(outputDirectory);
        try (ScratchDirectory scratch = ScratchDirectory.createIn(settings.spillDirectory())) {
            return compact(processedParts, replacedGold, outputDirectory, schema, scratch.path(), heartbeat, finished);
        } catch (IOException | RuntimeException e) {
            deleteOutputs(outputDirectory);
            throw e;
        }
    }

    private CompactionResult compact(List<Path> processedParts, List<Path> replacedGold, Path outputDirectory,
            GoldSchema schema, Path scratch, Runnable heartbeat, FinishedFile finished) throws IOException {
        List<Path> inputs = new ArrayList<>(processedParts);
        inputs.addAll(replacedGold);
        ColumnType keyType = schema.typeOf(settings.keyColumn());
        long memory = settings.sortMemoryBytes();
        Heartbeat shared = new Heartbeat(heartbeat);
        StepTimes steps = new StepTimes();
        CompactionGroups groups = CompactionGroups.of(inputs, settings.keyColumn(), keyType, settings.eventTimeColumn(),
                2 * memory, (int) Math.min(Integer.MAX_VALUE, memory / HEAP_BYTES_PER_CROSS_GROUP_KEY),
                (int) Math.min(Integer.MAX_VALUE, memory / REPEATED_KEYS_PER_SORT_BYTE), workers, shared, HEARTBEAT_ROWS);
        steps.lap("key_pass");
        List<String> orderColumns = latestFirstColumns();
        CrossGroupWinners winners = CrossGroupWinners.of(inputs, processedParts.size(), groups, orderColumns,
                settings.eventTimeColumn(), keyType, () -> new SortRecordEncoder(latestFirstOrder(schema, orderColumns::indexOf),
                        1, new RowCodec(List.of())), workers);
        steps.lap("cross_group_winners");
        log.debug("Gold compaction of {} files in {} groups of days; {} keys have rows in more than one group",
                inputs.size(), groups.filesOfGroup().size(), winners.size());
        List<GroupRun> runs = new ArrayList<>();
        List<List<Integer>> filesOfGroup = groups.filesOfGroup();
        for (int group = 0; group < filesOfGroup.size(); group++) {
            runs.add(new GroupRun(group, filesOfGroup.get(group), inputs, processedParts.size(), schema, groups, winners,
                    outputDirectory, scratch, shared, finished));
        }
        runAll(runs, shared);
        steps.lap("groups");
        return combine(runs, processedParts, replacedGold, steps);
    }

    /**
     * Runs the groups too large to share the heap one after another, then the others all at once on the workers;
     * on the first failure the others stop at their next heartbeat.
     */
    private void runAll(List<GroupRun> runs, Heartbeat heartbeat) throws IOException {
        long alone = settings.sortMemoryBytes() / SORT_BYTES_PER_FILE_BYTE;
        List<GroupRun> large = runs.stream().filter(run -> run.inputBytes() > alone).toList();
        List<GroupRun> small = runs.stream().filter(run -> run.inputBytes() <= alone)
                .sorted(Comparator.comparingLong(GroupRun::inputBytes).reversed()).toList();
        for (GroupRun run : large) {
            await(List.of(CompletableFuture.runAsync(run, workers)), heartbeat);
        }
        await(small.stream().map(run -> CompletableFuture.runAsync(run, workers)).toList(), heartbeat);
    }

    private static void await(List<CompletableFuture<Void>> running, Heartbeat heartbeat) throws IOException {
        Throwable failure = null;
        for (CompletableFuture<Void> run : running) {
            try {
                run.join();
            } catch (CompletionException | CancellationException e) {
                heartbeat.stop();
                Throwable cause = e.getCause() == null ? e : e.getCause();
                if (failure == null || failure instanceof StoppedException) {
                    failure = cause;
                }
            }
        }
        if (failure instanceof UncheckedIOException unchecked) {
            throw unchecked.getCause();
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
    }

    /** Adds up the groups' results; their files are listed in day order. */
    private CompactionResult combine(List<GroupRun> runs, List<Path> processedParts, List<Path> replacedGold,
            StepTimes steps) throws IOException {
        long[] rowsOfFile = new long[processedParts.size() + replacedGold.size()];
        Map<LocalDate, CompactionResult.Changes> changes = new TreeMap<>();
        List<GoldFile> files = new ArrayList<>();
        long rowsOut = 0;
        int spilledRuns = 0;
        for (GroupRun run : runs) {
            run.rowsOfFile.forEach((file, rows) -> rowsOfFile[file] = rows);
            changes.putAll(run.changes);
            files.addAll(run.files);
            rowsOut += run.rowsOut;
            spilledRuns += run.spilledRuns;
        }
        files.sort(Comparator.comparing(GoldFile::day));
        List<Long> rowsPerPart = new ArrayList<>();
        long rowsIn = 0;
        for (int file = 0; file < processedParts.size(); file++) {
            rowsPerPart.add(rowsOfFile[file]);
            rowsIn += rowsOfFile[file];
        }
        long goldRowsIn = 0;
        for (int file = processedParts.size(); file < rowsOfFile.length; file++) {
            goldRowsIn += rowsOfFile[file];
        }
        return new CompactionResult(rowsPerPart, rowsIn, goldRowsIn, rowsOut, rowsIn + goldRowsIn - rowsOut, changes,
                processedParts.size(), files.size(), totalSize(processedParts),
                totalSize(files.stream().map(GoldFile::path).toList()), files, spilledRuns, steps.millis());
    }

    /**
     * Compacts one group of files: the days they hold, whole. Sorts the rows by key, latest first, to keep each key's
     * winner (dropping those that {@link CrossGroupWinners} gives to another group), hashes and counts them, then
     * sorts them by the gold order and writes them.
     */
    private final class GroupRun implements Runnable {

        private final int group;
        private final List<Integer> fileIndexes;
        private final List<Path> inputs;
        private final int firstGold;
        private final GoldSchema schema;
        private final CompactionGroups groups;
        private final CrossGroupWinners winners;
        private final Path output;
        private final Path scratch;
        private final Heartbeat heartbeat;
        private final FinishedFile finished;
        private final long inputBytes;
        private final Map<Integer, Long> rowsOfFile = new HashMap<>();
        private Map<LocalDate, CompactionResult.Changes> changes = Map.of();
        private List<GoldFile> files = List.of();
        private long rowsOut;
        private int spilledRuns;

        GroupRun(int group, List<Integer> fileIndexes, List<Path> inputs, int firstGold, GoldSchema schema,
                CompactionGroups groups, CrossGroupWinners winners, Path output, Path scratch, Heartbeat heartbeat,
                FinishedFile finished) throws IOException {
            this.group = group;
            this.fileIndexes = fileIndexes;
            this.inputs = inputs;
            this.firstGold = firstGold;
            this.schema = schema;
            this.groups = groups;
            this.winners = winners;
            this.output = output;
            this.scratch = scratch;
            this.heartbeat = heartbeat;
            this.finished = finished;
            this.inputBytes = totalSize(fileIndexes.stream().map(inputs::get).toList());
        }

        long inputBytes() {
            return inputBytes;
        }

        @Override
        public void run() {
            try {
                compact();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void compact() throws IOException {
            long memory = settings.sortMemoryBytes();
            String prefix = String.format("group-%05d-", group);
            List<Path> replacedGold = fileIndexes.stream().filter(file -> file >= firstGold).map(inputs::get).toList();
            List<SortField> order = goldOrder(schema);
            try (ExternalSorter latestFirst = new ExternalSorter(scratch, prefix + "latest-first", memory, true);
                    ExternalSorter previousKeys = new ExternalSorter(scratch, prefix + "previous-keys", memory, true);
                    ExternalSorter goldOrder = new ExternalSorter(scratch, prefix + "gold-order", memory, false);
                    GoldFiles goldFiles = new GoldFiles(output, prefix + "part-", schema.goldColumns(), settings.parquet(),
                            footer(schema), settings.targetFileBytes(), settings.keyColumn(), keysPerRowGroup())) {
                ChangeCounter counter = ChangeCounter.against(replacedGold, settings.keyColumn(),
                        schema.typeOf(settings.keyColumn()), settings.eventTimeColumn(), groups.repeatedKeys(), previousKeys);
                Rows rows = new Rows(latestFirst, goldOrder, new SortRecordEncoder(order, order.size(),
                        new RowCodec(schema.goldColumns())), counter);
                for (int file : fileIndexes) {
                    rowsOfFile.put(file, read(inputs.get(file), file >= firstGold, rows));
                }
                keepLatest(latestFirst.sorted(), rows);
                counter.finish();
                rowsOut = rows.kept;
                changes = counter.byDay();
                DayWriter days = new DayWriter(goldFiles, rowsOfEachDay(changes));
                goldOrder.forEachSorted(days);
                days.finish();
                files = goldFiles.finish();
                for (GoldFile file : files) {
                    finished.accept(file);
                }
                spilledRuns = latestFirst.spilledRuns() + previousKeys.spilledRuns() + goldOrder.spilledRuns();
            }
        }

        /**
         * Reads the processed columns of a file, and of a gold file its stored {@code row_hash}, which the recomputed
         * one is compared with; returns its rows. A row whose key has no other row goes straight to the gold order;
         * the others wait in the latest-first sort.
         */
        private long read(Path file, boolean gold, Rows into) throws IOException {
            int key = schema.indexOf(settings.keyColumn());
            ColumnType keyType = schema.typeOf(settings.keyColumn());
            int eventTime = schema.indexOf(settings.eventTimeColumn());
            List<String> names = new ArrayList<>(schema.processedColumns().stream().map(c -> c.name()).toList());
            int storedHash = names.size();
            if (gold) {
                names.add(GoldSchema.ROW_HASH);
            }
            SortRecordEncoder latestFirst = new SortRecordEncoder(latestFirstOrder(schema, schema::indexOf), 1,
                    new RowCodec(schema.processedColumns()));
            KeyHashSet repeated = groups.repeatedKeys();
            long rows = 0;
            try (ParquetPartReader reader = ParquetPartReader.open(file, names)) {
                schema.checkSameColumns(file, reader.columns());
                while (reader.next()) {
                    if (reader.isNull(key) || reader.isNull(eventTime)) {
                        throw new IllegalArgumentException((gold ? "gold file " : "processed part ") + file
                                + " has a row without " + settings.keyColumn() + " or " + settings.eventTimeColumn()
                                + " (source line " + reader.getLong(schema.indexOf(GoldSchema.SOURCE_LINE)) + ")");
                    }
                    if (repeated.contains(KeyHash.of(reader, key, keyType))) {
                        latestFirst.encodeInto(reader, into.latestFirst);
                    } else {
                        byte[] hash = into.rowHash.hexOf(reader);
                        into.counter.countOnlyRow(GoldDays.ofMicros(reader.getLong(eventTime)), hash,
                                gold ? reader.getString(storedHash) : null);
                        into.keep(reader, hash);
                    }
                    if (++rows % HEARTBEAT_ROWS == 0) {
                        heartbeat.run();
                    }
                }
            }
            return rows;
        }

        /**
         * Keeps the winning row of each key with several rows, in key order, unless another group holds the key's
         * winner, and counts it.
         */
        private void keepLatest(RecordCursor latest, Rows rows) throws IOException {
            RowCodec processed = new RowCodec(schema.processedColumns());
            int eventTime = schema.indexOf(settings.eventTimeColumn());
            int key = schema.indexOf(settings.keyColumn());
            ColumnType keyType = schema.typeOf(settings.keyColumn());
            byte[] record;
            long seen = 0;
            while ((record = latest.next()) != null) {
                RowView row = processed.decode(record, SortRecords.payloadOffset(record));
                int day = GoldDays.ofMicros(row.getLong(eventTime));
                boolean movedIn = false;
                if (winners.mayHave(KeyHash.of(row, key, keyType))) {
                    Object keyValue = CrossGroupWinners.keyOf(row, key, keyType);
                    if (!winners.keeps(keyValue, record, group)) {
                        continue;
                    }
                    movedIn = winners.movedInto(keyValue, group);
                }
                byte[] hash = rows.rowHash.hexOf(row);
                if (movedIn) {
                    rows.counter.countMovedIn(day);
                } else {
                    rows.counter.count(record, hash, day);
                }
                rows.keep(row, hash);
                if (++seen % HEARTBEAT_ROWS == 0) {
                    heartbeat.run();
                }
            }
        }

        /** Writes the gold-order records to the group's gold files, day by day. */
        private final class DayWriter implements ExternalSorter.RecordVisitor {

            private final GoldFiles output;
            private final Map<Integer, Long> rowsOfDay;
            private final RowCodec gold = new RowCodec(schema.goldColumns());
            private final int eventTime = schema.indexOf(settings.eventTimeColumn());
            private long written;
            private int day = NO_DAY;
            private long writtenBeforeDay;
            private long dayRows;

            DayWriter(GoldFiles output, Map<Integer, Long> rowsOfDay) {
                this.output = output;
                this.rowsOfDay = rowsOfDay;
            }

            @Override
            public void accept(byte[] bytes, int offset, int length) throws IOException {
                RowView row = gold.decode(bytes, SortRecords.payloadOffset(bytes, offset));
                int rowDay = GoldDays.ofMicros(row.getLong(eventTime));
                if (rowDay != day) {
                    logDayWritten(day, written - writtenBeforeDay);
                    day = rowDay;
                    writtenBeforeDay = written;
                    dayRows = rowsOfDay.get(rowDay);
                }
                output.write(row, rowDay, dayRows);
                if (++written % HEARTBEAT_ROWS == 0) {
                    heartbeat.run();
                }
            }

            void finish() {
                logDayWritten(day, written - writtenBeforeDay);
            }
        }

        /** Where a group's rows go: the latest-first sort for keys with several rows, the gold order for winners. */
        private final class Rows {

            final ExternalSorter latestFirst;
            final ExternalSorter goldOrder;
            final SortRecordEncoder toGoldOrder;
            final ChangeCounter counter;
            final RowHash rowHash = new RowHash(schema.processedColumns(), schema.businessColumns());
            final GoldRow goldRow = new GoldRow(schema.processedColumns().size());
            long kept;

            Rows(ExternalSorter latestFirst, ExternalSorter goldOrder, SortRecordEncoder toGoldOrder, ChangeCounter counter) {
                this.latestFirst = latestFirst;
                this.goldOrder = goldOrder;
                this.toGoldOrder = toGoldOrder;
                this.counter = counter;
            }

            void keep(RowView row, byte[] hash) throws IOException {
                toGoldOrder.encodeInto(goldRow.over(row, hash), goldOrder);
                kept++;
            }
        }
    }

    /** Receives each gold file once it is complete. */
    public interface FinishedFile {
        void accept(GoldFile file) throws IOException;
    }

    /**
     * The caller's heartbeat, called by one group at a time; once a group failed, it stops the others instead.
     */
    private static final class Heartbeat implements Runnable {

        private final Runnable caller;
        private volatile boolean stopped;

        Heartbeat(Runnable caller) {
            this.caller = caller;
        }

        @Override
        public synchronized void run() {
            if (stopped) {
                throw new StoppedException();
            }
            caller.run();
        }

        void stop() {
            stopped = true;
        }
    }

    /** A group stopped because another failed; the other's failure is the one reported. */
    private static final class StoppedException extends RuntimeException {
        StoppedException() {
            super("stopped: another group of this compaction failed", null, false, false);
        }
    }

    // Gold is written day by day, so each day's line is progress a long run can show (compact turns them on).
    private static void logDayWritten(int epochDay, long rows) {
        if (epochDay != NO_DAY) {
            log.debug("Gold day {}: {} rows written", LocalDate.ofEpochDay(epochDay), rows);
        }
    }

    /** Every key kept on a day is counted once there, as inserted, updated, unchanged or moved. */
    private static Map<Integer, Long> rowsOfEachDay(Map<LocalDate, CompactionResult.Changes> changes) {
        Map<Integer, Long> rows = new HashMap<>();
        changes.forEach((day, c) -> rows.put((int) day.toEpochDay(), c.inserted() + c.updated() + c.unchanged() + c.moved()));
        return rows;
    }

    /**
     * The most keys a row group of a full file holds, the most a file's key bloom filter is sized for. A size given
     * up front rather than Parquet's adaptive filter, which updates a dozen candidate filters per row and cost about
     * half of the Parquet writing.
     */
    private long keysPerRowGroup() {
        return Math.max(1, Math.min(settings.targetFileBytes(), settings.parquet().rowGroupBytes()) / GOLD_BYTES_PER_ROW);
    }

    /** Key first, so that each key's rows are together, then what decides which row wins. */
    private List<String> latestFirstColumns() {
        return List.of(settings.keyColumn(), GoldSchema.INGEST_TS, GoldSchema.SOURCE_FILE, GoldSchema.SOURCE_LINE,
                GoldSchema.INGEST_RUN_ID);
    }

    /**
     * The key ascending, then the other {@link #latestFirstColumns()} descending: the row that should win first.
     *
     * @param columnOf where each column is in the rows to encode
     */
    private List<SortField> latestFirstOrder(GoldSchema schema, ToIntFunction<String> columnOf) {
        List<SortField> order = new ArrayList<>();
        for (String column : latestFirstColumns()) {
            int index = columnOf.applyAsInt(column);
            ColumnType type = schema.typeOf(column);
            order.add(column.equals(settings.keyColumn()) ? SortField.ascending(index, type) : SortField.descending(index, type));
        }
        return order;
    }

    /** The partition day, then the sort columns, then the key. */
    private List<SortField> goldOrder(GoldSchema schema) {
        List<String> names = new ArrayList<>(settings.sortColumns());
        if (!names.contains(settings.keyColumn())) {
            names.add(settings.keyColumn());
        }
        List<SortField> order = new ArrayList<>();
        order.add(SortField.dayOf(schema.indexOf(settings.eventTimeColumn())));
        names.forEach(name -> order.add(SortField.ascending(schema.indexOf(name), schema.typeOf(name))));
        return order;
    }

    private Map<String, String> footer(GoldSchema schema) {
        Map<String, String> footer = schema.commonMetadata();
        footer.put("lakegate.gold.key", settings.keyColumn());
        footer.put("lakegate.gold.sort", String.join(",", settings.sortColumns()));
        footer.put("lakegate.gold.row_hash", RowHash.VERSION);
        return footer;
    }

    private static void prepare(Path outputDirectory) throws IOException {
        if (Files.isDirectory(outputDirectory)) {
            try (Stream<Path> entries = Files.list(outputDirectory)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException("Output directory " + outputDirectory + " is not empty");
                }
            }
        }
        Files.createDirectories(outputDirectory);
    }

    private static void deleteOutputs(Path outputDirectory) {
        try (Stream<Path> files = Files.walk(outputDirectory)) {
            files.sorted(Comparator.reverseOrder()).filter(path -> !path.equals(outputDirectory))
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            log.warn("Could not remove the partial gold files in {}: {}", outputDirectory, e.toString());
        }
    }

    private static long totalSize(List<Path> files) throws IOException {
        long bytes = 0;
        for (Path file : files) {
            bytes += Files.size(file);
        }
        return bytes;
    }
}
