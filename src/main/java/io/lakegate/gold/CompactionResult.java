package io.lakegate.gold;

import java.nio.file.Path;
import java.util.List;

/**
 * What one compaction of a date partition did. Changes are counted per key against the previous gold:
 * {@code inserted + updated + unchanged == rowsOut}.
 *
 * @param rowsIn            rows read from the processed parts
 * @param rowsOut           rows written to gold, one per key
 * @param duplicatesRemoved rows dropped because a later row of the same key won: {@code rowsIn - rowsOut}
 * @param inserted          keys not in the previous gold
 * @param updated           keys in the previous gold with a different {@code row_hash}
 * @param unchanged         keys in the previous gold with the same {@code row_hash}
 * @param deleted           keys in the previous gold that no processed part holds any more
 * @param filesIn           processed parts read
 * @param filesOut          gold files written
 * @param bytesIn           size of the processed parts
 * @param bytesOut          size of the gold files
 * @param outputFiles       the gold files, in row order ({@code part-00000.parquet}, ...)
 * @param spilledRuns       sorted runs written to the spill directory; 0 when every sort fit in memory
 */
public record CompactionResult(long rowsIn, long rowsOut, long duplicatesRemoved, long inserted, long updated,
        long unchanged, long deleted, int filesIn, int filesOut, long bytesIn, long bytesOut, List<Path> outputFiles,
        int spilledRuns) {

    public CompactionResult {
        outputFiles = List.copyOf(outputFiles);
    }
}
