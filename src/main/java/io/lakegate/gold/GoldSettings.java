package io.lakegate.gold;

import io.lakegate.parquet.ParquetSettings;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * How one date partition is compacted into gold.
 *
 * @param keyColumn       the business key: gold holds one row per key value
 * @param eventTimeColumn the TIMESTAMP column whose UTC day partitions gold
 * @param sortColumns     the order of rows within a partition day, ascending with nulls last, then by the key
 * @param targetFileBytes a gold file is closed once its estimated size reaches this, so a partition is a
 *                        handful of files of about this size
 * @param sortMemoryBytes heap a sort may fill with rows before it spills them to disk. Two sorts hold their
 *                        budget at most at once, next to one Parquet row group being written, so with
 *                        {@code -Xmx512m} and 128 MiB row groups keep this at 64 MiB (the default) or below
 * @param parquet         codec and layout of the gold files
 * @param spillDirectory  local folder for sorted runs; each compaction uses its own sub-folder and deletes it
 */
public record GoldSettings(String keyColumn, String eventTimeColumn, List<String> sortColumns, long targetFileBytes,
        long sortMemoryBytes, ParquetSettings parquet, Path spillDirectory) {

    public static final long DEFAULT_TARGET_FILE_BYTES = 128L * 1024 * 1024;
    public static final long DEFAULT_SORT_MEMORY_BYTES = 64L * 1024 * 1024;

    public GoldSettings {
        Objects.requireNonNull(keyColumn, "keyColumn");
        Objects.requireNonNull(eventTimeColumn, "eventTimeColumn");
        Objects.requireNonNull(parquet, "parquet");
        Objects.requireNonNull(spillDirectory, "spillDirectory");
        sortColumns = List.copyOf(sortColumns);
        if (keyColumn.isBlank()) {
            throw new IllegalArgumentException("Gold needs a key column");
        }
        if (sortColumns.isEmpty() || new HashSet<>(sortColumns).size() != sortColumns.size()) {
            throw new IllegalArgumentException("Sort columns must be one or more distinct columns, not " + sortColumns);
        }
        if (targetFileBytes <= 0 || sortMemoryBytes <= 0) {
            throw new IllegalArgumentException("Target file size and sort memory must be positive");
        }
    }

    /** Sorted by the key, 128 MiB files, 64 MiB per sort, the default Parquet layout, spilling to the temp folder. */
    public static GoldSettings forKey(String keyColumn, String eventTimeColumn) {
        return new GoldSettings(keyColumn, eventTimeColumn, List.of(keyColumn), DEFAULT_TARGET_FILE_BYTES,
                DEFAULT_SORT_MEMORY_BYTES, ParquetSettings.defaults(), Path.of(System.getProperty("java.io.tmpdir")));
    }

    public GoldSettings withSortColumns(List<String> columns) {
        return new GoldSettings(keyColumn, eventTimeColumn, columns, targetFileBytes, sortMemoryBytes, parquet, spillDirectory);
    }

    public GoldSettings withTargetFileBytes(long bytes) {
        return new GoldSettings(keyColumn, eventTimeColumn, sortColumns, bytes, sortMemoryBytes, parquet, spillDirectory);
    }

    public GoldSettings withSortMemoryBytes(long bytes) {
        return new GoldSettings(keyColumn, eventTimeColumn, sortColumns, targetFileBytes, bytes, parquet, spillDirectory);
    }

    public GoldSettings withSpillDirectory(Path directory) {
        return new GoldSettings(keyColumn, eventTimeColumn, sortColumns, targetFileBytes, sortMemoryBytes, parquet, directory);
    }
}
