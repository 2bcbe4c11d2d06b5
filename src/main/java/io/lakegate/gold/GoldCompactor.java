package io.lakegate.gold;

import io.lakegate.parquet.ColumnType;
import io.lakegate.parquet.ParquetPartReader;
import io.lakegate.parquet.RowView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Compacts one date partition: all of its processed parts become a few gold Parquet files with one row per
 * key, and the result says how the gold changed since the previous compaction. Local files only; fetching
 * and publishing them is the caller's job. See {@code docs/gold.md}.
 * <ul>
 * <li><b>Latest row wins.</b> Of the rows with the same key, gold keeps the one that sorts last by
 *     ({@code ingest_ts}, {@code source_file}, {@code source_line}, {@code ingest_run_id}): the latest
 *     ingest, and within one ingest the later file and line. Rows equal on all of those are the same source
 *     row read twice; if their values differ anyway, their encoded bytes decide, never the input order.</li>
 * <li><b>Schema.</b> The processed columns, unchanged, then {@code row_hash} ({@link RowHash}).</li>
 * <li><b>Order and files.</b> Rows are sorted by the sort columns, then the key, and cut into files of about
 *     the target size. The same inputs, in any order, give byte-identical files.</li>
 * <li><b>Changes.</b> The previous gold files are only compared with, by key and {@code row_hash}, never read
 *     as rows: processed parts hold every row of the date.</li>
 * <li><b>Bounded memory.</b> Rows are sorted as compact byte records that spill to the spill directory
 *     once a sort fills its memory budget, then merged; nothing holds all rows at once.</li>
 * <li><b>All or nothing.</b> On failure no gold file is left in the output directory, and the spilled runs
 *     are deleted in every case.</li>
 * </ul>
 * One instance may run compactions one after another or at once; each uses its own spill folder.
 */
public final class GoldCompactor {

    private final GoldSettings settings;

    public GoldCompactor(GoldSettings settings) {
        this.settings = settings;
    }

    /**
     * @param processedParts    every processed part of the date, in any order
     * @param previousGoldFiles the date's current gold files, to count changes against; empty for a first run
     * @param outputDirectory   where the gold files go; created if missing, and must be empty
     */
    public CompactionResult compact(List<Path> processedParts, List<Path> previousGoldFiles, Path outputDirectory)
            throws IOException {
        GoldSchema schema = GoldSchema.of(processedParts, settings);
        prepare(outputDirectory);
        long memory = settings.sortMemoryBytes();
        try (ScratchDirectory scratch = ScratchDirectory.createIn(settings.spillDirectory());
                ExternalSorter latestFirst = new ExternalSorter(scratch.path(), "latest-first", memory, true);
                ExternalSorter previousKeys = new ExternalSorter(scratch.path(), "previous-keys", memory, true);
                ExternalSorter goldOrder = new ExternalSorter(scratch.path(), "gold-order", memory, false);
                GoldFiles output = new GoldFiles(outputDirectory, schema.goldColumns(), settings.parquet(),
                        footer(schema), settings.targetFileBytes())) {
            long rowsIn = readProcessed(processedParts, schema, latestFirst);
            ChangeCounter changes = ChangeCounter.against(previousGoldFiles, settings.keyColumn(),
                    schema.typeOf(settings.keyColumn()), previousKeys);
            long rowsOut = writeLatest(schema, latestFirst.sorted(), changes, output, goldOrder);
            changes.finish();
            List<Path> files = output.finish();
            return new CompactionResult(rowsIn, rowsOut, rowsIn - rowsOut, changes.inserted(), changes.updated(),
                    changes.unchanged(), changes.deleted(), processedParts.size(), files.size(),
                    totalSize(processedParts), totalSize(files), files,
                    latestFirst.spilledRuns() + previousKeys.spilledRuns() + goldOrder.spilledRuns());
        }
    }

    private long readProcessed(List<Path> parts, GoldSchema schema, ExternalSorter latestFirst) throws IOException {
        int key = schema.indexOf(settings.keyColumn());
        SortRecordEncoder encoder = new SortRecordEncoder(latestFirstOrder(schema), 1, new RowCodec(schema.processedColumns()));
        long rows = 0;
        for (Path part : parts) {
            try (ParquetPartReader reader = ParquetPartReader.open(part)) {
                while (reader.next()) {
                    if (reader.isNull(key)) {
                        throw new IllegalArgumentException(part + " has a row without " + settings.keyColumn()
                                + " (source line " + reader.getLong(schema.indexOf(GoldSchema.SOURCE_LINE)) + ")");
                    }
                    latestFirst.add(encoder.encode(reader));
                    rows++;
                }
            }
        }
        return rows;
    }

    /**
     * Hashes and counts the winning row of each key, in key order, and writes it: straight to the gold files
     * when gold is sorted by the key, otherwise through a second sort into the gold order.
     */
    private long writeLatest(GoldSchema schema, RecordCursor latest, ChangeCounter changes, GoldFiles output,
            ExternalSorter goldOrder) throws IOException {
        RowCodec processed = new RowCodec(schema.processedColumns());
        RowHash rowHash = new RowHash(schema.processedColumns(), schema.businessColumns());
        GoldRow goldRow = new GoldRow(schema.processedColumns().size());
        List<SortField> order = goldOrder(schema);
        SortRecordEncoder toGoldOrder = new SortRecordEncoder(order, order.size(), new RowCodec(schema.goldColumns()));
        long rows = 0;
        byte[] record;
        while ((record = latest.next()) != null) {
            RowView row = processed.decode(record, SortRecords.payloadOffset(record));
            String hash = rowHash.of(row);
            changes.count(record, hash);
            goldRow.over(row, hash);
            if (settings.sortedByKey()) {
                output.write(goldRow);
            } else {
                goldOrder.add(toGoldOrder.encode(goldRow));
            }
            rows++;
        }
        if (!settings.sortedByKey()) {
            RowCodec gold = new RowCodec(schema.goldColumns());
            RecordCursor sorted = goldOrder.sorted();
            while ((record = sorted.next()) != null) {
                output.write(gold.decode(record, SortRecords.payloadOffset(record)));
            }
        }
        return rows;
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

    private List<SortField> goldOrder(GoldSchema schema) {
        List<String> names = new ArrayList<>(settings.sortColumns());
        if (!names.contains(settings.keyColumn())) {
            names.add(settings.keyColumn());
        }
        return names.stream().map(name -> SortField.ascending(schema.indexOf(name), schema.typeOf(name))).toList();
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
