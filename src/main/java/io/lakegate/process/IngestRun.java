package io.lakegate.process;

import io.lakegate.contract.DataContract;
import io.lakegate.contract.HeaderMapping;
import io.lakegate.lake.LakeLease;
import io.lakegate.lake.LakeObject;
import io.lakegate.lake.LogSafe;
import io.lakegate.parse.CsvReader;
import io.lakegate.quality.QualityRules;
import io.lakegate.record.RecordSchema;
import io.lakegate.record.RowReason;
import io.lakegate.record.TextArena;
import io.lakegate.record.TypedRecord;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One file's way from validated/ to processed/: the open source stream, how its columns are read, the
 * quality rules with their per-file state, and the outputs written so far (so a failure can remove them).
 * Batches are handled one after another on the file's thread, which is what lets rows be reused.
 */
public final class IngestRun implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(IngestRun.class);

    /** Where the run is, for the reason of a failure. */
    enum Stage { OPEN, READ, COMMIT, ARCHIVE }

    /**
     * What a run is held to besides its rows' rules: the contract's maxRejectedPercent while the file is read
     * (null when the contract sets none), and the work folder's budget for its local files.
     */
    record Limits(RejectShareLimit rejectShare, WorkFolderBudget workFolder) {
    }

    // Typed batches in flight between the reading thread and the Parquet writer. With two, either thread
    // stalls whenever the other is briefly held up (the JIT, the collector, the S3 server share the cores);
    // a third lets the reader run a batch further ahead and absorbs those hiccups.
    private static final int TYPED_BUFFERS = 3;
    // A batch also ends at this many characters of row text, so a file of very wide rows (20 KB each) holds
    // a few hundred rows a batch instead of batch-rows of them: three batches in flight stay within the heap.
    private static final int MAX_BATCH_CHARS = 4 * 1024 * 1024;

    final LakeObject source;
    private final LakeLease lease;
    final String runId;
    final DataContract contract;
    final RecordSchema schema;
    // What was detected: the encoding may be decided late, at the first byte that is not UTF-8.
    final Supplier<IngestAudit.Detected> detected;
    final List<String> header;
    final HeaderMapping mapping;
    final Instant ingestTs;
    final Instant startedAt;
    private final CountingDigestStream bytes;
    private final CsvReader reader;
    private final int batchRows;
    private final QualityRules quality;
    private final ProcessedParts parts;
    private final RejectedRowsWriter rejects;
    private final ProcessingProgress progress;
    private final Limits limits;
    private long rowsRead;
    private boolean textRead;
    // What the batches checked and written so far add up to, for the limits.
    private long rowsJudged;
    private long rowsRejected;
    private long lastLineWritten;
    private RejectShareLimit.Exceeded stoppedEarly;
    private final TypedRecord[][] buffers;
    private final TextArena[] bufferText;
    private final RawBatch[] rawBatches;
    private final Future<?>[] pendingWrites = new Future<?>[TYPED_BUFFERS];
    private final SerialWrites parquetWrites;
    private final Map<String, Long> timingsNanos = new ConcurrentHashMap<>();
    private final List<String> publishedKeys = new ArrayList<>();
    // Once every row is read and checked: the file's counts, then what publishing uploaded.
    private BatchCounts counts;
    private int batchesConverted;
    private List<String> partKeys = List.of();
    private List<String> rejectFiles = List.of();
    private ColumnReaders columnReaders;
    private Stage stage;
    private int batchesRead;

    IngestRun(LakeObject source, LakeLease lease, String runId, DataContract contract, RecordSchema schema,
            Supplier<IngestAudit.Detected> detected,
            List<String> header, HeaderMapping mapping, Instant ingestTs, Instant startedAt, CountingDigestStream bytes,
            CsvReader reader, int batchRows, QualityRules quality, ProcessedParts parts, RejectedRowsWriter rejects,
            ProcessingProgress progress, Limits limits, Executor parquetWriters) {
        this.source = source;
        this.lease = lease;
        this.runId = runId;
        this.contract = contract;
        this.schema = schema;
        this.detected = detected;
        this.header = header;
        this.mapping = mapping;
        this.ingestTs = ingestTs;
        this.startedAt = startedAt;
        this.bytes = bytes;
        this.reader = reader;
        this.batchRows = batchRows;
        this.quality = quality;
        this.parts = parts;
        this.rejects = rejects;
        this.progress = progress;
        this.limits = limits;
        this.buffers = new TypedRecord[TYPED_BUFFERS][batchRows];
        this.bufferText = new TextArena[TYPED_BUFFERS];
        for (int b = 0; b < TYPED_BUFFERS; b++) {
            bufferText[b] = new TextArena();
            for (int i = 0; i < batchRows; i++) {
                buffers[b][i] = new TypedRecord(schema.size(), bufferText[b]);
            }
        }
        // The batch handed to the split, the one read ahead, and a spare: a batch is refilled only once the
        // split is done with it.
        this.rawBatches = new RawBatch[3];
        for (int i = 0; i < rawBatches.length; i++) {
            rawBatches[i] = new RawBatch(batchRows);
        }
        this.parquetWrites = new SerialWrites(parquetWriters);
        this.stage = Stage.READ;
    }

    public String runId() {
        return runId;
    }

    public LakeObject source() {
        return source;
    }

    Stage stage() {
        return stage;
    }

    void enter(Stage next) {
        stage = next;
    }

    /** Keeps the file's lease through long steps; throws once another worker has taken it, to stop the run. */
    void renewLease() {
        lease.renewIfDue();
    }

    LocalDate ingestDate() {
        return LocalDate.ofInstant(ingestTs, ZoneOffset.UTC);
    }

    /**
     * The file's rows in batches, read as the split asks for them; at least one batch, possibly empty. None is
     * handed out once the run {@link #stoppedEarly() stopped early}.
     */
    Iterator<RawBatch> batches() {
        return new Iterator<>() {
            private RawBatch next = readBatch();

            @Override
            public boolean hasNext() {
                return next != null && stoppedEarly == null;
            }

            @Override
            public RawBatch next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                RawBatch current = next;
                next = current.last() ? null : readBatch();
                return current;
            }
        };
    }

    private RawBatch readBatch() {
        long start = System.nanoTime();
        RawBatch batch = rawBatches[batchesRead % rawBatches.length];
        batch.refill(batchesRead++);
        try {
            while (!batch.full() && batch.textLength() < MAX_BATCH_CHARS) {
                if (!reader.next()) {
                    batch.markLast();
                    textRead = true;
                    break;
                }
                batch.add(reader);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Reading " + source.key() + " failed: " + e.getMessage(), e);
        }
        time("read", start);
        rowsRead += batch.size();
        progress.read(rowsRead, bytes.count());
        return batch.size() == 0 && batch.sequence() > 0 ? null : batch;
    }

    TypedBatch convert(RawBatch batch) throws IOException {
        if (batch.sequence() != batchesConverted) {
            // The batch buffers are reused in turn: a batch out of turn means one is being read while refilled.
            throw new IllegalStateException("Batch " + batch.sequence() + " of " + source.key() + " came while batch "
                    + batchesConverted + " was due: the ingest-rows split must handle one batch at a time, in order"
                    + " (no parallelProcessing)");
        }
        batchesConverted++;
        int buffer = batch.sequence() % TYPED_BUFFERS;
        awaitWrite(buffer);
        long start = System.nanoTime();
        if (columnReaders == null) {
            columnReaders = ColumnReaders.decide(contract, schema, mapping, header.size(), batch, startedAt);
            parts.useDictionaryFor(columnReaders.lowCardinalityColumns());
            quality.expectRows(estimatedRows(batch));
        }
        TypedRecord[] records = buffers[buffer];
        bufferText[buffer].clear();
        for (int i = 0; i < batch.size(); i++) {
            columnReaders.read(batch, i, records[i]);
        }
        time("convert", start);
        return new TypedBatch(records, batch.size(), buffer);
    }

    // From the length of the first batch's rows, a char taken for a byte and a line end for each row. A low
    // guess costs one more doubling of the key table at the end; a high one a table twice the size throughout.
    private long estimatedRows(RawBatch first) {
        return source.size() * first.size() / Math.max(1, first.textLength() + first.size());
    }

    TypedBatch applyQuality(TypedBatch batch) {
        long start = System.nanoTime();
        quality.apply(batch.rows(), batch.size());
        time("quality", start);
        return batch;
    }

    /**
     * Counts the batch and writes its rejected rows now; its good rows go to Parquet on the run's writer
     * thread while the next batch is read, which is where most of a file's time goes.
     */
    BatchCounts write(TypedBatch batch) throws IOException {
        long start = System.nanoTime();
        BatchCounts counts = new BatchCounts();
        for (int i = 0; i < batch.size(); i++) {
            TypedRecord row = batch.rows()[i];
            if (row.rejected()) {
                rejects.write(row);
                counts.countRejected(row.rejectReasons().get(0).rule());
                for (RowReason reason : row.rejectReasons()) {
                    counts.countRejectReason(reason.rule());
                }
            } else if (row.warnings().isEmpty()) {
                counts.countGood();
            } else {
                counts.countWarned(row.warnings().get(0).rule());
            }
            List<RowReason> warnings = row.warnings();
            for (int w = 0; w < warnings.size(); w++) {
                counts.countWarning(warnings.get(w).rule());
            }
        }
        if (batch.size() > 0) {
            lastLineWritten = batch.rows()[batch.size() - 1].sourceLine();
        }
        Map<String, String> logContext = MDC.getCopyOfContextMap();
        pendingWrites[batch.buffer()] = parquetWrites.submit(() -> {
            // Lines logged while writing (by Parquet or storage) belong to this file's journey too.
            MDC.setContextMap(logContext == null ? Map.of() : logContext);
            long writeStart = System.nanoTime();
            parts.writeGood(batch.rows(), batch.size());
            time("parquet", writeStart);
            return null;
        });
        time("write", start);
        return counts;
    }

    /**
     * Adds a written batch's counts to the file's and holds the run to its limits. Once the file can no longer end
     * within the contract's maxRejectedPercent ({@link RejectShareLimit}), no further batch is handed out and the
     * commit refuses the file; once its local files hold more than the work folder's budget, throws
     * {@link WorkFolderBudget.ExceededException}.
     */
    void judge(BatchCounts counts) {
        rowsJudged += counts.read();
        rowsRejected += counts.rejected();
        // Nothing is left to spare once every row of the file is judged: the commit decides as for any file.
        boolean rowsLeft = !textRead || rowsRead > rowsJudged;
        if (limits.rejectShare() != null && stoppedEarly == null && rowsLeft) {
            stoppedEarly = limits.rejectShare().judge(rowsJudged, rowsRejected, rowsRead - rowsJudged,
                    reader.charsConsumed(), lastLineWritten).orElse(null);
        }
        if (stoppedEarly == null) {
            limits.workFolder().check(lastLineWritten, "while the file was read");
        }
    }

    /** Why reading stopped before the file's end, when the file was found to be refused as too_many_rejects. */
    Optional<RejectShareLimit.Exceeded> stoppedEarly() {
        return Optional.ofNullable(stoppedEarly);
    }

    void finished(BatchCounts fileCounts) {
        counts = fileCounts;
    }

    BatchCounts counts() {
        if (counts == null) {
            throw new IllegalStateException("Run " + runId + " is not finished: its rows are not all read yet");
        }
        return counts;
    }

    void published(List<String> parts, List<String> rejectedRowFiles) {
        partKeys = List.copyOf(parts);
        rejectFiles = List.copyOf(rejectedRowFiles);
    }

    List<String> partKeys() {
        return partKeys;
    }

    List<String> rejectFiles() {
        return rejectFiles;
    }

    /**
     * Keeps the run going through the long steps of the commit: renews the lease (which throws once another worker
     * has taken it) and holds the local files to the work folder's budget.
     */
    void heartbeat() {
        renewLease();
        limits.workFolder().check(lastLineWritten, "while the parts were written, after the last line was read");
    }

    /** Waits for every good row handed to the Parquet writers to be written; rethrows what failed there. */
    void awaitWrites() throws IOException {
        for (int buffer = 0; buffer < TYPED_BUFFERS; buffer++) {
            awaitWrite(buffer);
        }
    }

    private void awaitWrite(int buffer) throws IOException {
        Future<?> pending = pendingWrites[buffer];
        if (pending == null) {
            return;
        }
        AsyncWork.await(pending, "writing Parquet for " + source.key());
        pendingWrites[buffer] = null;
    }

    /** Drains what is left of the source so the content hash covers every byte, then returns it. */
    String contentSha256() throws IOException {
        return bytes.finish();
    }

    long bytesIn() {
        return bytes.count();
    }

    Map<String, SuspectText.Column> suspectText() {
        return columnReaders == null ? Map.of() : columnReaders.suspectText();
    }

    Map<String, String> columnDecisions() {
        return columnReaders == null ? Map.of() : columnReaders.decisions();
    }

    ProcessedParts parts() {
        return parts;
    }

    RejectedRowsWriter rejects() {
        return rejects;
    }

    /** Keys this run wrote outside the parts (rejected rows, audit, content record), for clean-up on failure. */
    List<String> publishedKeys() {
        return publishedKeys;
    }

    void time(String step, long startNanos) {
        timingsNanos.merge(step, System.nanoTime() - startNanos, Long::sum);
    }

    Map<String, Long> timingsMs() {
        Map<String, Long> ms = new TreeMap<>();
        timingsNanos.forEach((step, nanos) -> ms.put(step, nanos / 1_000_000));
        return ms;
    }

    @Override
    public void close() throws IOException {
        progress.finish();
        try {
            if (!parquetWrites.stop(Duration.ofMinutes(1))) {
                log.warn("{}: a Parquet write still runs after a minute; closing the parts anyway", LogSafe.key(source.key()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (reader; parts; rejects; quality) {
            bytes.close();
        }
    }

    /** Counts and hashes the raw bytes as the reader pulls them, so duplicates are found without a second read. */
    static final class CountingDigestStream extends FilterInputStream {
        private final MessageDigest digest;
        private String sha256;
        private long count;

        CountingDigestStream(InputStream in, MessageDigest digest) {
            super(in);
            this.digest = digest;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                digest.update((byte) b);
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                digest.update(buffer, offset, n);
                count += n;
            }
            return n;
        }

        // Skipped bytes must still be hashed and counted.
        @Override
        public long skip(long n) throws IOException {
            byte[] buffer = new byte[(int) Math.min(n, 8192)];
            long skipped = 0;
            while (skipped < n) {
                int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
                if (read < 0) {
                    break;
                }
                skipped += read;
            }
            return skipped;
        }

        long count() {
            return count;
        }

        /** The SHA-256 of the whole object, reading what is left of it first; the same on every call. */
        String finish() throws IOException {
            if (sha256 == null) {
                byte[] rest = new byte[64 * 1024];
                while (read(rest, 0, rest.length) >= 0) {
                    // drained into the digest
                }
                sha256 = HexFormat.of().formatHex(digest.digest());
            }
            return sha256;
        }
    }
}
