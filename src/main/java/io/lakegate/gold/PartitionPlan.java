package io.lakegate.gold;

import io.lakegate.contract.DataContract;
import io.lakegate.lake.LakeObject;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * One date of one gold table as a compaction run found it: the processed parts it would read, the
 * generation they would make, the generation readers see now, and, when there is nothing to do, why.
 *
 * @param generation a fingerprint of the inputs and the gold settings, so the same inputs always make the
 *                   same generation and a date whose manifest already names it is up to date
 */
public record PartitionPlan(DataContract contract, LocalDate date, List<LakeObject> inputs, String generation,
        Optional<GoldManifest> current, String skipReason) {

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
