package io.lakegate.process;

import io.lakegate.LakegateVersion;
import io.lakegate.contract.ContractRegistry;
import io.lakegate.contract.DataContract;
import io.lakegate.contract.HeaderMapping;
import io.lakegate.lake.LakeJson;
import io.lakegate.lake.LakeLayout;
import io.lakegate.lake.LakeLease;
import io.lakegate.lake.LakeObject;
import io.lakegate.lake.LakeStorage;
import io.lakegate.lake.LeaseLostException;
import io.lakegate.lake.StorageException;
import io.lakegate.lake.SystemRejects;
import io.lakegate.observe.FileLogContext;
import io.lakegate.observe.LakeMetrics;
import io.lakegate.lake.LogSafe;
import io.lakegate.parquet.ParquetCodec;
import io.lakegate.parquet.ParquetSettings;
import io.lakegate.parse.CsvDialect;
import io.lakegate.parse.CsvReader;
import io.lakegate.parse.DetectedDialect;
import io.lakegate.quality.QualityRules;
import io.lakegate.record.RecordSchema;
import io.lakegate.validate.DecodedSample;
import io.lakegate.validate.EncodingDetector;
import io.lakegate.validate.FileSniffer;
import io.lakegate.validate.RejectCode;
import io.lakegate.validate.Rejection;
import io.lakegate.validate.ValidationSettings;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of the processing routes, one method each, called with plain arguments the routes bind: open a
 * validated file, hand out its row batches, read, check, write and judge each batch, finish, then refuse the
 * file whole (too many rejects, suspect encoding, already ingested) or publish, commit and archive it; on
 * failure, remove every output and refuse the file.
 */
public class Ingest {

    private static final Logger log = LoggerFactory.getLogger(Ingest.class);
    // A name misread here and there is noise; past this share of a column the export's encoding is wrong.
    private static final double SUSPECT_TEXT_SHARE = 0.01;

    private final LakeStorage storage;
    private final ContractRegistry contracts;
    private final FileSniffer sniffer;
    private final EncodingDetector encodings;
    private final ProcessingProperties settings;
    private final Path workDirectory;
    private final Clock clock;
    private final LakeMetrics metrics;
    private final ExecutorService partUploads;
    private final Executor parquetWriters;
    private final SystemRejects rejects;

    public Ingest(LakeStorage storage, ContractRegistry contracts, ValidationSettings validation,
            ProcessingProperties settings, Clock clock, LakeMetrics metrics, ExecutorService partUploads,
            Executor parquetWriters) throws IOException {
        this.storage = storage;
        this.contracts = contracts;
        this.sniffer = new FileSniffer(validation);
        this.encodings = new EncodingDetector(validation.fallbackEncodings());
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
        this.partUploads = partUploads;
        this.parquetWriters = parquetWriters;
        this.rejects = new SystemRejects(storage, clock);
        this.workDirectory = Files.createDirectories(settings.workDirectory() != null
                ? Path.of(settings.workDirectory())
                : Path.of(System.getProperty("java.io.tmpdir"), "lakegate-work"));
    }

    /**
     * Starts a file's run under its lease, which the run renews while it commits too; the log lines from here
     * until the file is committed or refused carry its key and run id.
     */
    public IngestRun open(LakeObject source, LakeLease lease) throws IOException, Rejection {
        FileLogContext.file(source.key());
        if (lease.takeovers() >= settings.maxAttempts()) {
            throw new AbandonedRunsException(lease.takeovers());
        }
        Instant startedAt = clock.instant();
        boolean gzip = source.key().toLowerCase(Locale.ROOT).endsWith(".gz");
        FileSniffer.StartOfFile start = length -> storage.readStart(source.key(), length);
        Optional<DataContract> byKey = contractOf(source);
        DecodedSample sample = sampleOf(source, gzip, start, byKey);
        DetectedDialect dialect = sniffer.detectDialect(sample);
        if (byKey.isEmpty() && sample.source().guessed()) {
            // As the validator did: the contract that claims the file by its header may name its encoding.
            Optional<DataContract> claiming = contracts.claimingHeader(FileSniffer.firstRow(sample, dialect));
            if (claiming.isPresent()) {
                DecodedSample claimedText = sniffer.inClaimingContractsEncoding(sample, claiming.get(), gzip, source.size(),
                        start);
                if (claimedText != sample) {
                    sample = claimedText;
                    dialect = sniffer.detectDialect(sample);
                }
            }
        }
        // The run id is a function of the validated object, so a run repeated after a crash writes the same keys.
        Instant ingestTs = source.lastModified() != null ? source.lastModified() : startedAt;
        String runId = LakeLayout.ingestRunId(ingestTs, identityHash(source));
        FileLogContext.run(runId);

        IngestRun.CountingDigestStream bytes = new IngestRun.CountingDigestStream(storage.open(source.key()), sha256());
        try {
            InputStream content = new BufferedInputStream(bytes, 1 << 16);
            if (gzip) {
                content = new GZIPInputStream(content, 1 << 16);
            }
            List<String> sampleHeader = FileSniffer.firstRow(sample, dialect);
            LateEncodingReader late = provesNothing(sample) ? new LateEncodingReader(content, encodings,
                    byKey.or(() -> contracts.claimingHeader(sampleHeader)).map(c -> c.source().encodings()).orElse(List.of()))
                    : null;
            Reader text = late != null ? late : new InputStreamReader(content, sample.charset().newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE));
            CsvReader reader = new CsvReader(text, dialect.dialect());
            reader.captureRaw(true);
            if (!reader.next()) {
                throw new IllegalStateException(source.key() + " has no header line");
            }
            List<String> header = new ArrayList<>(List.of(reader.fields()));
            header.set(0, header.get(0).replace("\uFEFF", ""));
            // As the validator decided: by the key, else by the header where a contract claims files by it.
            DataContract contract = byKey.or(() -> contracts.claimingHeader(header))
                    .orElseThrow(() -> new IllegalStateException("No data contract applies to " + rawKeyOf(source) + " any more"));
            HeaderMapping mapping = HeaderMapping.resolve(contract, header);
            RecordSchema schema = RecordSchema.of(contract);
            String eventTime = contract.schema().eventTime();
            ZoneId zone = contract.schema().timezone() == null ? ZoneOffset.UTC : ZoneId.of(contract.schema().timezone());
            ProcessedParts parts = new ProcessedParts(storage, contract.id(), runId, schema, schema.position(eventTime), zone,
                    ingestTs.toEpochMilli() * 1000, source.key(), workDirectory, parquetSettings(), settings.partTargetSize().toBytes(),
                    settings.partTargetRows(), settings.maxOpenPartitions(), settings.writeBufferSize().toBytes(),
                    settings.spillBufferSize().toBytes(), partUploads, settings.uploadConcurrency(), Map.of("lakegate.contract", contract.id() + "@" + contract.version(),
                            "lakegate.ingest_run_id", runId, "lakegate.source_file", source.key()));
            RejectedRowsWriter rejects = new RejectedRowsWriter(workDirectory, runId, source.key(), header);
            IngestAudit.Detected atStart = new IngestAudit.Detected(sample.encodingName(), sample.confidence(),
                    sample.source().code(), gzip ? "gzip" : null,
                    String.valueOf(dialect.dialect().delimiter()),
                    dialect.dialect().quote() == CsvDialect.NONE ? null : String.valueOf(dialect.dialect().quote()), null);
            Supplier<IngestAudit.Detected> detected = late == null ? () -> atStart
                    : () -> late.decision().map(atStart::readOnAs).orElse(atStart);
            log.info("{} processing as run {} (contract {} {}, {}, delimiter '{}')", LogSafe.key(source.key()), runId, contract.id(),
                    contract.version(), sample.encodingName(), dialect.dialect().describeDelimiter());
            return new IngestRun(source, lease, runId, contract, schema, detected, header, mapping, ingestTs, startedAt, bytes, reader,
                    settings.batchRows(), QualityRules.compile(contract, schema, workDirectory), parts, rejects,
                    new ProcessingProgress(metrics, contract.id(), source.key(), source.size(), settings.progressInterval(), clock),
                    new IngestRun.Limits(rejectShareLimit(contract, mapping, header.size(), gzip ? RejectShareLimit.UNKNOWN_LENGTH
                            : source.size()), new WorkFolderBudget(workDirectory, runId, settings.workFolderBudget().toBytes())),
                    parquetWriters);
        } catch (IOException | RuntimeException e) {
            bytes.close();
            throw e;
        }
    }

    // An ASCII start of a longer file says nothing of the bytes after it, which may be in any code page.
    private static boolean provesNothing(DecodedSample sample) {
        return sample.source() == DecodedSample.EncodingSource.UTF8 && !sample.wholeFile()
                && sample.text().chars().allMatch(c -> c < 0x80);
    }

    /**
     * The start of the file in the encoding the validator read it in: the key's contract's, else, where that is
     * uncertain, the one a contract claiming files by their header names.
     */
    private DecodedSample sampleOf(LakeObject source, boolean gzip, FileSniffer.StartOfFile start,
            Optional<DataContract> byKey) throws Rejection {
        try {
            return sniffer.readText(gzip, source.size(), start, byKey.map(c -> c.source().encodings()).orElse(List.of()));
        } catch (Rejection unsure) {
            if (byKey.isPresent() || unsure.code() != RejectCode.AMBIGUOUS_ENCODING) {
                throw unsure;
            }
            return sniffer.readTextForHeaderClaim(gzip, source.size(), start, contracts.all()).orElseThrow(() -> unsure);
        }
    }

    public Iterator<RawBatch> batches(IngestRun run) {
        return run.batches();
    }

    public TypedBatch read(IngestRun run, RawBatch batch) throws IOException {
        return run.convert(batch);
    }

    public TypedBatch check(IngestRun run, TypedBatch batch) {
        return run.applyQuality(batch);
    }

    public BatchCounts write(IngestRun run, TypedBatch batch) throws IOException {
        return run.write(batch);
    }

    /**
     * Holds the run to its limits after each batch: stops reading once the file can no longer end within the
     * contract's maxRejectedPercent (the file is then refused), refuses it once its local files outgrow
     * work-folder-budget. Passes the batch's counts on to the split's tally.
     */
    public BatchCounts judge(IngestRun run, BatchCounts counts) {
        run.judge(counts);
        return counts;
    }

    /**
     * Every row has been read and checked: waits for the last Parquet writes, makes sure the counts add up and
     * counts the work done, whatever is decided next.
     */
    public void finish(IngestRun run, BatchCounts counts) throws IOException {
        run.enter(IngestRun.Stage.COMMIT);
        run.awaitWrites();
        if (counts.read() != counts.good() + counts.rejected()) {
            throw new IllegalStateException("Row counts do not add up: read " + counts.read() + ", good " + counts.good()
                    + ", rejected " + counts.rejected());
        }
        run.finished(counts);
        metrics.rowsChecked(run.contract.id(), counts.good() - counts.warned(), counts.rejectedRowsByFirstRule(),
                counts.warnedRowsByFirstRule());
        metrics.bytesRead(run.contract.id(), run.bytesIn());
    }

    /** More rows failed the contract's rules than its maxRejectedPercent allows, or reading stopped for it early. */
    public boolean tooManyRejects(IngestRun run) {
        BatchCounts counts = run.counts();
        Double maxRejectedPercent = run.contract.qualityOrDefault().maxRejectedPercent();
        return run.stoppedEarly().isPresent()
                || maxRejectedPercent != null && counts.rejected() * 100.0 > maxRejectedPercent * counts.read();
    }

    /** Refuses the file {@code too_many_rejects}; nothing of it is published. */
    public void refuseTooManyRejects(IngestRun run) throws IOException {
        BatchCounts counts = run.counts();
        List<String> samples = run.rejects().sampleReasons();
        discard(run);
        // Stopped early, the counts and the reason cover the rows read and checked before reading stopped.
        String message = run.stoppedEarly().map(early -> early.message() + " Most frequent: " + counts.rejectsByRule() + ".")
                .orElseGet(() -> String.format(Locale.ROOT, "%d of %d rows (%.1f%%) failed the contract's rules, more than"
                        + " the %.1f%% allowed; nothing of the file was published. Most frequent: %s.", counts.rejected(),
                        counts.read(), 100.0 * counts.rejected() / counts.read(),
                        run.contract.qualityOrDefault().maxRejectedPercent(), counts.rejectsByRule()));
        refuse(run, ProcessingReport.TOO_MANY_REJECTS, message, null, counts, samples);
    }

    /** The same bytes were ingested by another run, and lakegate.processing.allow-reingest does not allow it again. */
    public boolean alreadyIngested(IngestRun run) throws IOException {
        return !settings.allowReingest() && earlierRunOf(run).isPresent();
    }

    /** Refuses the file {@code duplicate_file}, naming the run that ingested its bytes; nothing is published again. */
    public void refuseDuplicate(IngestRun run) throws IOException {
        String earlierRun = earlierRunOf(run).orElseThrow();
        discard(run);
        refuse(run, ProcessingReport.DUPLICATE_FILE, "The same bytes were already ingested by run " + earlierRun
                + "; nothing was published again. Set lakegate.processing.allow-reingest=true to ingest it deliberately.",
                earlierRun, run.counts(), null);
    }

    /** The contract refuses text that looks decoded wrong before it reached Lakegate (source.suspectEncoding: reject). */
    public boolean suspectEncoding(IngestRun run) {
        return run.contract.source().rejectsSuspectEncoding() && !encodingWarnings(run).isEmpty();
    }

    /** Refuses the file {@code suspect_encoding}, naming the columns and a value of each; nothing is published. */
    public void refuseSuspectEncoding(IngestRun run) throws IOException {
        List<String> samples = run.rejects().sampleReasons();
        discard(run);
        refuse(run, ProcessingReport.SUSPECT_ENCODING, "Text looks decoded wrong before it reached Lakegate: "
                + encodingWarnings(run).entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                        .collect(Collectors.joining("; ")) + ". The contract refuses such files (source.suspectEncoding:"
                + " reject); nothing of the file was published. Export it again in one encoding, UTF-8 at best.",
                null, run.counts(), samples);
    }

    /** Uploads the parts still open and the rejected rows. Nothing reads them until the audit record lists them. */
    public void publish(IngestRun run) throws IOException {
        long start = System.nanoTime();
        encodingWarnings(run).forEach((column, warning) -> log.warn("{} column {}: {}", LogSafe.key(run.source.key()),
                column, warning));
        List<String> partKeys = run.parts().finishAll(run::heartbeat);
        run.published(partKeys, publishRejectedRows(run));
        run.time("commit", start);
    }

    /**
     * Writes the audit record, the commit point: from here the run's parts are the file's rows in processed/. Then
     * records the content's hash, so the same bytes are recognised when they come again.
     */
    public IngestAudit commit(IngestRun run) throws IOException {
        String sha256 = run.contentSha256();
        IngestAudit audit = audit(run, run.counts(), sha256, LakeLayout.archiveKey(run.source.key(), run.runId),
                run.partKeys(), run.rejectFiles(), encodingWarnings(run));
        String auditKey = LakeLayout.ingestAuditKey(run.ingestDate(), run.runId);
        storage.put(auditKey, LakeJson.pretty(audit), "application/json");
        run.publishedKeys().add(auditKey);
        String contentKey = LakeLayout.ingestedContentKey(sha256);
        storage.put(contentKey, LakeJson.pretty(Map.of("ingest_run_id", run.runId, "source_file", run.source.key())),
                "application/json");
        run.publishedKeys().add(contentKey);
        return audit;
    }

    /** Moves the source to archive/, which takes it out of validated/: the file is done. */
    public void archive(IngestRun run, IngestAudit audit) throws IOException {
        run.enter(IngestRun.Stage.ARCHIVE);
        storage.move(run.source, audit.archivedAs());
        run.close();
        BatchCounts counts = run.counts();
        log.info("{} ingested as run {}: {} rows read, {} good, {} rejected, {} part file(s)", LogSafe.key(run.source.key()), run.runId,
                counts.read(), counts.good(), counts.rejected(), audit.partFiles().size());
        metrics.fileProcessed(run.contract.id());
        metrics.bytesWritten(run.contract.id(), audit.bytesOut());
        metrics.stageTook(LakeMetrics.Stage.PROCESS, Duration.between(run.startedAt, clock.instant()));
        FileLogContext.end();
    }

    /**
     * The dead-letter step: removes every output of the run, moves the file to rejected/system/validated/ with a
     * {@code processing_failed} reason (or {@code unreadable_object}, or the limit it reached: {@code row_too_large},
     * {@code work_folder_budget_exceeded}), or quarantines it when it cannot be moved, and
     * returns the alert to publish (null when the file had already gone).
     * The file's log context stays on for the alert's publishing; the thread's next file replaces it.
     */
    public String fail(LakeObject source, IngestRun run, Exception failure) {
        FileLogContext.file(source.key());
        if (run != null) {
            FileLogContext.run(run.runId);
        }
        String stage = run == null ? IngestRun.Stage.OPEN.name().toLowerCase(Locale.ROOT)
                : run.stage().name().toLowerCase(Locale.ROOT);
        if (isLeaseLost(failure)) {
            // The worker that took the file over writes the same keys and decides the file; this run only stops.
            log.warn("Processing {} stopped at stage {}: {}", source.key(), stage, failure.getMessage());
            if (run != null) {
                discardLocal(run);
            }
            return null;
        }
        if (storage.head(source.key()).isEmpty()) {
            // Another worker finished or refused the file meanwhile; there is nothing left to decide.
            log.warn("Processing {} failed at stage {} because the file is gone: {}", LogSafe.key(source.key()), stage, failure.getMessage());
            if (run != null) {
                discard(run);
            }
            return null;
        }
        Optional<WorkFolderBudget.ExceededException> overBudget = causeOf(failure, WorkFolderBudget.ExceededException.class);
        if (overBudget.isPresent()) {
            // A limit reached, not a fault: one line, as for other refusals, and no stack trace.
            log.warn("{} refused ({}) at stage {}: {}", LogSafe.key(source.key()), ProcessingReport.WORK_FOLDER_BUDGET_EXCEEDED,
                    stage, overBudget.get().getMessage());
        } else {
            log.error("Processing {} failed at stage {}; removing its outputs and rejecting it", LogSafe.key(source.key()), stage, failure);
        }
        if (run != null) {
            discard(run);
        }
        Optional<String> s3Code = StorageException.objectErrorCodeOf(failure);
        Optional<CsvReader.RecordTooLongException> tooLong = causeOf(failure, CsvReader.RecordTooLongException.class);
        Optional<AbandonedRunsException> abandoned = causeOf(failure, AbandonedRunsException.class);
        String code = tooLong.isPresent() ? ProcessingReport.ROW_TOO_LARGE
                : overBudget.isPresent() ? ProcessingReport.WORK_FOLDER_BUDGET_EXCEEDED
                : s3Code.isPresent() ? ProcessingReport.UNREADABLE_OBJECT : ProcessingReport.PROCESSING_FAILED;
        String message = tooLong.map(e -> String.format(Locale.ROOT, "Line %d starts a row of more than %,d characters, the"
                        + " most one row may have (an unclosed quote, or a file that is not one row a line?). The file is"
                        + " refused whole; nothing of it was published.", e.lineNumber(), CsvReader.MAX_RECORD_CHARS))
                .or(() -> overBudget.map(WorkFolderBudget.ExceededException::getMessage))
                .or(() -> abandoned.map(e -> "Processing of this file began " + e.attempts() + " times and never finished:"
                        + " each time the process died (killed, or out of memory) and its claim ran out. It is refused rather"
                        + " than tried again (lakegate.processing.max-attempts); nothing of it was published."))
                .orElseGet(() -> "Processing stopped at stage '" + stage + "': " + failure + ". No output of this run was kept."
                        + s3Code.map(c -> " S3 refuses this object (" + c + ") and will do so on every attempt, so it is not"
                                + " retried.").orElse(""));
        ProcessingReport report = new ProcessingReport(code, message, source.key(), source.size(),
                run == null ? null : run.runId, stage, null, run == null ? null : run.contract.id(), null, null, null, null,
                clock.instant(), LakegateVersion.get());
        SystemRejects.Outcome outcome = rejects.refuse(source, report);
        if (outcome == SystemRejects.Outcome.QUARANTINED) {
            log.warn("{} cannot be moved out of validated/, so it stays there and is not processed again; see {}",
                    LogSafe.key(source.key()), LogSafe.key(LakeLayout.quarantineKeyFor(source)));
        }
        metrics.fileFailed(run == null ? contractOf(source).map(DataContract::id).orElse(null) : run.contract.id(), code);
        if (run != null) {
            metrics.stageTook(LakeMetrics.Stage.PROCESS, Duration.between(run.startedAt, clock.instant()));
        }
        return LakeJson.line(Map.of("event", "lakegate.processing_failed", "code", code, "file", source.key(), "rejected_as",
                outcome == SystemRejects.Outcome.QUARANTINED ? LakeLayout.quarantineKeyFor(source) : LakeLayout.systemRejectKeyFor(source.key()),
                "stage", stage, "message", message,
                "ingest_run_id", run == null ? "" : run.runId));
    }

    /** The file's earlier runs all died mid-work: trying it again would most likely kill this process too. */
    static final class AbandonedRunsException extends IllegalStateException {
        private final int attempts;

        AbandonedRunsException(int attempts) {
            super("processing began " + attempts + " times before and never finished");
            this.attempts = attempts;
        }

        int attempts() {
            return attempts;
        }
    }

    private static <T extends Throwable> Optional<T> causeOf(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return Optional.of(type.cast(cause));
            }
        }
        return Optional.empty();
    }

    private void refuse(IngestRun run, String code, String message, String earlierRun, BatchCounts counts,
            List<String> sampleReasons) throws IOException {
        ProcessingReport report = new ProcessingReport(code, message, run.source.key(), run.source.size(), run.runId,
                run.stage().name().toLowerCase(Locale.ROOT), earlierRun, run.contract.id(), counts.read(), counts.rejected(),
                counts.rejectsByRule(), sampleReasons, clock.instant(), LakegateVersion.get());
        rejects.refuse(run.source, report);
        run.close();
        log.warn("{} refused ({}): {}", LogSafe.key(run.source.key()), code, message);
        metrics.fileFailed(run.contract.id(), code);
        metrics.stageTook(LakeMetrics.Stage.PROCESS, Duration.between(run.startedAt, clock.instant()));
        FileLogContext.end();
    }

    private static boolean isLeaseLost(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof LeaseLostException) {
                return true;
            }
        }
        return false;
    }

    /** Removes every output the run wrote, uploaded or local, so a refused file leaves nothing behind. */
    private void discard(IngestRun run) {
        // Stopped first: that waits for the part uploads under way, so none lands after its key was deleted.
        discardLocal(run);
        List<String> keys = new ArrayList<>(run.parts().uploadedKeys());
        keys.addAll(run.publishedKeys());
        for (String key : keys) {
            storage.delete(key);
        }
    }

    /** Stops the run and removes its local files; what it uploaded stays. */
    private static void discardLocal(IngestRun run) {
        try {
            run.close();
            run.rejects().deleteFiles();
        } catch (IOException e) {
            log.warn("Local files of run {} could not all be removed: {}", run.runId, e.getMessage());
        }
    }

    /**
     * The contract's maxRejectedPercent as a limit applied while the file is read, or null when it sets none. The
     * fewest characters of a good row count the header's columns and, among them, those a good row cannot leave
     * empty: the required ones and the event time.
     */
    private RejectShareLimit rejectShareLimit(DataContract contract, HeaderMapping mapping, int headerWidth, long maxChars) {
        Double maxRejectedPercent = contract.qualityOrDefault().maxRejectedPercent();
        if (maxRejectedPercent == null) {
            return null;
        }
        long nonEmptyCells = contract.properties().stream()
                .filter(p -> p.required() || p.name().equals(contract.schema().eventTime()))
                .map(p -> mapping.columnPositions().get(p.name()))
                .filter(Objects::nonNull)
                .distinct()
                .count();
        return new RejectShareLimit(maxRejectedPercent, maxChars, RejectShareLimit.minGoodRowChars(headerWidth,
                (int) nonEmptyCells), settings.earlyRejectMinRows());
    }

    private Optional<DataContract> contractOf(LakeObject validated) {
        return contracts.forKey(rawKeyOf(validated));
    }

    // Contracts claim keys as producers put them in raw/.
    private static String rawKeyOf(LakeObject validated) {
        return LakeLayout.RAW + LakeLayout.pathInZone(validated.key(), LakeLayout.VALIDATED);
    }

    private List<String> publishRejectedRows(IngestRun run) throws IOException {
        RejectedRowsWriter rejects = run.rejects();
        rejects.close();
        if (rejects.rows() == 0) {
            return List.of();
        }
        String jsonKey = LakeLayout.dataQualityRejectsJsonKey(run.contract.id(), run.ingestDate(), run.source.key(), run.runId);
        String csvKey = LakeLayout.dataQualityRejectsCsvKey(run.contract.id(), run.ingestDate(), run.source.key(), run.runId);
        storage.upload(jsonKey, rejects.jsonFile(), "application/x-ndjson");
        run.publishedKeys().add(jsonKey);
        storage.upload(csvKey, rejects.csvFile(), "text/csv");
        run.publishedKeys().add(csvKey);
        rejects.deleteFiles();
        return List.of(jsonKey, csvKey);
    }

    /**
     * Per string column where more than {@link #SUSPECT_TEXT_SHARE} of the values look decoded wrong before they
     * reached Lakegate, a sentence saying how many and showing one.
     */
    private static Map<String, String> encodingWarnings(IngestRun run) {
        Map<String, String> warnings = new LinkedHashMap<>();
        run.suspectText().forEach((column, seen) -> {
            if (seen.share() > SUSPECT_TEXT_SHARE) {
                warnings.put(column, String.format(Locale.ROOT, "%d of %d values (%.1f%%) look like UTF-8 read as a"
                        + " single-byte code page, or hold U+FFFD, e.g. '%s'", seen.suspect(), seen.values(),
                        100 * seen.share(), seen.example()));
            }
        });
        return warnings;
    }

    /** Another run that ingested the same bytes; a run repeated after a crash has the same id and is not another. */
    private Optional<String> earlierRunOf(IngestRun run) throws IOException {
        String key = LakeLayout.ingestedContentKey(run.contentSha256());
        if (storage.head(key).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(storage.readJson(key, 1 << 16).path("ingest_run_id").asText()).filter(earlier -> !earlier.equals(run.runId));
    }

    private IngestAudit audit(IngestRun run, BatchCounts counts, String sha256, String archiveKey, List<String> partKeys,
            List<String> rejectFiles, Map<String, String> encodingWarnings) {
        List<IngestAudit.Partition> partitions = run.parts().rowsByDate().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> new IngestAudit.Partition(e.getKey(), e.getValue())).toList();
        Map<String, Long> timings = run.timingsMs();
        Instant finishedAt = clock.instant();
        timings.put("total", finishedAt.toEpochMilli() - run.startedAt.toEpochMilli());
        return new IngestAudit(run.runId, run.source.key(), run.source.size(), sha256, archiveKey,
                new IngestAudit.ContractRef(run.contract.id(), run.contract.version()), run.detected.get(), run.columnDecisions(),
                run.mapping.columnsByHeaderName(run.header), run.mapping.extraColumns(), counts.read(), counts.good(), counts.rejected(), counts.warned(),
                counts.rejectsByRule(), counts.warningsByRule(), encodingWarnings.isEmpty() ? null : encodingWarnings,
                partitions, partKeys, rejectFiles, run.bytesIn(),
                run.parts().bytesWritten(), run.parts().spilledBytes(), timings, run.ingestTs, run.startedAt, finishedAt, LakegateVersion.get());
    }

    private ParquetSettings parquetSettings() {
        return ParquetSettings.defaults()
                .withCodec(ParquetCodec.valueOf(settings.codec().toUpperCase(Locale.ROOT)))
                .withRowGroupBytes(settings.rowGroupSize().toBytes())
                .withZstdLevel(settings.zstdLevel())
                .withDeltaEncodings(true)
                .withOverwrite(true);
    }

    private static String identityHash(LakeObject source) {
        String identity = source.key() + "|" + source.size() + "|" + source.eTag() + "|" + source.lastModified();
        return HexFormat.of().formatHex(sha256().digest(identity.getBytes(StandardCharsets.UTF_8))).substring(0, 10);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JVM has no SHA-256", e);
        }
    }
}
