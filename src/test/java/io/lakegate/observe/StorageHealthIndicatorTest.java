package io.lakegate.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.TestClock;
import io.lakegate.lake.LakeStorage;
import io.lakegate.lake.StorageException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

class StorageHealthIndicatorTest {

    private static final Duration TIMEOUT = Duration.ofMillis(800);
    private static final Duration KEPT_FOR = Duration.ofSeconds(5);

    @Test
    void isDownWhileTheBucketsEndpointDoesNotAnswer() throws IOException {
        try (S3Client unreachable = S3Client.builder().region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .endpointOverride(URI.create("http://127.0.0.1:" + closedPort())).forcePathStyle(true).build()) {
            StorageHealthIndicator indicator = new StorageHealthIndicator(new LakeStorage(unreachable, "lake"), TIMEOUT,
                    KEPT_FOR, Clock.systemUTC());

            long start = System.nanoTime();
            var health = indicator.health();

            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("bucket", "lake").containsKey("error");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void asksStorageAtMostOncePerIntervalAndSeesItComeBack() {
        CountingStorage storage = new CountingStorage();
        TestClock clock = new TestClock(Instant.parse("2026-11-05T10:00:00Z"));
        StorageHealthIndicator indicator = new StorageHealthIndicator(storage, TIMEOUT, KEPT_FOR, clock);

        storage.reachable = false;
        assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
        storage.reachable = true;
        clock.advance(Duration.ofSeconds(4));
        assertThat(indicator.health().getStatus()).as("the answer is kept for 5 s").isEqualTo(Status.DOWN);
        assertThat(storage.checks.get()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
        assertThat(storage.checks.get()).isEqualTo(2);
    }

    @Test
    void theStartUpCheckWaitsLongerAndItsAnswerServesTheFirstProbe() {
        CountingStorage storage = new CountingStorage();
        storage.reachable = true;
        StorageHealthIndicator indicator = new StorageHealthIndicator(storage, TIMEOUT, KEPT_FOR, new TestClock(Instant.parse("2026-11-05T10:00:00Z")));

        indicator.warmUp(Duration.ofSeconds(10));

        assertThat(storage.timeouts).containsExactly(Duration.ofSeconds(10));
        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
        assertThat(storage.checks.get()).as("the first probe reuses the start-up answer").isEqualTo(1);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static final class CountingStorage extends LakeStorage {
        private final AtomicInteger checks = new AtomicInteger();
        private final List<Duration> timeouts = new CopyOnWriteArrayList<>();
        private volatile boolean reachable;

        CountingStorage() {
            super(null, "lake");
        }

        @Override
        public void checkBucket(Duration timeout) {
            checks.incrementAndGet();
            timeouts.add(timeout);
            if (!reachable) {
                throw new StorageException("Storage failed to reach bucket lake: connection refused", null);
            }
        }
    }

}
