package io.lakegate.validate;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How files arriving in raw/ are found.
 *
 * @param mode         {@code poll}: list raw/ every {@code pollInterval}; {@code sqs}: decide the files that S3
 *                     event notifications on an SQS queue name
 * @param pollInterval how often raw/ is listed
 * @param concurrency  files decided at the same time (in sqs mode: queue consumers)
 * @param settleTime   objects younger than this wait for the next poll, so a file still being copied into
 *                     the embedded lake's folder is not judged half-written (S3 PUTs are atomic anyway)
 */
@ConfigurationProperties("lakegate.intake")
public record IntakeProperties(
        @DefaultValue("poll") Mode mode,
        @DefaultValue("2s") Duration pollInterval,
        @DefaultValue("4") int concurrency,
        @DefaultValue("2s") Duration settleTime,
        @DefaultValue Sqs sqs) {

    public enum Mode { POLL, SQS }

    public IntakeProperties {
        if (mode == Mode.SQS && sqs.queueUrl() == null) {
            throw new IllegalArgumentException("lakegate.intake.sqs.queue-url must name the queue of S3 event "
                    + "notifications when lakegate.intake.mode is sqs");
        }
    }

    /**
     * The queue S3 event notifications arrive on, in sqs mode.
     *
     * @param queueUrl                 e.g. {@code https://sqs.eu-west-1.amazonaws.com/123456789012/lakegate-intake}
     * @param region                   defaults to the storage region
     * @param endpoint                 endpoint override for SQS-compatible servers (ElasticMQ, LocalStack)
     * @param accessKey                static credentials; omit to use the AWS default chain
     * @param visibilityTimeoutSeconds how long a received message stays hidden from other replicas; extended
     *                                 while its files are being decided, so it only matters when a replica dies
     * @param waitTimeSeconds          long polling: how long one receive waits for a message (at most 20); fewer
     *                                 empty receives, but shutting down waits for the receive under way
     */
    public record Sqs(URI queueUrl, String region, URI endpoint, String accessKey, String secretKey,
            @DefaultValue("60") int visibilityTimeoutSeconds,
            @DefaultValue("20") int waitTimeSeconds) {

        public Sqs {
            if (waitTimeSeconds < 0 || waitTimeSeconds > 20) {
                throw new IllegalArgumentException("lakegate.intake.sqs.wait-time-seconds must be 0 to 20 (SQS's limit), not " + waitTimeSeconds);
            }
        }
    }
}
