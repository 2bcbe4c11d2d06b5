package io.lakegate.gold;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one compaction did. Changes are counted per key against the gold files it replaces, on the partition
 * day the key's new row lands on: {@code inserted + updated + unchanged + moved == rowsOut}. Gold is an upsert
 * of the processed rows: a key once in gold stays (on the day of its latest row) until a later row replaces it.
 *
 * @param rowsPerPart       rows read from each processed part, in the order they were given
 * @param rowsIn            rows read from the processed parts
 * @param goldRowsIn        rows read from the gold files being replaced
 * @param rowsOut           rows written to gold, one per key
 * @param duplicatesRemoved rows dropped because a later row of the same key won: {@code rowsIn + goldRowsIn - rowsOut}
 * @param changes           per partition day, how its keys changed
 * @param filesIn           processed parts read
 * @param filesOut          gold files written
 * @param bytesIn           size of the processed parts
 * @param bytesOut          size of the gold files
 * @param outputFiles       the gold files, grouped by day, in row order
 * @param spilledRuns       sorted runs written to the spill directory; 0 when every sort fit in memory
 * @param timingsMs         wall time of each step, in the order they ran: the key pass, the winners of keys
 *                          across groups, the groups
 */
public record CompactionResult(List<Long> rowsPerPart, long rowsIn, long goldRowsIn, long rowsOut, long duplicatesRemoved,
        Map<LocalDate, Changes> changes, int filesIn, int filesOut, long bytesIn, long bytesOut,
        List<GoldFile> outputFiles, int spilledRuns, Map<String, Long> timingsMs) {

    public CompactionResult {
        rowsPerPart = List.copyOf(rowsPerPart);
        changes = new TreeMap<>(changes);
        outputFiles = List.copyOf(outputFiles);
        timingsMs = Collections.unmodifiableMap(new LinkedHashMap<>(timingsMs));
    }

    /**
     * @param inserted  keys not in the replaced gold
     * @param updated   keys in the replaced gold on the same day with a different {@code row_hash}
     * @param unchanged keys in the replaced gold with the same {@code row_hash}
     * @param moved     keys whose new row lands on another day than their replaced row (a corrected event time)
     * @param deleted   keys that left this day: moved to another day, or in the replaced gold and no input any more
     */
    public record Changes(long inserted, long updated, long unchanged, long moved, long deleted) {

        static final Changes NONE = new Changes(0, 0, 0, 0, 0);

        Changes plus(Changes other) {
            return new Changes(inserted + other.inserted, updated + other.updated, unchanged + other.unchanged,
                    moved + other.moved, deleted + other.deleted);
        }
    }

    public Changes totalChanges() {
        return changes.values().stream().reduce(Changes.NONE, Changes::plus);
    }

    /** Rows written on one day. */
    public long rowsOut(LocalDate day) {
        return outputFiles.stream().filter(f -> f.day().equals(day)).mapToLong(GoldFile::rows).sum();
    }
}
