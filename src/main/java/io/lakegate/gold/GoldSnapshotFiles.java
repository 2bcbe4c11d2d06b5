package io.lakegate.gold;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.util.SnapshotUtil;

/** The data files of one snapshot of a gold table: what a reader of that snapshot reads, no more, no less. */
public final class GoldSnapshotFiles {

    private GoldSnapshotFiles() {}

    /**
     * @param asOf null for the current snapshot, a snapshot id, or an instant ({@code 2024-05-01T10:00:00Z}): the
     *             snapshot that was current then
     * @return the files' locations ({@code s3://bucket/key}); empty when the table has no snapshot (yet, or then)
     */
    public static List<String> of(Table table, String asOf) {
        Long snapshotId = snapshotId(table, asOf);
        if (snapshotId == null) {
            return List.of();
        }
        List<String> files = new ArrayList<>();
        try (CloseableIterable<FileScanTask> tasks = table.newScan().useSnapshot(snapshotId).planFiles()) {
            tasks.forEach(task -> files.add(task.file().location()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static Long snapshotId(Table table, String asOf) {
        if (asOf == null) {
            Snapshot current = table.currentSnapshot();
            return current == null ? null : current.snapshotId();
        }
        if (asOf.chars().allMatch(Character::isDigit)) {
            long id = Long.parseLong(asOf);
            if (table.snapshot(id) == null) {
                throw new IllegalArgumentException("Gold table " + table.name() + " has no snapshot " + asOf
                        + " (expired, or never made); its snapshots: " + snapshotIds(table));
            }
            return id;
        }
        Instant at;
        try {
            at = Instant.parse(asOf);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--as-of '" + asOf + "' is neither a snapshot id nor a time like 2024-05-01T10:00:00Z");
        }
        Snapshot oldest = SnapshotUtil.oldestAncestor(table);
        if (oldest == null || at.toEpochMilli() < oldest.timestampMillis()) {
            return null;
        }
        return SnapshotUtil.snapshotIdAsOfTime(table, at.toEpochMilli());
    }

    private static List<Long> snapshotIds(Table table) {
        List<Long> ids = new ArrayList<>();
        table.snapshots().forEach(s -> ids.add(s.snapshotId()));
        return ids;
    }
}
