package io.lakegate.gold;

import io.lakegate.LakegateVersion;
import io.lakegate.contract.ContractRegistry;
import io.lakegate.contract.DataContract;
import io.lakegate.lake.LakeJson;
import io.lakegate.lake.LakeLayout;
import io.lakegate.lake.LakeLease;
import io.lakegate.lake.LakeObject;
import io.lakegate.lake.LakeStorage;
import io.lakegate.observe.LakeMetrics;
import io.lakegate.parquet.ParquetCodec;
import io.lakegate.parquet.ParquetSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The beans the compaction routes call: plan the gold tables, compact one table's changed dates, record a
 * failure, report. Plain arguments in and out; the routes hand them over.
 * <p>
 * A run compacts all changed dates of a table in one Iceberg commit ({@link GoldCommit}): readers see the
 * snapshot before it or after it, never part of it, and a crash before the commit leaves the previous
 * snapshot in force. Its files, never named by a snapshot, are removed by a later run ({@link GoldHousekeeping}).
 */
public class GoldCompaction {

    private static final Logger log = LoggerFactory.getLogger(GoldCompaction.class);
    // A commit that loses to another replica's is planned and tried again on the table it then finds.
    private static final int COMMIT_ATTEMPTS = 3;

    private final LakeStorage storage;
    private final ContractRegistry contracts;
    private final CompactionProperties settings;
    private final GoldTables tables;
    private final GoldPlanner planner;
    private final Path workDirectory;
    private final String replica;
    private final LakeMetrics metrics;
    private final Clock clock;
    private final Executor workers;
    private final Executor uploaders;

    /**
     * @param workers   the threads that compact a table's groups of days at once
     * @param uploaders the threads that upload gold files while the workers go on compacting
     */
    public GoldCompaction(LakeStorage storage, ContractRegistry contracts, GoldTables tables, CompactionProperties settings,
            String replica, LakeMetrics metrics, Clock clock, Executor workers, Executor uploaders) throws IOException {
        this.storage = storage;
        this.contracts = contracts;
        this.tables = tables;
        this.settings = settings;
        this.planner = new GoldPlanner(storage, settings);
        this.replica = replica;
        this.metrics = metrics;
        this.clock = clock;
        this.workers = workers;
        this.uploaders = uploaders;
        this.workDirectory = Files.createDirectories(settings.workDirectory() != null
                ? Path.of(settings.workDirectory())
                : Path.of(System.getProperty("java.io.tmpdir"), "lakegate-compaction"));
    }

    /** Every gold table, with every date, or one date ({@code yyyy-MM-dd}) when asked for. */
    public List<DatasetPlan> plan(String date) {
        Optional<LocalDate> only = Optional.ofNullable(date).filter(d -> !d.isBlank()).map(CompactionJobs::parseDate);
        List<DatasetPlan> plans = new ArrayList<>();
        for (DataContract contract : contracts.all()) {
            if (contract.goldTable().isPresent()) {
                plans.add(planOf(contract, only));
            }
        }
        return plans;
    }

    /** The run's answer, also kept in the audit: what it did with each date, and why it skipped the others. */
    public CompactionReport report(List<List<CompactionOutcome>> outcomes) {
        Instant now = clock.instant();
        CompactionReport report = CompactionReport.of(now, outcomes.stream().flatMap(List::stream).toList());
        if (!report.dates().isEmpty()) {
            storage.put(LakeLayout.goldCompactionReportKey(now, replica), LakeJson.pretty(report), "application/json");
        }
        return report;
    }

    /** The SNS message of a failed run. */
    public String alert(List<CompactionOutcome> failed) {
        CompactionOutcome first = failed.get(0);
        return "Gold compaction of " + first.dataset() + " failed (run " + first.runId() + ") for dates "
                + failed.stream().map(o -> o.date().toString()).toList() + "; the table keeps its previous snapshot.\n"
                + first.reason() + (first.audit() == null ? "" : "\nAudit: " + first.audit());
    }

    public List<CompactionOutcome> skip(DatasetPlan plan) {
        return plan.dates().stream().map(date -> {
            log.debug("Gold {} date {} skipped: {}", date.dataset(), date.date(), date.skipReason());
            return CompactionOutcome.skipped(date, date.skipReason());
        }).toList();
    }

    /** Compacts a table's due dates in one commit, holding the table's lease; a failure leaves its snapshot in force. */
    public List<CompactionOutcome> compact(DatasetPlan plan) throws IOException {
        Instant startedAt = clock.instant();
        String runId = LakeLayout.compactionRunId(startedAt, randomSuffix());
        LakeLease.Acquisition acquisition = LakeLease.acquire(storage, LakeLayout.goldLeaseKey(plan.dataset()),
                runId + "@" + replica, settings.leaseTtl(), clock);
        if (acquisition.lease().isEmpty()) {
            log.info("Gold {} skipped: {}", plan.dataset(), acquisition.refusal());
            return plan.dates().stream().map(d -> CompactionOutcome.skipped(d, acquisition.refusal())).toList();
        }
        try (LakeLease lease = acquisition.lease().get()) {
            DatasetPlan current = plan;
            for (int attempt = 1; ; attempt++) {
                try {
                    List<CompactionOutcome> outcomes = compactHoldingLease(current, runId, startedAt, lease);
                    new GoldHousekeeping(storage, tables, settings.retainSnapshots(), clock)
                            .tidy(plan.dataset(), lease::renewIfDue);
                    return outcomes;
                } catch (CommitLost lost) {
                    if (attempt == COMMIT_ATTEMPTS) {
                        throw lost;
                    }
                    log.info("Gold {} run {}: {}; planning again (attempt {} of {})", plan.dataset(), runId,
                            lost.getMessage(), attempt + 1, COMMIT_ATTEMPTS);
                    current = planOf(plan.contract(), onlyDate(plan));
                    if (!current.due()) {
                        return skip(current);
                    }
                }
            }
        }
    }

    /** Records a failed run in the audit of each date it was to compact; returns the outcomes the alert and report carry. */
    public List<CompactionOutcome> failed(DatasetPlan plan, Exception failure) {
        Instant now = clock.instant();
        String runId = failure instanceof RunFailure f ? f.runId : LakeLayout.compactionRunId(now, randomSuffix());
        Throwable cause = failure instanceof RunFailure ? failure.getCause() : failure;
        log.error("Gold {} compaction {} failed: {}", plan.dataset(), runId, cause.toString(), cause);
        List<CompactionOutcome> outcomes = new ArrayList<>();
        for (PartitionPlan date : plan.dueDates()) {
            CompactionMetrics record = new CompactionMetrics(runId, date.dataset(), date.date(), "failed",
                    date.fingerprint(), date.compacted(), null, now, now, 0, null, null, null, keys(date.inputs()), null,
                    null, new CompactionMetrics.Failure(cause.getClass().getName(), String.valueOf(cause.getMessage())),
                    contractVersion(plan.contract()), LakegateVersion.get());
            String audit = null;
            try {
                audit = writeAudit(record);
            } catch (RuntimeException e) {
                log.error("The failure audit of compaction {} could not be written either: {}", runId, e.toString());
            }
            outcomes.add(new CompactionOutcome(date.dataset(), date.date(), "failed",
                    cause.getClass().getSimpleName() + ": " + cause.getMessage(), runId, null, null, null, audit));
        }
        return outcomes;
    }

    private List<CompactionOutcome> compactHoldingLease(DatasetPlan plan, String runId, Instant startedAt, LakeLease lease)
            throws IOException {
        Path work = Files.createDirectories(workDirectory.resolve(runId));
        GoldCommit commit = null;
        GoldUploads uploads = null;
        try {
            List<PartitionPlan> due = plan.dueDates();
            List<LakeObject> inputObjects = due.stream().flatMap(d -> d.inputs().stream()).toList();
            log.info("Gold {} run {}: compacting {} dates from {} processed parts", plan.dataset(), runId, due.size(),
                    inputObjects.size());
            StepTimes steps = new StepTimes();
            List<Path> inputs = download(keys(inputObjects), work.resolve("processed"), lease);
            steps.lap("download");
            GoldSettings gold = goldSettings(plan.contract(), work.resolve("spill"));
            GoldSchema schema = GoldSchema.of(inputs, gold);
            Table table = tables.loadOrCreate(plan.contract(), schema.goldColumns());
            commit = GoldCommit.begin(table, storage, plan.dataset(), runId);
            List<DataFile> replaced = commit.hasPreviousSnapshot()
                    ? commit.filesToReplace(EventDays.of(inputs, gold.eventTimeColumn(), workers),
                            KeyLocator.of(inputs, gold.keyColumn(), schema.typeOf(gold.keyColumn()), workers), lease::renewIfDue)
                    : List.of();
            log.info("Gold {} run {}: {} gold files hold rows of these dates or keys; sorting and writing", plan.dataset(), runId,
                    replaced.size());
            List<Path> replacedLocal = download(replaced.stream().map(commit::keyOf).toList(), work.resolve("gold"), lease);
            steps.lap("replaced_gold");
            uploads = new GoldUploads(commit, storage, uploaders);
            CompactionResult result = new GoldCompactor(gold, workers).compact(inputs, replacedLocal,
                    Files.createDirectories(work.resolve("out")), lease::renewIfDue, uploads::start);
            steps.lap("compact_other", result.timingsMs());
            log.info("Gold {} run {}: {} files written; finishing their uploads and committing", plan.dataset(), runId,
                    result.outputFiles().size());
            uploads.finish();
            steps.lap("upload");
            lease.renewIfDue();
            Map<LocalDate, String> fingerprints = new HashMap<>();
            due.forEach(d -> fingerprints.put(d.date(), d.fingerprint()));
            long snapshotId = commit.commit(fingerprints);
            steps.lap("commit");
            Instant finishedAt = clock.instant();
            log.info("Gold {} compacted by {} into snapshot {}: dates {}, {} rows in, {} gold rows re-read, {} out, {} files"
                    + " replaced, {} written", plan.dataset(), runId, snapshotId, due.stream().map(PartitionPlan::date).toList(),
                    result.rowsIn(), result.goldRowsIn(), result.rowsOut(), replaced.size(), result.filesOut());
            return audited(plan, due, result, replaced.size(), uploads.keysByDay(), runId, snapshotId, startedAt,
                    finishedAt, steps.millis());
        } catch (CommitFailedException | ValidationException e) {
            commit.abandon();
            throw new CommitLost(e);
        } catch (IOException | RuntimeException e) {
            if (uploads != null) {
                uploads.awaitQuietly();
            }
            if (commit != null) {
                commit.abandon();
            }
            throw new RunFailure(runId, e);
        } finally {
            deleteTree(work);
        }
    }

    private List<CompactionOutcome> audited(DatasetPlan plan, List<PartitionPlan> due, CompactionResult result,
            int filesReplaced, Map<LocalDate, List<String>> outputs, String runId, long snapshotId, Instant startedAt,
            Instant finishedAt, Map<String, Long> timingsMs) {
        Duration took = Duration.between(startedAt, finishedAt);
        CompactionMetrics.Run run = new CompactionMetrics.Run(due.stream().map(PartitionPlan::date).toList(),
                result.rowsIn(), result.goldRowsIn(), result.rowsOut(), result.duplicatesRemoved(), result.filesIn(),
                filesReplaced, result.filesOut(), result.bytesIn(), result.bytesOut(), result.spilledRuns(), timingsMs);
        Map<LocalDate, Long> rowsInByDate = rowsInByDate(due, result);
        List<CompactionOutcome> outcomes = new ArrayList<>();
        for (PartitionPlan date : plan.dates()) {
            if (!date.due()) {
                outcomes.add(CompactionOutcome.skipped(date, date.skipReason()));
                continue;
            }
            CompactionResult.Changes changes = result.changes().getOrDefault(date.date(), CompactionResult.Changes.NONE);
            long rowsOut = result.rowsOut(date.date());
            CompactionMetrics record = new CompactionMetrics(runId, date.dataset(), date.date(), "compacted",
                    date.fingerprint(), date.compacted(), snapshotId, startedAt, finishedAt, took.toMillis(),
                    rowsInByDate.get(date.date()), rowsOut, changes, keys(date.inputs()),
                    outputs.getOrDefault(date.date(), List.of()), run, null, contractVersion(plan.contract()),
                    LakegateVersion.get());
            String audit = writeAudit(record);
            metrics.compacted(date.dataset(), date.date(), rowsInByDate.get(date.date()), rowsOut,
                    Math.max(0, rowsInByDate.get(date.date()) - rowsOut), changes.inserted(), changes.updated(),
                    changes.unchanged(), changes.moved(), changes.deleted(), took);
            outcomes.add(new CompactionOutcome(date.dataset(), date.date(), "compacted", null, runId, snapshotId,
                    rowsInByDate.get(date.date()), rowsOut, audit));
        }
        return outcomes;
    }

    private static Map<LocalDate, Long> rowsInByDate(List<PartitionPlan> due, CompactionResult result) {
        Map<LocalDate, Long> rows = new HashMap<>();
        int part = 0;
        for (PartitionPlan date : due) {
            long sum = 0;
            for (int i = 0; i < date.inputs().size(); i++) {
                sum += result.rowsPerPart().get(part++);
            }
            rows.put(date.date(), sum);
        }
        return rows;
    }

    private DatasetPlan planOf(DataContract contract, Optional<LocalDate> date) {
        Map<LocalDate, String> compacted = tables.load(contract.id()).map(GoldTables::compactedInputs).orElse(Map.of());
        return planner.plan(contract, date, compacted);
    }

    private static Optional<LocalDate> onlyDate(DatasetPlan plan) {
        return plan.dates().size() == 1 ? Optional.of(plan.dates().get(0).date()) : Optional.empty();
    }

    private GoldSettings goldSettings(DataContract contract, Path spill) {
        DataContract.Gold gold = contract.goldTable().orElseThrow();
        ParquetSettings parquet = ParquetSettings.defaults()
                .withCodec(ParquetCodec.valueOf(settings.codec().toUpperCase(Locale.ROOT)))
                .withOverwrite(true);
        return new GoldSettings(gold.key(), contract.schema().eventTime(), gold.sortByOrKey(),
                settings.targetFileSize().toBytes(), settings.sortMemory().toBytes(), parquet, spill);
    }

    private String writeAudit(CompactionMetrics metrics) {
        byte[] document = LakeJson.pretty(metrics);
        storage.put(LakeLayout.goldCompactionRunKey(metrics.date(), metrics.runId()), document, "application/json");
        String latest = LakeLayout.goldCompactionMetricsKey(metrics.date());
        storage.put(latest, document, "application/json");
        return latest;
    }

    /** Downloads on the workers, a few objects at once. */
    private List<Path> download(List<String> keys, Path folder, LakeLease lease) throws IOException {
        Files.createDirectories(folder);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            files.add(folder.resolve(String.format("%05d.parquet", i)));
        }
        EachFile.map(files, workers, (i, file) -> {
            storage.download(keys.get(i), file);
            return null;
        });
        lease.renewIfDue();
        return files;
    }

    private static void deleteTree(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clean up " + folder, e);
        }
    }

    private static List<String> keys(List<LakeObject> objects) {
        return objects.stream().map(LakeObject::key).toList();
    }

    private static String contractVersion(DataContract contract) {
        return contract.id() + "@" + contract.version();
    }

    private static String randomSuffix() {
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }

    /** A run failure that knows its run id, for the audit. */
    static final class RunFailure extends RuntimeException {
        final String runId;

        RunFailure(String runId, Exception cause) {
            super("Compaction " + runId + " failed: " + cause.getMessage(), cause);
            this.runId = runId;
        }
    }

    /** Another commit changed what this run read before this run could commit. */
    static final class CommitLost extends RuntimeException {
        CommitLost(RuntimeException cause) {
            super("another commit changed the table first (" + cause.getMessage() + ")", cause);
        }
    }
}
