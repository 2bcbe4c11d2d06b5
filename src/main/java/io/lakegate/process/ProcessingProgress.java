package io.lakegate.process;

import io.lakegate.observe.LakeMetrics;
import io.lakegate.lake.LogSafe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a file being processed has done so far, for the people watching a long one: a log line at a steady
 * interval (rows, bytes, share of the file, rate) and the in-flight gauges on Prometheus, which drop back once
 * the file is committed or refused. Told once per batch, never per row.
 */
final class ProcessingProgress {

    private static final Logger log = LoggerFactory.getLogger(ProcessingProgress.class);

    private final LakeMetrics metrics;
    private final String dataset;
    private final String file;
    private final long fileBytes;
    private final Duration interval;
    private final Clock clock;
    private final Instant startedAt;
    private Instant nextLine;
    private long rows;
    private long bytes;

    ProcessingProgress(LakeMetrics metrics, String dataset, String file, long fileBytes, Duration interval, Clock clock) {
        this.metrics = metrics;
        this.dataset = dataset;
        this.file = file;
        this.fileBytes = fileBytes;
        this.interval = interval;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.nextLine = startedAt.plus(interval);
    }

    /**
     * The file's rows and source bytes read so far (bytes as stored, so compressed ones for a .gz file, which is
     * what compares with the object's size). Returns the progress line when one was due and logged, else null.
     */
    String read(long rowsSoFar, long bytesSoFar) {
        metrics.processingInFlight(dataset, rowsSoFar - rows, bytesSoFar - bytes);
        rows = rowsSoFar;
        bytes = bytesSoFar;
        Instant now = clock.instant();
        if (now.isBefore(nextLine)) {
            return null;
        }
        nextLine = now.plus(interval);
        double seconds = Math.max(0.001, Duration.between(startedAt, now).toMillis() / 1000.0);
        String line = String.format(Locale.ROOT, "%s: %,d rows and %.1f of %.1f MB read (%.0f%%) in %.0f s, %,.0f rows/s, %.1f MB/s",
                LogSafe.key(file), rows, bytes / 1e6, fileBytes / 1e6, fileBytes > 0 ? 100.0 * bytes / fileBytes : 0.0, seconds,
                rows / seconds, bytes / 1e6 / seconds);
        log.info(line);
        return line;
    }

    /** The file is decided or abandoned: its rows and bytes leave the in-flight gauges. */
    void finish() {
        metrics.processingInFlight(dataset, -rows, -bytes);
        rows = 0;
        bytes = 0;
    }
}
