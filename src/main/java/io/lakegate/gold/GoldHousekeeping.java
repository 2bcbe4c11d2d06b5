package io.lakegate.gold;

import io.lakegate.lake.LakeLayout;
import io.lakegate.lake.LakeObject;
import io.lakegate.lake.LakeStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.ManifestFiles;
import org.apache.iceberg.ManifestReader;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a gold table from growing without bound, after each run that committed, under the table's lease:
 * snapshots older than the retention are expired (with the files only they used), and data files no snapshot
 * names (a run that died before its commit) are deleted once they are older than the retention too, so a run
 * under way on another replica never loses a file it has yet to commit.
 */
final class GoldHousekeeping {

    private static final Logger log = LoggerFactory.getLogger(GoldHousekeeping.class);

    private final LakeStorage storage;
    private final GoldTables tables;
    private final Duration retention;
    private final Clock clock;

    GoldHousekeeping(LakeStorage storage, GoldTables tables, Duration retention, Clock clock) {
        this.storage = storage;
        this.tables = tables;
        this.retention = retention;
        this.clock = clock;
    }

    /** Never fails the run it follows: what it could not do now, the next run does. */
    void tidy(String dataset, Runnable heartbeat) {
        tables.load(dataset).ifPresent(table -> {
            Instant cutoff = clock.instant().minus(retention);
            try {
                table.expireSnapshots().expireOlderThan(cutoff.toEpochMilli()).retainLast(1).commit();
                heartbeat.run();
                deleteOrphans(dataset, table, cutoff);
            } catch (RuntimeException e) {
                log.warn("Housekeeping of gold table {} did not finish; the next run tries again: {}", dataset, e.toString());
            }
        });
    }

    private void deleteOrphans(String dataset, Table table, Instant cutoff) {
        Set<String> referenced = null;
        for (LakeObject object : storage.list(LakeLayout.goldDataPrefix(dataset))) {
            if (object.lastModified().isAfter(cutoff)) {
                continue;
            }
            if (referenced == null) {
                referenced = referencedFiles(table);
            }
            if (!referenced.contains(LakeLayout.s3Uri(storage.bucket(), object.key()))) {
                log.info("Gold table {}: deleting {}, a file of a run that never committed", dataset, object.key());
                storage.delete(object.key());
            }
        }
    }

    /** Every data file any snapshot still kept names. */
    private static Set<String> referencedFiles(Table table) {
        Set<String> files = new HashSet<>();
        Set<String> manifestsRead = new HashSet<>();
        for (Snapshot snapshot : table.snapshots()) {
            for (ManifestFile manifest : snapshot.dataManifests(table.io())) {
                if (!manifestsRead.add(manifest.path())) {
                    continue;
                }
                try (ManifestReader<DataFile> reader = ManifestFiles.read(manifest, table.io(), table.specs())) {
                    reader.forEach(file -> files.add(file.location()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return files;
    }
}
