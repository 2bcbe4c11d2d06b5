package io.lakegate.gold;

import io.lakegate.contract.DataContract;
import java.util.List;

/** One gold table as a compaction run found it: every date it looked at; a run compacts its due dates in one commit. */
public record DatasetPlan(DataContract contract, List<PartitionPlan> dates) {

    public DatasetPlan {
        dates = List.copyOf(dates);
    }

    public String dataset() {
        return contract.id();
    }

    public boolean due() {
        return dates.stream().anyMatch(PartitionPlan::due);
    }

    public List<PartitionPlan> dueDates() {
        return dates.stream().filter(PartitionPlan::due).toList();
    }
}
