package io.lakegate.gold;

import io.lakegate.contract.DataContract;
import io.lakegate.lake.LakeObject;
import java.time.LocalDate;
import java.util.List;

/**
 * One date of one gold table as a compaction run found it: the processed parts it would read, their
 * fingerprint, the fingerprint the table was last compacted from, and, when there is nothing to do, why.
 *
 * @param fingerprint a hash of the inputs and the gold settings: the same inputs always give the same
 *                    fingerprint, so a date whose recorded fingerprint equals it is up to date
 * @param compacted   the fingerprint the table records for this date; null if it was never compacted
 */
public record PartitionPlan(DataContract contract, LocalDate date, List<LakeObject> inputs, String fingerprint,
        String compacted, String skipReason) {

    public String dataset() {
        return contract.id();
    }

    public boolean due() {
        return skipReason == null;
    }

    public long inputBytes() {
        return inputs.stream().mapToLong(LakeObject::size).sum();
    }
}
