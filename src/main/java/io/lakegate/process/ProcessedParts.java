package io.lakegate.process;

import io.lakegate.lake.LakeLayout;
import io.lakegate.lake.LakeStorage;
import io.lakegate.lake.ProcessedColumns;
import io.lakegate.parquet.ParquetColumn;
import io.lakegate.parquet.ParquetPartWriter;
import io.lakegate.parquet.ParquetSettings;
import io.lakegate.parquet.PartCompressor;
import io.lakegate.parquet.RowView;
import io.lakegate.parquet.Utf8RowView;
import io.lakegate.record.RecordSchema;
import io.lakegate.record.TypedRecord;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.slf4j.MDC;

/**
 * Writes one file's good rows as Parquet parts under {@code processed/<dataset>/date=.../}, each date's rows
 * in as few parts as their size needs ({@code ceil(bytes / targetBytes)}), whatever order the rows come in.
 * <p>
 * Producers' files are often not in time order (a month exported by store spreads every date over the
 * whole file), so parts are not cut when the date changes. The first {@code maxOpen} dates of a file each get
 * a part that stays open, and those parts share one memory budget for their row groups, as parquet-java's
 * {@code MemoryManager} shares it among writers. Rows of any further date go to a {@link DateSpill} and are
 * written date by date once the file's rows are all read. That is the fanout writer with a sort-based
 * fallback that Spark uses for partitioned writes; DuckDB's partitioned COPY bounds its open files the same way.
 * <p>
 * A part is uploaded once it reaches its target size or the file ends, on the upload pool so that a file of
 * many small dates does not wait for one PUT after another; a few uploads at most are in flight per file, so
 * closed parts do not pile up in the work folder. Part keys are a function of the run
 * id, the date and a sequence number, so re-processing a file after a crash rewrites exactly the same keys
 * instead of adding to them.
 */
final class ProcessedParts implements Closeable {

    private static final int INDEX_BITS = 24;
    private static final long INDEX_MASK = (1L << INDEX_BITS) - 1;

    private final LakeStorage storage;
    private final String dataset;
    private final String runId;
    private final Path workDirectory;
    private final RecordSchema schema;
    private List<ParquetColumn> columns;
    private final ParquetSettings settings;
    private final Map<String, String> metadata;
    private final long targetBytes;
    private final long targetRows;
    private final int maxOpen;
    private final long writeBuffer;
    private final int eventTimeColumn;
    private final ZoneId zone;
    private final LineageRow lineage;
    private final Map<Long, DatePartition> partitions = new HashMap<>();
    // A direct-mapped cache in front of the map: a file's dates usually lie within a few years, so a row's
    // date is found with an array read instead of boxing its epoch day.
    private final DatePartition[] recent = new DatePartition[1024];
    private final List<DatePartition> fanned = new ArrayList<>();
    private final DateSpill spill;
    // One for all of the file's parts: they are written by one thread at a time (the writer, then the commit).
    private final PartCompressor compressor;
    private final ExecutorService uploads;
    private final int maxUploadsInFlight;
    private final Deque<Future<?>> uploadsInFlight = new ArrayDeque<>();
    private final List<String> uploadedKeys = new ArrayList<>();
    // A batch's good rows as (epoch day, index) pairs, sorted when the batch is not in time order.
    private long[] byDate = new long[0];
    private final Map<LocalDate, Long> rowsByDate = new HashMap<>();
    private int openParts;
    private long bytesWritten;

    /** One event date of the file: its open part, if it has one, or its rows waiting in the spill. */
    private static final class DatePartition {
        final long epochDay;
        final LocalDate date;
        final boolean spilled;
        final DateSpill.DateRows spilledRows = new DateSpill.DateRows();
        int sequence;
        OpenPart part;

        DatePartition(long epochDay, boolean spilled) {
            this.epochDay = epochDay;
            this.date = LocalDate.ofEpochDay(epochDay);
            this.spilled = spilled;
        }
    }

    private static final class OpenPart {
        final int sequence;
        final Path file;
        final ParquetPartWriter writer;
        long rows;

        OpenPart(int sequence, Path file, ParquetPartWriter writer) {
            this.sequence = sequence;
            this.file = file;
            this.writer = writer;
        }
    }

    // Rows in time order keep landing in the previous row's date: that case skips the lookup.
    private DatePartition current;

    ProcessedParts(LakeStorage storage, String dataset, String runId, RecordSchema schema, int eventTimeColumn, ZoneId zone,
            long ingestMicros, String sourceFile, Path workDirectory, ParquetSettings settings, long targetBytes,
            long targetRows, int maxOpen, long writeBuffer, long spillBuffer, ExecutorService uploads, int maxUploadsInFlight,
            Map<String, String> metadata) {
        this.storage = storage;
        this.dataset = dataset;
        this.runId = runId;
        this.workDirectory = workDirectory;
        this.schema = schema;
        this.columns = ProcessedColumns.of(schema, Set.of());
        this.settings = settings;
        this.metadata = metadata;
        this.targetBytes = targetBytes;
        this.targetRows = targetRows > 0 ? targetRows : Long.MAX_VALUE;
        this.maxOpen = Math.max(1, maxOpen);
        this.writeBuffer = writeBuffer;
        this.eventTimeColumn = eventTimeColumn;
        // "UTC" from a contract is a region; normalized, it takes the fixed-offset arithmetic below.
        this.zone = zone.normalized();
        this.lineage = new LineageRow(schema.size(), runId, ingestMicros, sourceFile);
        this.spill = new DateSpill(schema, workDirectory.resolve(runId + "-spill.bin"), spillBuffer);
        this.compressor = new PartCompressor(settings);
        this.uploads = uploads;
        this.maxUploadsInFlight = Math.max(1, maxUploadsInFlight);
    }

    /**
     * Dictionary-encodes the named columns (and the constant lineage ones). Decided from the file's first
     * batch before its first part opens: a dictionary shrinks a column of few values and only costs time
     * on one of many (ids, free text), where the writer fills it and then throws it away.
     */
    void useDictionaryFor(Set<String> lowCardinalityColumns) {
        if (!partitions.isEmpty()) {
            throw new IllegalStateException("Encodings are decided before the first part is written");
        }
        columns = ProcessedColumns.of(schema, lowCardinalityColumns);
    }

    /**
     * Writes the good rows of a batch. Rows of one date are written together (in their order in the file), so
     * a shuffled batch costs the writer no more than one in time order: each part's column writers stay warm
     * in the cache for a run of rows instead of taking turns row by row.
     */
    void writeGood(TypedRecord[] rows, int size) throws IOException {
        if (size > INDEX_MASK) {
            throw new IllegalArgumentException("A batch of " + size + " rows is more than " + INDEX_MASK);
        }
        if (byDate.length < size) {
            byDate = new long[size];
        }
        int good = 0;
        boolean inOrder = true;
        long previousDay = Long.MIN_VALUE;
        for (int i = 0; i < size; i++) {
            if (!rows[i].rejected()) {
                long epochDay = epochDayOf(rows[i].getLong(eventTimeColumn));
                inOrder &= epochDay >= previousDay;
                previousDay = epochDay;
                // The day in the high bits, the row's index in the low ones: sorting orders by day, then by index.
                byDate[good++] = (epochDay << INDEX_BITS) | i;
            }
        }
        if (!inOrder) {
            Arrays.sort(byDate, 0, good);
        }
        for (int i = 0; i < good; i++) {
            write(rows[(int) (byDate[i] & INDEX_MASK)], byDate[i] >> INDEX_BITS);
        }
    }

    private void write(TypedRecord row, long epochDay) throws IOException {
        DatePartition partition = current;
        if (partition == null || partition.epochDay != epochDay) {
            partition = partitionOf(epochDay);
            current = partition;
        }
        if (partition.spilled) {
            spill.add(partition.spilledRows, row);
        } else {
            append(partition, row);
        }
    }

    /**
     * Closes and uploads the open parts, then writes each spilled date's rows as its parts; returns the keys
     * of all parts this run wrote. {@code heartbeat} runs after each date, so a caller can keep its claim on the
     * file through a long replay (or stop it by throwing).
     */
    List<String> finishAll(Runnable heartbeat) throws IOException {
        List<DatePartition> dates = partitions.values().stream()
                .sorted(Comparator.comparingLong(partition -> partition.epochDay)).toList();
        for (DatePartition partition : dates) {
            if (partition.part != null) {
                finish(partition);
            }
        }
        TypedRecord replayed = new TypedRecord(schema.size());
        for (DatePartition partition : dates) {
            if (partition.spilled) {
                spill.replay(partition.spilledRows, replayed, row -> append(partition, row));
                if (partition.part != null) {
                    finish(partition);
                }
                heartbeat.run();
            }
        }
        while (!uploadsInFlight.isEmpty()) {
            awaitOldestUpload();
            heartbeat.run();
        }
        return uploadedKeys;
    }

    /** Keys of the parts handed to storage so far, uploaded or under way: what a failed run must delete. */
    List<String> uploadedKeys() {
        return uploadedKeys;
    }

    Map<LocalDate, Long> rowsByDate() {
        return rowsByDate;
    }

    long bytesWritten() {
        return bytesWritten;
    }

    /** Bytes of rows that waited in the spill for their date (0 when every date had an open part). */
    long spilledBytes() {
        return spill.bytesAdded();
    }

    private DatePartition partitionOf(long epochDay) {
        int slot = (int) (epochDay & (recent.length - 1));
        DatePartition cached = recent[slot];
        if (cached != null && cached.epochDay == epochDay) {
            return cached;
        }
        DatePartition partition = partitions.get(epochDay);
        if (partition == null) {
            partition = new DatePartition(epochDay, fanned.size() >= maxOpen);
            partitions.put(epochDay, partition);
            if (!partition.spilled) {
                fanned.add(partition);
            }
        }
        recent[slot] = partition;
        return partition;
    }

    private void append(DatePartition partition, TypedRecord row) throws IOException {
        OpenPart part = partition.part;
        if (part == null) {
            part = openPart(partition);
        }
        part.writer.write(lineage.over(row));
        part.rows++;
        if (part.rows >= targetRows || (part.rows % 1024 == 0 && part.writer.estimatedBytes() >= targetBytes)) {
            finish(partition);
        }
    }

    private OpenPart openPart(DatePartition partition) throws IOException {
        int sequence = ++partition.sequence;
        Path file = partFile(partition, sequence);
        OpenPart part = new OpenPart(sequence, file, ParquetPartWriter.open(file, columns, settings, metadata, compressor));
        partition.part = part;
        openParts++;
        shareWriteBuffer();
        return part;
    }

    private void finish(DatePartition partition) throws IOException {
        OpenPart part = partition.part;
        partition.part = null;
        openParts--;
        part.writer.close();
        rowsByDate.merge(partition.date, part.rows, Long::sum);
        String key = LakeLayout.processedPartKey(dataset, partition.date, runId, part.sequence);
        bytesWritten += Files.size(part.file);
        shareWriteBuffer();
        if (uploadsInFlight.size() >= maxUploadsInFlight) {
            awaitOldestUpload();
        }
        uploadedKeys.add(key);
        Map<String, String> logContext = MDC.getCopyOfContextMap();
        uploadsInFlight.add(uploads.submit(() -> {
            MDC.setContextMap(logContext == null ? Map.of() : logContext);
            try {
                storage.upload(key, part.file, "application/vnd.apache.parquet");
                return null;
            } finally {
                // a part that failed to upload is of no use either: the run fails and is written again
                Files.deleteIfExists(part.file);
                MDC.clear();
            }
        }));
    }

    private void awaitOldestUpload() throws IOException {
        Future<?> upload = uploadsInFlight.peekFirst();
        try {
            AsyncWork.await(upload, "uploading a part of run " + runId);
        } finally {
            // Done, well or not, it is no longer in flight; interrupted, it is still to be waited for.
            if (upload.isDone()) {
                uploadsInFlight.removeFirst();
            }
        }
    }

    private Path partFile(DatePartition partition, int sequence) {
        return workDirectory.resolve(runId + "-" + partition.date + "-" + sequence + ".parquet");
    }

    // Each open part's row group is cut at the configured size or at its share of the budget, if smaller.
    private void shareWriteBuffer() {
        if (openParts == 0) {
            return;
        }
        long share = Math.min(settings.rowGroupBytes(), Math.max(1, writeBuffer / openParts));
        for (DatePartition partition : fanned) {
            if (partition.part != null) {
                partition.part.writer.setRowGroupBytes(share);
            }
        }
    }

    private long epochDayOf(long micros) {
        long seconds = Math.floorDiv(micros, 1_000_000L);
        if (zone == ZoneOffset.UTC) {
            return Math.floorDiv(seconds, 86_400L);
        }
        return LocalDate.ofInstant(Instant.ofEpochSecond(seconds), zone).toEpochDay();
    }

    /**
     * Waits for the uploads under way (so none lands after the caller deleted the run's keys), then drops the
     * local files of parts not yet uploaded and the spill; uploaded parts are the caller's to delete.
     */
    @Override
    public void close() throws IOException {
        while (!uploadsInFlight.isEmpty()) {
            try {
                awaitOldestUpload();
            } catch (IOException | RuntimeException e) {
                // the run is being discarded; what failed to upload is not needed
            }
        }
        try (spill; compressor) {
            for (DatePartition partition : partitions.values()) {
                OpenPart part = partition.part;
                if (part == null) {
                    continue;
                }
                try {
                    part.writer.close();
                } catch (IOException | RuntimeException e) {
                    // the part is being discarded; its file is removed below either way
                }
                Files.deleteIfExists(part.file);
                partition.part = null;
            }
            openParts = 0;
            current = null;
        }
    }

    /** A typed row seen with the run's lineage columns after the contract's, its text as UTF-8. */
    private static final class LineageRow implements Utf8RowView {
        private final int contractColumns;
        private final String runId;
        private final byte[] runIdUtf8;
        private final long ingestMicros;
        private final String sourceFile;
        private final byte[] sourceFileUtf8;
        private TypedRecord row;

        LineageRow(int contractColumns, String runId, long ingestMicros, String sourceFile) {
            this.contractColumns = contractColumns;
            this.runId = runId;
            this.runIdUtf8 = runId.getBytes(StandardCharsets.UTF_8);
            this.ingestMicros = ingestMicros;
            this.sourceFile = sourceFile;
            this.sourceFileUtf8 = sourceFile.getBytes(StandardCharsets.UTF_8);
        }

        RowView over(TypedRecord current) {
            row = current;
            return this;
        }

        @Override
        public boolean isNull(int column) {
            return column < contractColumns && row.isNull(column);
        }

        @Override
        public long getLong(int column) {
            if (column < contractColumns) {
                return row.getLong(column);
            }
            return column == contractColumns + 1 ? ingestMicros : row.sourceLine();
        }

        @Override
        public String getString(int column) {
            if (column < contractColumns) {
                return row.getString(column);
            }
            return column == contractColumns ? runId : sourceFile;
        }

        @Override
        public byte[] utf8Array(int column) {
            if (column < contractColumns) {
                return row.utf8Array(column);
            }
            return column == contractColumns ? runIdUtf8 : sourceFileUtf8;
        }

        @Override
        public int utf8Offset(int column) {
            return column < contractColumns ? row.utf8Offset(column) : 0;
        }

        @Override
        public int utf8Length(int column) {
            return column < contractColumns ? row.utf8Length(column) : utf8Array(column).length;
        }
    }
}
