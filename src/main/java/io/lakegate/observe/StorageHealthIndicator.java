package io.lakegate.observe;

import io.lakegate.lake.LakeStorage;
import io.lakegate.lake.StorageException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/**
 * Readiness: the service can do nothing useful while its bucket does not answer. The answer is kept for a
 * few seconds, so frequent probes (and a scrape of /actuator/health beside them) cost S3 one request per
 * interval, and a probe never waits longer than the check's timeout. Changes are logged, because a probe's
 * answer shows only UP or DOWN.
 */
public class StorageHealthIndicator implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(StorageHealthIndicator.class);

    private final LakeStorage storage;
    private final Duration timeout;
    private final Duration keepAnswerFor;
    private final Clock clock;
    private volatile Answer last;

    private record Answer(Health health, Instant at) {
    }

    public StorageHealthIndicator(LakeStorage storage, Duration timeout, Duration keepAnswerFor, Clock clock) {
        this.storage = storage;
        this.timeout = timeout;
        this.keepAnswerFor = keepAnswerFor;
        this.clock = clock;
    }

    @Override
    public Health health() {
        Instant now = clock.instant();
        Answer answer = last;
        if (answer == null || !now.isBefore(answer.at().plus(keepAnswerFor))) {
            // Two probes racing past the expiry may both ask; that costs one extra HEAD, not a lock on every probe.
            Answer previous = answer;
            answer = new Answer(check(timeout), now);
            last = answer;
            logChange(previous, answer.health());
        }
        return answer.health();
    }

    /**
     * Asks once at start-up with a generous timeout, before the service reports ready: the first S3 request
     * of a process is slow (connection, class loading), and would otherwise fail the first probe's budget.
     */
    public void warmUp(Duration startUpTimeout) {
        Health health = check(startUpTimeout);
        last = new Answer(health, clock.instant());
        logChange(null, health);
    }

    private void logChange(Answer previous, Health now) {
        // Before the first check the bucket is taken to answer, so only a first DOWN is worth a line.
        Status before = previous == null ? Status.UP : previous.health().getStatus();
        if (before.equals(now.getStatus())) {
            return;
        }
        if (Status.UP.equals(now.getStatus())) {
            log.info("Bucket {} answers again; ready", storage.bucket());
        } else {
            log.warn("Bucket {} does not answer; not ready: {}", storage.bucket(), now.getDetails().get("error"));
        }
    }

    private Health check(Duration within) {
        try {
            storage.checkBucket(within);
            return Health.up().withDetail("bucket", storage.bucket()).build();
        } catch (StorageException e) {
            return Health.down().withDetail("bucket", storage.bucket()).withDetail("error", e.getMessage()).build();
        }
    }
}
