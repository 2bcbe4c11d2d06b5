package io.lakegate.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.TestClock;
import io.lakegate.observe.LakeMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProcessingProgressTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final TestClock clock = new TestClock(Instant.parse("2026-12-04T12:00:00Z"));
    private final LakeMetrics metrics = new LakeMetrics(registry, clock);

    @Test
    void aLongFileLogsItsProgressAtTheIntervalAndShowsItInFlightUntilItIsDecided() {
        ProcessingProgress progress = new ProcessingProgress(metrics, "fact_sales", "validated/sales.csv", 100_000_000,
                Duration.ofSeconds(10), clock);

        clock.advance(Duration.ofSeconds(4));
        assertThat(progress.read(10_000, 1_000_000)).as("a fast file logs nothing").isNull();
        assertThat(gauge("lakegate.processing.rows.in.flight")).isEqualTo(10_000);

        clock.advance(Duration.ofSeconds(6));
        assertThat(progress.read(250_000, 25_000_000))
                .isEqualTo("validated/sales.csv: 250,000 rows and 25.0 of 100.0 MB read (25%) in 10 s, 25,000 rows/s, 2.5 MB/s");
        clock.advance(Duration.ofSeconds(3));
        assertThat(progress.read(300_000, 30_000_000)).as("not again before the interval").isNull();
        assertThat(gauge("lakegate.processing.rows.in.flight")).isEqualTo(300_000);
        assertThat(gauge("lakegate.processing.bytes.in.flight")).isEqualTo(30_000_000);

        progress.finish();
        progress.finish();
        assertThat(gauge("lakegate.processing.rows.in.flight")).isZero();
        assertThat(gauge("lakegate.processing.bytes.in.flight")).isZero();
    }

    @Test
    void twoFilesOfADatasetAddUp() {
        ProcessingProgress first = new ProcessingProgress(metrics, "fact_sales", "validated/a.csv", 10, Duration.ofSeconds(10), clock);
        ProcessingProgress second = new ProcessingProgress(metrics, "fact_sales", "validated/b.csv", 10, Duration.ofSeconds(10), clock);

        first.read(100, 5);
        second.read(40, 2);
        first.finish();

        assertThat(gauge("lakegate.processing.rows.in.flight")).isEqualTo(40);
    }

    private double gauge(String name) {
        return registry.get(name).tag("dataset", "fact_sales").gauge().value();
    }
}
