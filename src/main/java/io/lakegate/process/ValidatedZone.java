package io.lakegate.process;

import io.lakegate.lake.LakeLayout;
import io.lakegate.lake.LakeLease;
import io.lakegate.lake.LakeObject;
import io.lakegate.lake.LakeStorage;
import io.lakegate.lake.SystemRejects;
import io.lakegate.observe.LakeMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files accepted by the validator and waiting to be processed, and the claim one replica takes on a file
 * before processing it. Without the claim, two replicas could process the same file at once; the one that
 * lost the race would then clean up outputs the other had published under the same keys.
 */
public class ValidatedZone {

    private static final Logger log = LoggerFactory.getLogger(ValidatedZone.class);

    private final LakeStorage storage;
    private final Duration leaseTtl;
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final String replica;
    private final LakeMetrics metrics;
    private final Clock clock;
    private final SystemRejects rejects;

    public ValidatedZone(LakeStorage storage, Duration leaseTtl, String replica, LakeMetrics metrics, Clock clock) {
        this.storage = storage;
        this.rejects = new SystemRejects(storage, clock);
        this.leaseTtl = leaseTtl;
        this.replica = replica;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * The files waiting in validated/ that this replica has not queued yet, less those quarantined because S3
     * would not let them be read or moved; from now on they count as queued
     * until {@link #dequeued}. The listing goes on while files are processed, so a quick file is taken by an
     * idle worker instead of waiting behind a slow one, and a file already queued is not queued twice.
     */
    public List<LakeObject> listNotQueued() {
        List<LakeObject> waiting = storage.list(LakeLayout.VALIDATED).stream()
                .filter(o -> !o.key().endsWith("/"))
                .toList();
        metrics.filesWaiting(LakeLayout.VALIDATED, waiting.size());
        return rejects.withoutQuarantined(LakeLayout.VALIDATED, waiting).stream().filter(o -> queued.add(o.key())).toList();
    }

    /** The file left the queue, decided or not; a later listing may queue it again if it is still there. */
    public void dequeued(LakeObject file) {
        queued.remove(file.key());
    }

    /** The lease on a file, or null when another replica is processing it or has already finished it. */
    public LakeLease claim(LakeObject source) {
        LakeLease.Acquisition acquisition = LakeLease.acquire(storage, LakeLayout.processingLeaseKey(source.key()),
                replica, leaseTtl, clock);
        if (acquisition.lease().isEmpty()) {
            log.debug("{} skipped: {}", io.lakegate.lake.LogSafe.key(source.key()), acquisition.refusal());
            return null;
        }
        LakeLease lease = acquisition.lease().get();
        if (storage.head(source.key()).isEmpty()) {
            lease.close();
            return null;
        }
        return lease;
    }

    /** Keeps the claim alive while the file's batches flow; throws when another replica took it over. */
    public void renew(LakeLease lease) {
        lease.renewIfDue();
    }

    /** Gives the claim back; null when the file was never claimed. */
    public void release(LakeLease lease) {
        if (lease != null) {
            lease.close();
        }
    }
}
