package io.lakegate.process;

import io.lakegate.lake.LakeLayout;
import io.lakegate.lake.LakeObject;
import io.lakegate.lake.LakeStorage;
import io.lakegate.observe.LakeMetrics;
import java.util.List;

/** Files accepted by the validator and waiting to be processed. */
public class ValidatedZone {

    private final LakeStorage storage;
    private final LakeMetrics metrics;

    public ValidatedZone(LakeStorage storage, LakeMetrics metrics) {
        this.storage = storage;
        this.metrics = metrics;
    }

    public List<LakeObject> listWaiting() {
        List<LakeObject> waiting = storage.list(LakeLayout.VALIDATED).stream()
                .filter(o -> !o.key().endsWith("/"))
                .toList();
        metrics.filesWaiting(LakeLayout.VALIDATED, waiting.size());
        return waiting;
    }
}
