package io.lakegate.process;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/** The processing split's aggregation: sums each batch's {@link BatchCounts} into the file's. */
public class BatchTally implements AggregationStrategy {

    @Override
    public Exchange aggregate(Exchange total, Exchange batch) {
        BatchCounts counts = batch.getMessage().getBody(BatchCounts.class);
        if (total == null) {
            batch.getMessage().setBody(new BatchCounts().add(counts));
            return batch;
        }
        total.getMessage().getBody(BatchCounts.class).add(counts);
        return total;
    }
}
