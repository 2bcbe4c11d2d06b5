package io.lakegate.gold;

import io.lakegate.lake.LakeLayout;
import io.lakegate.lake.LakeStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.OverwriteFiles;
import org.apache.iceberg.PartitionData;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.UpdateProperties;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.parquet.ParquetUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One compaction's change to a gold table, from the snapshot it started on to the snapshot it commits: which
 * files it replaces, the files it adds, and the commit of both with the inputs it consumed, as one Iceberg
 * overwrite. The commit is refused (and nothing changes) if another commit added or removed files since the
 * starting snapshot: the run then plans again on the new table.
 */
final class GoldCommit {

    private static final Logger log = LoggerFactory.getLogger(GoldCommit.class);

    private final Table table;
    private final LakeStorage storage;
    private final String dataset;
    private final String runId;
    private final Snapshot base;
    private final List<DataFile> replaced = new ArrayList<>();
    private final List<DataFile> added = new ArrayList<>();
    private final List<String> uploaded = new ArrayList<>();

    private GoldCommit(Table table, LakeStorage storage, String dataset, String runId) {
        this.table = table;
        this.storage = storage;
        this.dataset = dataset;
        this.runId = runId;
        this.base = table.currentSnapshot();
    }

    static GoldCommit begin(Table table, LakeStorage storage, String dataset, String runId) {
        return new GoldCommit(table, storage, dataset, runId);
    }

    /**
     * The files of the starting snapshot this run must rewrite: every file on a day the new rows fall on, and
     * every other file holding one of their keys (a key that moved to another day leaves its old one).
     */
    /** Whether the table has a snapshot, whose files this run may replace; a new table has none. */
    boolean hasPreviousSnapshot() {
        return base != null;
    }

    List<DataFile> filesToReplace(Set<Integer> days, KeyLocator keys, Runnable heartbeat) throws IOException {
        if (base == null) {
            return List.of();
        }
        try (CloseableIterable<FileScanTask> tasks = table.newScan().useSnapshot(base.snapshotId()).planFiles()) {
            for (FileScanTask task : tasks) {
                DataFile file = task.file();
                Integer day = file.partition().get(0, Integer.class);
                if (days.contains(day) || keys.mayHoldAny(new IcebergParquetInput(table.io().newInputFile(file.location())))) {
                    replaced.add(file);
                }
                heartbeat.run();
            }
        }
        return List.copyOf(replaced);
    }

    String keyOf(DataFile file) {
        String prefix = LakeLayout.s3Uri(storage.bucket(), "");
        if (!file.location().startsWith(prefix)) {
            throw new IllegalStateException("Gold file " + file.location() + " is outside the lake's bucket " + storage.bucket());
        }
        return file.location().substring(prefix.length());
    }

    /** Describes a new local gold file for the commit; returns the key to upload it to. */
    String add(GoldFile file) throws IOException {
        PartitionData partition = new PartitionData(table.spec().partitionType());
        partition.set(0, (int) file.day().toEpochDay());
        String key = LakeLayout.goldDataFileKey(dataset, table.spec().partitionToPath(partition), runId, added.size());
        uploaded.add(key);
        added.add(DataFiles.builder(table.spec())
                .withPath(LakeLayout.s3Uri(storage.bucket(), key))
                .withFormat(FileFormat.PARQUET)
                .withFileSizeInBytes(Files.size(file.path()))
                .withPartition(partition)
                .withMetrics(ParquetUtil.fileMetrics(org.apache.iceberg.Files.localInput(file.path().toFile()),
                        MetricsConfig.forTable(table)))
                .withSortOrder(table.sortOrder())
                .build());
        return key;
    }

    /** Swaps the replaced files for the added ones and records the inputs, in one snapshot; returns its id. */
    long commit(Map<LocalDate, String> inputFingerprints) {
        Transaction transaction = table.newTransaction();
        OverwriteFiles overwrite = transaction.newOverwrite();
        replaced.forEach(overwrite::deleteFile);
        added.forEach(overwrite::addFile);
        if (base != null) {
            overwrite.validateFromSnapshot(base.snapshotId());
        }
        overwrite.conflictDetectionFilter(Expressions.alwaysTrue())
                .validateNoConflictingData()
                .validateNoConflictingDeletes()
                .set("lakegate.run-id", runId)
                .commit();
        UpdateProperties properties = transaction.updateProperties();
        inputFingerprints.forEach((date, fingerprint) -> properties.set(GoldTables.inputsProperty(date), fingerprint));
        properties.commit();
        transaction.commitTransaction();
        return table.currentSnapshot().snapshotId();
    }

    /** Removes what this run uploaded; the table never named it. */
    void abandon() {
        for (String key : uploaded) {
            try {
                storage.delete(key);
            } catch (RuntimeException e) {
                log.warn("Could not remove {} of a failed compaction; housekeeping removes it later: {}", key, e.toString());
            }
        }
    }
}
