package io.lakegate.notification;

import static io.lakegate.notification.S3EventSamples.created;
import static io.lakegate.notification.S3EventSamples.removed;
import static io.lakegate.notification.S3EventSamples.sample;
import static io.lakegate.notification.S3EventSamples.throughSns;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lakegate.LakeRouteTest;
import io.lakegate.lake.StorageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.camel.CamelContext;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.FileSystemUtils;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The service in sqs intake mode, against ElasticMQ (an SQS server in this JVM) and the real AWS SDK: only
 * the files notifications name are decided. The one test class with its own Spring context (sqs mode, its
 * own lake folder), closed after the class so it does not run beside the shared one for the rest of the suite.
 */
@TestPropertySource(properties = {
    "lakegate.intake.mode=sqs",
    "lakegate.storage.embedded.directory=" + SqsIntakeRouteTest.LAKE_FOLDER,
    "lakegate.processing.work-directory=target/test-work-sqs",
    "lakegate.intake.sqs.access-key=test",
    "lakegate.intake.sqs.secret-key=test",
    // Short, so a message kept after a failure comes back within the test.
    "lakegate.intake.sqs.visibility-timeout-seconds=2",
    // Short, so the context closes without waiting for a long poll to end.
    "lakegate.intake.sqs.wait-time-seconds=1",
})
@Import(SqsIntakeRouteTest.QueueServerLifecycle.class)
@DirtiesContext
class SqsIntakeRouteTest extends LakeRouteTest {

    static final String LAKE_FOLDER = "target/test-lake-sqs";

    private static final SQSRestServer ELASTIC_MQ;
    private static final SqsClient SQS;
    private static final String QUEUE_URL;

    static {
        // A fresh folder, so the start-up sweep finds nothing left by an earlier run.
        try {
            FileSystemUtils.deleteRecursively(Path.of(LAKE_FOLDER));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ELASTIC_MQ = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        int port = ELASTIC_MQ.waitUntilStarted().localAddress().getPort();
        SQS = SqsClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
        QUEUE_URL = SQS.createQueue(r -> r.queueName("lakegate-intake")).queueUrl();
    }

    @DynamicPropertySource
    static void queue(DynamicPropertyRegistry registry) {
        registry.add("lakegate.intake.sqs.endpoint", () -> SQS.serviceClientConfiguration().endpointOverride().orElseThrow());
        registry.add("lakegate.intake.sqs.queue-url", () -> QUEUE_URL);
    }

    /** Stops ElasticMQ after the Camel context, so the consumer never polls a stopped server. */
    @TestConfiguration
    static class QueueServerLifecycle {
        @Bean(destroyMethod = "stopAndWait")
        SQSRestServer elasticMq() {
            return ELASTIC_MQ;
        }
    }

    @Autowired
    private CamelContext camel;

    // Accepted files would otherwise be processed away from validated/ before the assertions look.
    @BeforeEach
    void holdProcessing() throws Exception {
        SQS.purgeQueue(r -> r.queueUrl(QUEUE_URL));
        camel.getRouteController().stopRoute("process-validated");
    }

    @AfterEach
    void resumeProcessing() throws Exception {
        emptyLake();
        camel.getRouteController().startRoute("process-validated");
    }

    @Test
    void decidesExactlyTheNotifiedFilesAndAcknowledgesEveryMessage() {
        putResource("raw/sales.csv", "sales.csv");
        putResource("raw/sales_empty.csv", "sales_empty.csv");
        putResource("raw/sales_aliases.csv", "sales_aliases.csv");

        notify(created(bucket(), "raw/sales.csv"));
        notify(throughSns(created(bucket(), "raw/sales_empty.csv")));
        notify(removed(bucket(), "raw/sales_aliases.csv"));
        notify(sample("test-event.json"));

        awaitObject("validated/sales.csv");
        awaitObject("rejected/system/raw/sales_empty.csv");
        awaitQueueEmpty();
        assertThat(keys()).containsExactlyInAnyOrder(
                "raw/sales_aliases.csv",
                "validated/sales.csv",
                "rejected/system/raw/sales_empty.csv",
                "rejected/system/raw/sales_empty.csv.reason.json");
        assertThat(json("rejected/system/raw/sales_empty.csv.reason.json").path("code").asText()).isEqualTo("empty_file");
    }

    @Test
    void findsTheFileWhoseKeyTheNotificationSendsUrlEncoded() {
        putResource("raw/sales Q4 über München + Köln.csv", "sales.csv");

        notify(created(bucket(), "raw/sales Q4 über München + Köln.csv"));

        awaitObject("validated/sales Q4 über München + Köln.csv");
        awaitQueueEmpty();
        assertThat(keys()).containsExactly("validated/sales Q4 über München + Köln.csv");
    }

    @Test
    void keepsTheMessageWhileStorageFailsAndDecidesTheFileWhenItComesBack() {
        lakeStorage.failWritesTo("validated/", new StorageException("Storage failed to copy: injected outage", null));
        putResource("raw/sales.csv", "sales.csv");

        notify(created(bucket(), "raw/sales.csv"));

        // Longer than the retries of one delivery plus the visibility timeout: the message outlives them.
        await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(8))
                .until(() -> exists("raw/sales.csv") && messagesInQueue() == 1);
        lakeStorage.heal();
        awaitObject("validated/sales.csv");
        awaitQueueEmpty();
        assertThat(keys()).containsExactly("validated/sales.csv");
    }

    @Test
    void leavesFilesInRawThatNoNotificationNames() {
        putResource("raw/sales.csv", "sales.csv");
        notify(sample("test-event.json"));

        awaitQueueEmpty();

        // Nothing polls raw/ in sqs mode: the file stays until a notification (or a restart's sweep) names it.
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> keys().equals(List.of("raw/sales.csv")));
    }

    @Test
    void startUpSweepDecidesWhatWaitedInRawWithoutANotification() throws Exception {
        putResource("raw/sales.csv", "sales.csv");

        // What a restart does: the sweep runs once when its route starts.
        camel.getRouteController().stopRoute("sweep-raw");
        camel.getRouteController().startRoute("sweep-raw");

        awaitObject("validated/sales.csv");
        awaitGone("raw/sales.csv");
    }

    private static void notify(String body) {
        SQS.sendMessage(r -> r.queueUrl(QUEUE_URL).messageBody(body));
    }

    private static int messagesInQueue() {
        var attributes = SQS.getQueueAttributes(r -> r.queueUrl(QUEUE_URL).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    private static void awaitQueueEmpty() {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> messagesInQueue() == 0);
    }
}
