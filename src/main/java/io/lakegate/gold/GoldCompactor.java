package io.lakegate.gold;

import io.lakegate.parquet.ColumnType;
import io.lakegate.parquet.ParquetPartReader;
import io.lakegate.parquet.RowView;
import java.io.IOException;
import java.time.LocalDate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * <li><b>Bounded memory.</b> Rows are sorted as compact byte records that spill to the spill directory
 *     once a sort fills its memory budget, then merged; nothing holds all rows at once.</li>
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

    private final GoldSettings settings;

    public GoldCompactor(GoldSettings settings) {
        this.settings = settings;
    }

    /**
     * @param processedParts  processed parts, in any order
     * @param replacedGold    the gold files the result replaces: their rows compete with the processed rows,
     *                        and changes are counted against them; empty for a first run
     * @param outputDirectory where the gold files go; created if missing, and must be empty
     */
    public CompactionResult compact(List<Path> processedParts, List<Path> replacedGold, Path outputDirectory)
            throws IOException {
        return compact(processedParts, replacedGold, outputDirectory, () -> { });
    }

    /** @param heartbeat called every so many rows, so a caller can renew its lease through a long compaction */
    public CompactionResult compact(List<Path> processedParts, List<Path> replacedGold, Path outputDirectory,
            Runnable heartbeat) throws IOException {
        GoldSchema schema = GoldSchema.of(processedParts, settings);
        prepare(outputDirectory);
        long memory = settings.sortMemoryBytes();
        try (ScratchDirectory scratch = ScratchDirectory.createIn(settings.spillDirectory());
                ExternalSorter latestFirst = new ExternalSorter(scratch.path(), "latest-first", memory, true);
                ExternalSorter previousKeys = new ExternalSorter(scratch.path(), "previous-keys", memory, true);
                ExternalSorter goldOrder = new ExternalSorter(scratch.path(), "gold-order", memory, false);
                GoldFiles output = new GoldFiles(outputDirectory, schema.goldColumns(),
                        settings.parquet().withBloomFilter(settings.keyColumn(), expectedKeysPerRowGroup()), footer(schema),
                        settings.targetFileBytes())) {
            List<Long> rowsPerPart = read(processedParts, schema, latestFirst, "processed part", heartbeat);
            long rowsIn = rowsPerPart.stream().mapToLong(Long::longValue).sum();
            long goldRowsIn = read(replacedGold, schema, latestFirst, "gold file", heartbeat).stream()
                    .mapToLong(Long::longValue).sum();
            ChangeCounter changes = ChangeCounter.against(replacedGold, settings.keyColumn(),
                    schema.typeOf(settings.keyColumn()), settings.eventTimeColumn(), previousKeys);
            long rowsOut = writeLatest(schema, latestFirst.sorted(), changes, output, goldOrder, heartbeat);
            changes.finish();
            List<GoldFile> files = output.finish();
            return new CompactionResult(rowsPerPart, rowsIn, goldRowsIn, rowsOut, rowsIn + goldRowsIn - rowsOut, changes.byDay(),
                    processedParts.size(), files.size(), totalSize(processedParts),
                    totalSize(files.stream().map(GoldFile::path).toList()), files,
                    latestFirst.spilledRuns() + previousKeys.spilledRuns() + goldOrder.spilledRuns());
        }
    }

    /**
     * Reads the processed columns of each file (a gold file's {@code row_hash} is recomputed, not read); returns
     * the rows of each file.
     */
    private List<Long> read(List<Path> files, GoldSchema schema, ExternalSorter latestFirst, String kind,
            Runnable heartbeat) throws IOException {
        int key = schema.indexOf(settings.keyColumn());
        int eventTime = schema.indexOf(settings.eventTimeColumn());
        List<String> names = schema.processedColumns().stream().map(c -> c.name()).toList();
        SortRecordEncoder encoder = new SortRecordEncoder(latestFirstOrder(schema), 1, new RowCodec(schema.processedColumns()));
        List<Long> rowsPerFile = new ArrayList<>();
        for (Path file : files) {
            long rows = 0;
            try (ParquetPartReader reader = ParquetPartReader.open(file, names)) {
                schema.checkSameColumns(file, reader.columns());
                while (reader.next()) {
                    if (reader.isNull(key) || reader.isNull(eventTime)) {
                        throw new IllegalArgumentException(kind + " " + file + " has a row without " + settings.keyColumn()
                                + " or " + settings.eventTimeColumn() + " (source line "
                                + reader.getLong(schema.indexOf(GoldSchema.SOURCE_LINE)) + ")");
                    }
                    latestFirst.add(encoder.encode(reader));
                    if (++rows % HEARTBEAT_ROWS == 0) {
                        heartbeat.run();
                    }
                }
            }
            rowsPerFile.add(rows);
        }
        return rowsPerFile;
    }

    /** Hashes and counts the winning row of each key, in key order, then writes them in the gold order. */
    private long writeLatest(GoldSchema schema, RecordCursor latest, ChangeCounter changes, GoldFiles output,
            ExternalSorter goldOrder, Runnable heartbeat) throws IOException {
        RowCodec processed = new RowCodec(schema.processedColumns());
        RowHash rowHash = new RowHash(schema.processedColumns(), schema.businessColumns());
        GoldRow goldRow = new GoldRow(schema.processedColumns().size());
        int eventTime = schema.indexOf(settings.eventTimeColumn());
        List<SortField> order = goldOrder(schema);
        SortRecordEncoder toGoldOrder = new SortRecordEncoder(order, order.size(), new RowCodec(schema.goldColumns()));
        long rows = 0;
        byte[] record;
        while ((record = latest.next()) != null) {
            RowView row = processed.decode(record, SortRecords.payloadOffset(record));
            String hash = rowHash.of(row);
            changes.count(record, hash, GoldDays.ofMicros(row.getLong(eventTime)));
            goldRow.over(row, hash);
            goldOrder.add(toGoldOrder.encode(goldRow));
            if (++rows % HEARTBEAT_ROWS == 0) {
                heartbeat.run();
            }
        }
        RowCodec gold = new RowCodec(schema.goldColumns());
        RecordCursor sorted = goldOrder.sorted();
        long written = 0;
        int day = NO_DAY;
        long writtenBeforeDay = 0;
        while ((record = sorted.next()) != null) {
            RowView row = gold.decode(record, SortRecords.payloadOffset(record));
            int rowDay = GoldDays.ofMicros(row.getLong(eventTime));
            if (rowDay != day) {
                logDayWritten(day, written - writtenBeforeDay);
                day = rowDay;
                writtenBeforeDay = written;
            }
            output.write(row, rowDay);
            if (++written % HEARTBEAT_ROWS == 0) {
                heartbeat.run();
            }
        }
        logDayWritten(day, written - writtenBeforeDay);
        return rows;
    }

    // Gold is written day by day, so each day's line is progress a long run can show (compact turns them on).
    private static void logDayWritten(int epochDay, long rows) {
        if (epochDay != NO_DAY) {
            log.debug("Gold day {}: {} rows written", LocalDate.ofEpochDay(epochDay), rows);
        }
    }

    /**
     * Sizes the key's bloom filter for the rows a row group of a full file holds. A fixed size rather than Parquet's
     * adaptive filter, which updates a dozen candidate filters per row and cost about half of the Parquet writing.
     */
    private long expectedKeysPerRowGroup() {
        return Math.max(1, Math.min(settings.targetFileBytes(), settings.parquet().rowGroupBytes()) / GOLD_BYTES_PER_ROW);
    }

    /** Key first, so that each key's rows are together, then the row that should win first. */
    private List<SortField> latestFirstOrder(GoldSchema schema) {
        return List.of(
                SortField.ascending(schema.indexOf(settings.keyColumn()), schema.typeOf(settings.keyColumn())),
                SortField.descending(schema.indexOf(GoldSchema.INGEST_TS), ColumnType.TIMESTAMP),
                SortField.descending(schema.indexOf(GoldSchema.SOURCE_FILE), ColumnType.STRING),
                SortField.descending(schema.indexOf(GoldSchema.SOURCE_LINE), ColumnType.LONG),
                SortField.descending(schema.indexOf(GoldSchema.INGEST_RUN_ID), ColumnType.STRING));
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

    private static long totalSize(List<Path> files) throws IOException {
        long bytes = 0;
        for (Path file : files) {
            bytes += Files.size(file);
        }
        return bytes;
    }
}
