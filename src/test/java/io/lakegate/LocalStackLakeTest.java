package io.lakegate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lakegate.lake.StorageException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.containers.localstack.LocalStackContainer.Service;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.s3.model.FilterRule;
import software.amazon.awssdk.services.s3.model.FilterRuleName;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.TopicConfiguration;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The whole path as it runs on AWS, against LocalStack's S3, SNS and SQS: the bucket notifies an SNS topic of
 * every object created under raw/, the topic feeds the intake queue, and the service (storage mode s3, intake
 * mode sqs) validates, processes, compacts and alerts. Needs Docker; skipped where there is none. Every step
 * also has a test without Docker (S3Proxy, ElasticMQ, a stand-in SNS), so this is never the only proof.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(classes = LakegateApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "lakegate.storage.mode=s3",
    "lakegate.storage.bucket=" + LocalStackLakeTest.BUCKET,
    "lakegate.intake.mode=sqs",
    "lakegate.intake.settle-time=0s",
    "lakegate.intake.sqs.wait-time-seconds=1",
    "lakegate.processing.poll-interval=200",
    "lakegate.processing.work-directory=target/test-work-localstack",
    "lakegate.compaction.catalog.uri=jdbc:sqlite:target/test-catalog-localstack.db",
})
@Import(LakeRouteTest.FaultInjection.class)
@DirtiesContext
class LocalStackLakeTest {

    static final String BUCKET = "lakegate-localstack";

    @Container
    static final LocalStackContainer LOCALSTACK = new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.4.0"))
            .withServices(Service.S3, Service.SNS, Service.SQS);

    private static String intakeQueueUrl;
    private static String alertTopicArn;
    private static String alertInboxUrl;

    @DynamicPropertySource
    static void localStack(DynamicPropertyRegistry registry) {
        for (String service : List.of("storage", "intake.sqs", "alerts")) {
            registry.add("lakegate." + service + ".endpoint", LOCALSTACK::getEndpoint);
            registry.add("lakegate." + service + ".access-key", LOCALSTACK::getAccessKey);
            registry.add("lakegate." + service + ".secret-key", LOCALSTACK::getSecretKey);
        }
        registry.add("lakegate.storage.region", LOCALSTACK::getRegion);
        registry.add("lakegate.intake.sqs.queue-url", () -> intakeQueueUrl);
        registry.add("lakegate.alerts.topic-arn", () -> alertTopicArn);
    }

    /** What an operator sets up on AWS: the bucket, its notification through SNS to the queue, and the alert topic. */
    @BeforeAll
    static void setUpAws() {
        try (S3Client s3 = S3Client.builder().endpointOverride(LOCALSTACK.getEndpoint()).region(region())
                        .credentialsProvider(credentials()).forcePathStyle(true).build();
                SnsClient sns = SnsClient.builder().endpointOverride(LOCALSTACK.getEndpoint()).region(region())
                        .credentialsProvider(credentials()).build();
                SqsClient sqs = sqs()) {
            s3.createBucket(r -> r.bucket(BUCKET));
            intakeQueueUrl = sqs.createQueue(r -> r.queueName("lakegate-intake")).queueUrl();
            String uploadsTopic = sns.createTopic(r -> r.name("lakegate-raw-uploads")).topicArn();
            sns.subscribe(r -> r.topicArn(uploadsTopic).protocol("sqs").endpoint(queueArn(sqs, intakeQueueUrl)));
            s3.putBucketNotificationConfiguration(r -> r.bucket(BUCKET).notificationConfiguration(n -> n
                    .topicConfigurations(TopicConfiguration.builder()
                            .topicArn(uploadsTopic)
                            .events(Event.S3_OBJECT_CREATED)
                            .filter(f -> f.key(k -> k.filterRules(FilterRule.builder().name(FilterRuleName.PREFIX).value("raw/").build())))
                            .build())));

            alertTopicArn = sns.createTopic(r -> r.name("lakegate-alerts")).topicArn();
            alertInboxUrl = sqs.createQueue(r -> r.queueName("lakegate-alerts-inbox")).queueUrl();
            sns.subscribe(r -> r.topicArn(alertTopicArn).protocol("sqs").endpoint(queueArn(sqs, alertInboxUrl))
                    .attributes(Map.of("RawMessageDelivery", "true")));
        }
    }

    @Autowired
    private S3Client s3;

    @Autowired
    private FaultyStorage lakeStorage;

    @LocalServerPort
    private int port;

    @AfterEach
    void heal() {
        lakeStorage.heal();
    }

    @Test
    void aFileUploadedToTheBucketIsValidatedThroughItsNotificationAndProcessed() throws IOException {
        upload("raw/sales.csv", "sales.csv");

        await().atMost(Duration.ofSeconds(60)).until(() -> !keys("processed/fact_sales/").isEmpty()
                && keys("archive/validated/sales_").stream()
                        .anyMatch(key -> key.matches("archive/validated/sales_\\d{8}T\\d{6}Z-\\w+\\.csv")));

        assertThat(keys("raw/")).isEmpty();
        assertThat(keys("validated/")).isEmpty();
        assertThat(keys("audit/ingest/")).anyMatch(key -> key.endsWith(".json"));
        await().atMost(Duration.ofSeconds(30)).until(() -> messagesIn(intakeQueueUrl) == 0);
    }

    @Test
    void compactsProcessedDataIntoGoldWhenThisBuildHasCompaction() throws Exception {
        upload("raw/sales_aliases.csv", "sales_aliases.csv");
        await().atMost(Duration.ofSeconds(60)).until(() -> !keys("archive/validated/sales_aliases_").isEmpty());

        HttpResponse<String> answer = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/compaction"))
                        .POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assumeTrue(answer.statusCode() != 404 && answer.statusCode() != 405,
                "POST /api/compaction is not in this build (HTTP " + answer.statusCode() + "): gold is not checked");

        assertThat(answer.statusCode()).as(answer.body()).isBetween(200, 299);
        await().atMost(Duration.ofSeconds(60)).until(() -> !keys("gold/").isEmpty());
    }

    @Test
    void aFileThatFailsProcessingIsRejectedAndAnnouncedOnSns() throws IOException {
        lakeStorage.failWritesTo("processed/", new StorageException("Storage failed to upload: injected", null));

        upload("raw/sales_mixed.csv", "sales_mixed.csv");

        await().atMost(Duration.ofSeconds(60)).until(() -> !keys("rejected/system/validated/sales_mixed.csv.reason.json").isEmpty());
        try (SqsClient sqs = sqs()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> sqs.receiveMessage(r -> r.queueUrl(alertInboxUrl).waitTimeSeconds(1))
                    .messages().stream().map(Message::body).anyMatch(body -> body.contains("sales_mixed.csv")
                            && body.contains("processing_failed")));
        }
    }

    private void upload(String key, String resource) throws IOException {
        s3.putObject(r -> r.bucket(BUCKET).key(key),
                RequestBody.fromBytes(Files.readAllBytes(Path.of("src", "test", "resources", "intake", resource))));
    }

    private List<String> keys(String prefix) {
        return s3.listObjectsV2Paginator(r -> r.bucket(BUCKET).prefix(prefix)).contents().stream()
                .map(S3Object::key).toList();
    }

    private static int messagesIn(String queueUrl) {
        try (SqsClient sqs = sqs()) {
            var attributes = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
        }
    }

    private static String queueArn(SqsClient sqs, String queueUrl) {
        return sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    private static SqsClient sqs() {
        return SqsClient.builder().endpointOverride(LOCALSTACK.getEndpoint()).region(region())
                .credentialsProvider(credentials()).build();
    }

    private static Region region() {
        return Region.of(LOCALSTACK.getRegion());
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey()));
    }
}
