package io.lakegate.gold;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * At most one compaction run at a time in this JVM, whoever starts it (the schedule, POST /api/compaction).
 * Leases keep replicas apart date by date, but two runs in one replica would plan the same dates, race for
 * the same leases and double the scratch disk and heap the pod is sized for. A second run is refused, not
 * queued: the run under way already compacts every changed date, and a queued request would only hold an
 * HTTP connection open for as long as the first run takes.
 */
public class CompactionGate {

    private final AtomicBoolean running = new AtomicBoolean();

    /** Called by the compact-gold route before it plans; {@link #leave} is its doFinally. */
    public void enter() {
        if (!running.compareAndSet(false, true)) {
            throw new CompactionInProgress();
        }
    }

    /** For a caller that starts a run elsewhere (an HTTP job): refused now rather than failing later. */
    public void refuseIfRunning() {
        if (running.get()) {
            throw new CompactionInProgress();
        }
    }

    public void leave() {
        running.set(false);
    }

    /** A compaction run was asked for while this replica was already running one. */
    public static final class CompactionInProgress extends IllegalStateException {
        CompactionInProgress() {
            super("A compaction is already running on this replica; ask again when it has finished");
        }
    }
}
