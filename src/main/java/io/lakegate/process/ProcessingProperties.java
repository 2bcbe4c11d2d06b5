package io.lakegate.process;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How validated files become Parquet.
 *
 * @param pollInterval      how often validated/ is listed
 * @param concurrency       files processed at the same time (each on one thread)
 * @param batchRows         rows per exchange through the split; the first batch is also the sample that
 *                          decides each column's date order and decimal separator
 * @param partTargetSize    a Parquet part is closed and uploaded once its data reaches this size
 * @param partTargetRows    ... or once it holds this many rows (0: no row limit)
 * @param rowGroupSize      Parquet row group size, at most; each open part buffers up to this much
 * @param maxOpenPartitions dates of a file that get a part of their own open while the file is read; rows of
 *                          further dates wait in a local spill file and are written date by date at the end
 * @param writeBufferSize   memory the open parts share for their row groups: with many dates open, each part's
 *                          row groups are cut at its share of this when that is below rowGroupSize
 * @param spillBufferSize   memory for rows of dates beyond maxOpenPartitions before they go to the spill file
 * @param uploadConcurrency parts of one file uploaded at the same time (a file of many dates has many parts)
 * @param codec             zstd or snappy
 * @param zstdLevel         1 (fastest) to 22; processed parts are an intermediate zone, and on sales data level 1
 *                          came within 0.2% of level 3's size at about a fifth less writer CPU
 * @param workDirectory     local folder for parts before upload (default: the system temp folder)
 * @param allowReingest     true: a byte-identical re-upload is processed again instead of rejected
 * @param maxAttempts       a file whose processing died this many times (its claim taken over after it ran out)
 *                          is refused as processing_failed instead of being tried again
 * @param progressInterval  a file taking longer logs its progress (rows, bytes, share, rate) this often
 * @param leaseTtl          how long a replica's claim on a file lasts without renewal; it is renewed while the
 *                          file's batches flow, and a crashed replica's file is taken over after it
 * @param workFolderBudget  the most local disk one file's run may take in the work folder (its parts before upload,
 *                          rejected rows and date spill); past it the file is refused as work_folder_budget_exceeded
 * @param earlyRejectMinRows 0: a file is refused as too_many_rejects before its end only once no rest could bring it
 *                          within the contract's maxRejectedPercent; n: also once n rows or more are read and their
 *                          share of rejects is above it (a decision on a sample: the rest might have brought it under)
 */
@ConfigurationProperties("lakegate.processing")
public record ProcessingProperties(
        @DefaultValue("2s") Duration pollInterval,
        @DefaultValue("2") int concurrency,
        @DefaultValue("10000") int batchRows,
        @DefaultValue("128MB") DataSize partTargetSize,
        @DefaultValue("0") long partTargetRows,
        @DefaultValue("16MB") DataSize rowGroupSize,
        @DefaultValue("64") int maxOpenPartitions,
        @DefaultValue("128MB") DataSize writeBufferSize,
        @DefaultValue("32MB") DataSize spillBufferSize,
        @DefaultValue("4") int uploadConcurrency,
        @DefaultValue("zstd") String codec,
        @DefaultValue("1") int zstdLevel,
        String workDirectory,
        @DefaultValue("false") boolean allowReingest,
        @DefaultValue("2m") Duration leaseTtl,
        @DefaultValue("10s") Duration progressInterval,
        @DefaultValue("3") int maxAttempts,
        @DefaultValue("2GB") DataSize workFolderBudget,
        @DefaultValue("0") long earlyRejectMinRows) {

    public ProcessingProperties {
        if (workFolderBudget.toBytes() <= 0) {
            throw new IllegalArgumentException("lakegate.processing.work-folder-budget must be more than 0, not " + workFolderBudget);
        }
        if (earlyRejectMinRows < 0) {
            throw new IllegalArgumentException("lakegate.processing.early-reject-min-rows must be 0 (off) or more, not "
                    + earlyRejectMinRows);
        }
    }
}
