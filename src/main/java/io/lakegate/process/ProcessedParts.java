package io.lakegate.process;

import io.lakegate.lake.LakeLayout;
import io.lakegate.lake.LakeStorage;
import io.lakegate.parquet.ParquetColumn;
import io.lakegate.parquet.ParquetPartWriter;
import io.lakegate.parquet.ParquetSettings;
import io.lakegate.parquet.RowView;
import io.lakegate.record.RecordSchema;
import io.lakegate.record.TypedRecord;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes one file's good rows as Parquet parts, one open part per event date, each uploaded to
 * {@code processed/<dataset>/date=.../} once it reaches its target size or the file ends. Part keys are
 * a function of the run id, the date and a sequence number, so re-processing a file after a crash
 * rewrites exactly the same keys instead of adding to them.
 */
final class ProcessedParts implements Closeable {

    /** Lineage columns appended to the contract's, so every row says where it came from. */

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
    private final int eventTimeColumn;
    private final ZoneId zone;
    private final LineageRow lineage;
    private final LinkedHashMap<LocalDate, OpenPart> open = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<LocalDate, Integer> nextSequence = new HashMap<>();
    private final List<String> uploadedKeys = new ArrayList<>();
    private final Map<LocalDate, Long> rowsByDate = new HashMap<>();
    private long bytesWritten;

    private static final class OpenPart {
        final LocalDate date;
        final int sequence;
        final Path file;
        final ParquetPartWriter writer;
        long rows;

        OpenPart(LocalDate date, int sequence, Path file, ParquetPartWriter writer) {
            this.date = date;
            this.sequence = sequence;
            this.file = file;
            this.writer = writer;
        }
    }

    // Rows usually arrive in time order: the part of the previous row almost always takes the next one too.
    private long currentEpochDay = Long.MIN_VALUE;
    private OpenPart current;

    ProcessedParts(LakeStorage storage, String dataset, String runId, RecordSchema schema, int eventTimeColumn, ZoneId zone,
            long ingestMicros, String sourceFile, Path workDirectory, ParquetSettings settings,
            long targetBytes, long targetRows, int maxOpen, Map<String, String> metadata) {
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
        this.maxOpen = maxOpen;
        this.eventTimeColumn = eventTimeColumn;
        this.zone = zone;
        this.lineage = new LineageRow(schema.size(), runId, ingestMicros, sourceFile);
    }

    /**
     * Dictionary-encodes the named columns (and the constant lineage ones). Decided from the file's first
     * batch before its first part opens: a dictionary shrinks a column of few values and only costs time
     * on one of many (ids, free text), where the writer fills it and then throws it away.
     */
    void useDictionaryFor(Set<String> lowCardinalityColumns) {
        if (!open.isEmpty() || !uploadedKeys.isEmpty()) {
            throw new IllegalStateException("Encodings are decided before the first part is written");
        }
        columns = ProcessedColumns.of(schema, lowCardinalityColumns);
    }

    void write(TypedRecord row) throws IOException {
        long epochDay = epochDayOf(row.getLong(eventTimeColumn));
        if (epochDay != currentEpochDay || current == null) {
            LocalDate date = LocalDate.ofEpochDay(epochDay);
            OpenPart part = open.get(date);
            current = part != null ? part : openPart(date);
            currentEpochDay = epochDay;
        }
        current.writer.write(lineage.over(row));
        current.rows++;
        if (current.rows >= targetRows || (current.rows % 1024 == 0 && current.writer.estimatedBytes() >= targetBytes)) {
            finish(open.remove(current.date));
        }
    }

    /** Closes and uploads every open part; returns the keys of all parts this run wrote. */
    List<String> finishAll() throws IOException {
        Iterator<OpenPart> parts = open.values().iterator();
        while (parts.hasNext()) {
            OpenPart part = parts.next();
            parts.remove();
            finish(part);
        }
        return uploadedKeys;
    }

    List<String> uploadedKeys() {
        return uploadedKeys;
    }

    Map<LocalDate, Long> rowsByDate() {
        return rowsByDate;
    }

    long bytesWritten() {
        return bytesWritten;
    }

    private OpenPart openPart(LocalDate date) throws IOException {
        if (open.size() >= maxOpen) {
            LocalDate leastRecent = open.keySet().iterator().next();
            finish(open.remove(leastRecent));
        }
        current = null;
        int sequence = nextSequence.merge(date, 1, Integer::sum);
        Path file = workDirectory.resolve(runId + "-" + date + "-" + sequence + ".parquet");
        OpenPart part = new OpenPart(date, sequence, file, ParquetPartWriter.open(file, columns, settings, metadata));
        open.put(date, part);
        return part;
    }

    private void finish(OpenPart part) throws IOException {
        if (part == current) {
            current = null;
        }
        part.writer.close();
        rowsByDate.merge(part.date, part.rows, Long::sum);
        String key = LakeLayout.processedPartKey(dataset, part.date, runId, part.sequence);
        bytesWritten += Files.size(part.file);
        storage.upload(key, part.file, "application/vnd.apache.parquet");
        uploadedKeys.add(key);
        Files.deleteIfExists(part.file);
    }

    private long epochDayOf(long micros) {
        long seconds = Math.floorDiv(micros, 1_000_000L);
        if (zone == ZoneOffset.UTC) {
            return Math.floorDiv(seconds, 86_400L);
        }
        return LocalDate.ofInstant(Instant.ofEpochSecond(seconds), zone).toEpochDay();
    }

    /** Drops local files of parts not yet uploaded; uploaded parts are the caller's to delete. */
    @Override
    public void close() throws IOException {
        for (OpenPart part : open.values()) {
            try {
                part.writer.close();
            } catch (IOException | RuntimeException e) {
                // the part is being discarded; its file is removed below either way
            }
            Files.deleteIfExists(part.file);
        }
        open.clear();
        current = null;
    }

    /** A typed row seen with the run's lineage columns after the contract's. */
    private static final class LineageRow implements RowView {
        private final int contractColumns;
        private final String runId;
        private final long ingestMicros;
        private final String sourceFile;
        private TypedRecord row;

        LineageRow(int contractColumns, String runId, long ingestMicros, String sourceFile) {
            this.contractColumns = contractColumns;
            this.runId = runId;
            this.ingestMicros = ingestMicros;
            this.sourceFile = sourceFile;
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
    }
}
