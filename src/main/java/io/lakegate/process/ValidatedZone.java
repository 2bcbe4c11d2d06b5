package io.lakegate.process;

import io.lakegate.lake.LakeLayout;
import io.lakegate.lake.LakeObject;
import io.lakegate.lake.LakeStorage;
import java.util.List;

/** Files accepted by the validator and waiting to be processed. */
public class ValidatedZone {

    private final LakeStorage storage;

    public ValidatedZone(LakeStorage storage) {
        this.storage = storage;
    }

    public List<LakeObject> listWaiting() {
        return storage.list(LakeLayout.VALIDATED).stream()
                .filter(o -> !o.key().endsWith("/"))
                .toList();
    }
}
