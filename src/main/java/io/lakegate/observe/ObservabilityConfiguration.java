package io.lakegate.observe;

import io.lakegate.lake.LakeStorage;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Metrics and the storage readiness check ({@code storage} in the {@code readiness} health group). */
@Configuration(proxyBeanMethods = false)
public class ObservabilityConfiguration {

    // Kubernetes' default probe timeout is 1 s; the check must answer (UP or DOWN) within it.
    private static final Duration STORAGE_CHECK_TIMEOUT = Duration.ofMillis(800);
    // Probes come every few seconds from several places; S3 is asked at most once per this interval.
    private static final Duration STORAGE_ANSWER_KEPT_FOR = Duration.ofSeconds(5);
    private static final Duration STORAGE_WARM_UP_TIMEOUT = Duration.ofSeconds(10);

    @Bean
    LakeMetrics lakeMetrics(MeterRegistry registry, Clock clock) {
        return new LakeMetrics(registry, clock);
    }

    @Bean
    StorageHealthIndicator storageHealthIndicator(LakeStorage storage, Clock clock) {
        return new StorageHealthIndicator(storage, STORAGE_CHECK_TIMEOUT, STORAGE_ANSWER_KEPT_FOR, clock);
    }

    /** Runs before the service reports ready, so the first readiness probe finds a warm S3 client. */
    @Bean
    ApplicationRunner storageWarmUp(StorageHealthIndicator storage) {
        return arguments -> storage.warmUp(STORAGE_WARM_UP_TIMEOUT);
    }
}
