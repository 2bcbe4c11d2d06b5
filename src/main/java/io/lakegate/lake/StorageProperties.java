package io.lakegate.lake;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the lake lives. {@code embedded} serves an S3-compatible endpoint over a local folder in this
 * process; {@code s3} talks to AWS S3 (or any S3-compatible server through {@code endpoint}). Both are
 * reached through the same S3 client code; only these values differ.
 */
@ConfigurationProperties("lakegate.storage")
public record StorageProperties(
        @DefaultValue("embedded") Mode mode,
        @DefaultValue("lake") String bucket,
        @DefaultValue("us-east-1") String region,
        URI endpoint,
        Boolean pathStyle,
        String accessKey,
        String secretKey,
        @DefaultValue Embedded embedded,
        @DefaultValue Retry retry) {

    public enum Mode { EMBEDDED, S3 }

    public record Embedded(
            @DefaultValue("./lake-data") String directory,
            @DefaultValue("127.0.0.1") String host,
            @DefaultValue("9000") int port,
            @DefaultValue("lakegate") String accessKey,
            @DefaultValue("lakegate-local-secret") String secretKey) {

        // A string in configuration: Spring's conversion to Path would prefer a same-named classpath folder.
        public Path directoryPath() {
            return Path.of(directory);
        }
    }

    /**
     * Tries beyond the S3 client's own: of a read that broke mid-object (resumed where it broke) and of an upload
     * that failed transiently. See {@link StorageRetry}.
     */
    public record Retry(
            @DefaultValue("5") int maxAttempts,
            @DefaultValue("200ms") Duration initialBackoff,
            @DefaultValue("5s") Duration maxBackoff) {
    }

    public boolean embeddedMode() {
        return mode == Mode.EMBEDDED;
    }
}
