package io.lakegate.validate;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How raw/ is watched.
 *
 * @param pollInterval how often raw/ is listed
 * @param concurrency  files decided at the same time
 * @param settleTime   objects younger than this wait for the next poll, so a file still being copied into
 *                     the embedded lake's folder is not judged half-written (S3 PUTs are atomic anyway)
 */
@ConfigurationProperties("lakegate.intake")
public record IntakeProperties(
        @DefaultValue("2s") Duration pollInterval,
        @DefaultValue("4") int concurrency,
        @DefaultValue("2s") Duration settleTime) {
}
