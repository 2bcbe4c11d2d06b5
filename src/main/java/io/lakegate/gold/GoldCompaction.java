package io.lakegate.gold;

import io.lakegate.LakegateVersion;
import io.lakegate.contract.ContractRegistry;
import io.lakegate.contract.DataContract;
import io.lakegate.lake.LakeJson;
import io.lakegate.lake.LakeLease;
import io.lakegate.lake.LakeLayout;
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
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The beans the compaction routes call: plan the dates, compact one date, record a failure.
 *
 * <p>A date is compacted into a new generation folder beside the current one; the switch is one PUT of
 * the date's manifest, which is what readers follow. A query sees the old files or the new ones, never a
 * mix, and a crash before the switch leaves the old generation in force; the next run rewrites the same
 * generation (its name is a function of its inputs) and switches then.
 */
public class GoldCompaction {

    /** Exchange property holding the {@link PartitionPlan} being compacted. */
    public static final String PLAN = "goldPlan";

    private static final Logger log = LoggerFactory.getLogger(GoldCompaction.class);
    private static final String PARQUET = "application/vnd.apache.parquet";

    private final LakeStorage storage;
    private final ContractRegistry contracts;
    private final CompactionProperties settings;
    private final GoldPlanner planner;
    private final Path workDirectory;
    private final String replica;
    private final LakeMetrics metrics;
    private final Clock clock;

    public GoldCompaction(LakeStorage storage, ContractRegistry contracts, CompactionProperties settings, String replica,
            LakeMetrics metrics, Clock clock) throws IOException {
        this.storage = storage;
        this.metrics = metrics;
        this.contracts = contracts;
        this.settings = settings;
        this.planner = new GoldPlanner(storage, settings);
        this.replica = replica;
        this.clock = clock;
        this.workDirectory = Files.createDirectories(settings.workDirectory() != null
                ? Path.of(settings.workDirectory())
                : Path.of(System.getProperty("java.io.tmpdir"), "lakegate-compaction"));
    }

    /** Every date of every gold table, or one date ({@code yyyy-MM-dd}) when asked for. */
    public List<PartitionPlan> plan(@Header("compactionDate") String date) {
        Optional<LocalDate> only = Optional.ofNullable(date).filter(d -> !d.isBlank()).map(GoldCompaction::parseDate);
        List<PartitionPlan> plans = new ArrayList<>();
        for (DataContract contract : contracts.all()) {
            if (contract.goldTable().isPresent()) {
                plans.addAll(planner.plan(contract, only));
            }
        }
        return plans;
    }

    /** The run's answer, also kept in the audit: what it did with each date, and why it skipped the others. */
    public CompactionReport report(List<CompactionOutcome> outcomes) {
        Instant now = clock.instant();
        CompactionReport report = CompactionReport.of(now, outcomes);
        if (!outcomes.isEmpty()) {
            storage.put(LakeLayout.goldCompactionReportKey(now, replica), LakeJson.pretty(report), "application/json");
        }
        return report;
    }

    /** The SNS message of a failed date. */
    public String alert(CompactionOutcome failed) {
        return "Gold compaction of " + failed.dataset() + " date " + failed.date() + " failed (run " + failed.runId()
                + "); the partition keeps its previous files.\n" + failed.reason()
                + (failed.audit() == null ? "" : "\nAudit: " + failed.audit());
    }

    public CompactionOutcome skip(PartitionPlan plan) {
        log.debug("Gold {} date {} skipped: {}", plan.dataset(), plan.date(), plan.skipReason());
        return CompactionOutcome.skipped(plan, plan.skipReason());
    }

    /** Compacts one date, holding its lease; a failure leaves the date's current generation in force. */
    public CompactionOutcome compact(PartitionPlan plan) throws IOException {
        Instant startedAt = clock.instant();
        String runId = LakeLayout.compactionRunId(startedAt, plan.generation());
        LakeLease.Acquisition acquisition = LakeLease.acquire(storage,
                LakeLayout.goldLeaseKey(plan.dataset(), plan.date()), runId + "@" + replica, settings.leaseTtl(), clock);
        if (acquisition.lease().isEmpty()) {
            log.info("Gold {} date {} skipped: {}", plan.dataset(), plan.date(), acquisition.refusal());
            return CompactionOutcome.skipped(plan, acquisition.refusal());
        }
        try (LakeLease lease = acquisition.lease().get()) {
            // Another replica may have finished this very generation while this one planned.
            Optional<GoldManifest> current = GoldManifest.current(storage, plan.dataset(), plan.date());
            if (current.filter(m -> m.generation().equals(plan.generation())).isPresent()) {
                return CompactionOutcome.skipped(plan, "generation " + plan.generation() + " was compacted by another run");
            }
            return compactHoldingLease(plan, current, runId, startedAt);
        }
    }

    /** Records a failed compaction in the date's audit; returns the outcome the alert and the report carry. */
    public CompactionOutcome failed(@ExchangeProperty(PLAN) PartitionPlan plan,
            @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception failure) {
        Instant now = clock.instant();
        String runId = failure instanceof CompactionFailure f ? f.runId : LakeLayout.compactionRunId(now, plan.generation());
        boolean switched = failure instanceof CompactionFailure f && f.switched;
        Throwable cause = failure instanceof CompactionFailure ? failure.getCause() : failure;
        log.error("Gold {} date {} compaction {} failed: {}", plan.dataset(), plan.date(), runId, cause.toString(), cause);
        CompactionMetrics record = new CompactionMetrics(runId, plan.dataset(), plan.date(), "failed", plan.generation(),
                plan.current().map(GoldManifest::generation).orElse(null), now, now, 0, null, null, null, null,
                plan.inputs().size(), null, plan.inputBytes(), null, keys(plan.inputs()), null,
                new CompactionMetrics.Failure(cause.getClass().getName(), String.valueOf(cause.getMessage()), switched),
                contractVersion(plan.contract()), LakegateVersion.get());
        String audit = null;
        try {
            audit = writeAudit(record);
        } catch (RuntimeException e) {
            log.error("The failure audit of compaction {} could not be written either: {}", runId, e.toString());
        }
        return new CompactionOutcome(plan.dataset(), plan.date(), "failed", cause.getClass().getSimpleName() + ": "
                + cause.getMessage(), runId, plan.generation(), null, null, audit);
    }

    private CompactionOutcome compactHoldingLease(PartitionPlan plan, Optional<GoldManifest> previous, String runId,
            Instant startedAt) throws IOException {
        Path work = Files.createDirectories(workDirectory.resolve(runId));
        List<String> uploaded = new ArrayList<>();
        boolean switched = false;
        try {
            List<Path> inputs = download(plan.inputs().stream().map(LakeObject::key).toList(), work.resolve("processed"));
            List<Path> previousFiles = download(previous.map(GoldManifest::keys).orElse(List.of()), work.resolve("gold"));
            GoldCompactor compactor = new GoldCompactor(goldSettings(plan.contract(), work.resolve("spill")));
            CompactionResult result = compactor.compact(inputs, previousFiles, Files.createDirectories(work.resolve("out")));
            for (Path file : result.outputFiles()) {
                String key = LakeLayout.goldFileKey(plan.dataset(), plan.date(), plan.generation(), uploaded.size());
                storage.upload(key, file, PARQUET);
                uploaded.add(key);
            }
            storage.put(LakeLayout.goldManifestKey(plan.dataset(), plan.date()),
                    GoldManifest.of(uploaded).render(storage.bucket()), "text/plain");
            switched = true;
            storage.delete(LakeLayout.goldReplacedMarkerKey(plan.dataset(), plan.date(), plan.generation()));
            previous.ifPresent(p -> markReplaced(plan, p));
            Instant finishedAt = clock.instant();
            CompactionMetrics record = new CompactionMetrics(runId, plan.dataset(), plan.date(), "compacted",
                    plan.generation(), previous.map(GoldManifest::generation).orElse(null), startedAt, finishedAt,
                    Duration.between(startedAt, finishedAt).toMillis(), result.rowsIn(), result.rowsOut(),
                    result.duplicatesRemoved(), new CompactionMetrics.Changes(result.inserted(), result.updated(),
                            result.unchanged(), result.deleted()),
                    result.filesIn(), result.filesOut(), result.bytesIn(), result.bytesOut(), keys(plan.inputs()), uploaded,
                    null, contractVersion(plan.contract()), LakegateVersion.get());
            String audit = writeAudit(record);
            metrics.compacted(plan.dataset(), plan.date(), result.rowsIn(), result.rowsOut(), result.duplicatesRemoved(),
                    result.inserted(), result.updated(), result.unchanged(), result.deleted(),
                    Duration.between(startedAt, finishedAt));
            log.info("Gold {} date {} compacted by {}: {} rows in, {} out, {} duplicates removed, generation {}",
                    plan.dataset(), plan.date(), runId, result.rowsIn(), result.rowsOut(), result.duplicatesRemoved(),
                    plan.generation());
            return new CompactionOutcome(plan.dataset(), plan.date(), "compacted", null, runId, plan.generation(),
                    result.rowsIn(), result.rowsOut(), audit);
        } catch (IOException | RuntimeException e) {
            if (!switched) {
                uploaded.forEach(this::deleteQuietly);
            }
            throw new CompactionFailure(runId, switched, e);
        } finally {
            deleteTree(work);
        }
    }

    private GoldSettings goldSettings(DataContract contract, Path spill) {
        DataContract.Gold gold = contract.goldTable().orElseThrow();
        ParquetSettings parquet = ParquetSettings.defaults()
                .withCodec(ParquetCodec.valueOf(settings.codec().toUpperCase(Locale.ROOT)))
                .withOverwrite(true);
        return new GoldSettings(gold.key(), gold.sortByOrKey(), settings.targetFileSize().toBytes(),
                settings.sortMemory().toBytes(), parquet, spill);
    }

    // Readers that followed the old manifest keep their files until the retention has passed.
    private void markReplaced(PartitionPlan plan, GoldManifest replaced) {
        storage.put(LakeLayout.goldReplacedMarkerKey(plan.dataset(), plan.date(), replaced.generation()),
                LakeJson.pretty(new ReplacedGeneration(replaced.generation(), plan.generation(), clock.instant())),
                "application/json");
    }

    record ReplacedGeneration(String generation, String replacedBy, Instant replacedAt) {
    }

    private String writeAudit(CompactionMetrics metrics) {
        byte[] document = LakeJson.pretty(metrics);
        storage.put(LakeLayout.goldCompactionRunKey(metrics.date(), metrics.runId()), document, "application/json");
        String latest = LakeLayout.goldCompactionMetricsKey(metrics.date());
        storage.put(latest, document, "application/json");
        return latest;
    }

    private List<Path> download(List<String> keys, Path folder) throws IOException {
        Files.createDirectories(folder);
        List<Path> files = new ArrayList<>();
        for (String key : keys) {
            Path file = folder.resolve(String.format("%05d.parquet", files.size()));
            storage.download(key, file);
            files.add(file);
        }
        return files;
    }

    private void deleteQuietly(String key) {
        try {
            storage.delete(key);
        } catch (RuntimeException e) {
            log.warn("Could not remove {} of a failed compaction; the next run of its date removes it: {}", key, e.toString());
        }
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

    private static LocalDate parseDate(String date) {
        try {
            return LocalDate.parse(date.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("date '" + date + "' is not a date like 2024-05-01");
        }
    }

    /** A compaction failure that knows its run and whether readers were already switched to the new files. */
    static final class CompactionFailure extends RuntimeException {
        final String runId;
        final boolean switched;

        CompactionFailure(String runId, boolean switched, Exception cause) {
            super("Compaction " + runId + " failed" + (switched ? " after switching readers to its generation" : "")
                    + ": " + cause.getMessage(), cause);
            this.runId = runId;
            this.switched = switched;
        }
    }
}
