package io.lakegate.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakegate.FaultyStorage;
import io.lakegate.LakeRouteTest;
import io.lakegate.LakegateApplication;
import io.lakegate.lake.LakeJson;
import io.lakegate.lake.LakeLayout;
import io.lakegate.lake.LakeLease;
import io.lakegate.lake.LakeObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.CamelContext;
import org.apache.camel.EndpointInject;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The processing routes driven through Camel's test kit: the project's own YAML routes, advised at their step ids
 * to crash, to die without the dead-letter channel (a killed pod), and to alert into a mock instead of SNS. A
 * change to {@code routes/process-validated.camel.yaml} is what these tests run, never a copy of its steps.
 */
@CamelSpringBootTest
@UseAdviceWith
@SpringBootTest(classes = LakegateApplication.class, properties = {
    "server.port=0",
    "lakegate.storage.embedded.directory=target/advice-lake",
    "lakegate.storage.embedded.port=0",
    "lakegate.intake.enabled=false",
    // The route that lists validated/ starts when a test says so.
    "lakegate.processing.enabled=false",
    "lakegate.processing.poll-interval=100",
    "lakegate.processing.work-directory=target/advice-work",
    // Several batches and parts per file, so a crash can fall between them.
    "lakegate.processing.batch-rows=10",
    "lakegate.processing.part-target-rows=20",
    "lakegate.compaction.enabled=false",
    "lakegate.compaction.work-directory=target/advice-compaction",
    "camel.main.routes-reload-enabled=false",
    "lakegate.alerts.topic-arn=arn:aws:sns:us-east-1:000000000000:lakegate-alerts",
    "lakegate.alerts.endpoint=http://127.0.0.1:9",
    "lakegate.alerts.access-key=test",
    "lakegate.alerts.secret-key=test",
})
@Import(LakeRouteTest.FaultInjection.class)
class ProcessingRoutesAdviceTest {

    private static final String SOURCE = "validated/sales_mixed.csv";

    /** The advised steps' switches: a crash once the first batch is written; a failure kills the pod. */
    private static final AtomicBoolean crashAfterTheFirstBatch = new AtomicBoolean();
    private static final AtomicBoolean failureKills = new AtomicBoolean();
    private static boolean advised;

    @Autowired
    private CamelContext camel;

    @Autowired
    private ProducerTemplate template;

    @Autowired
    private S3Client s3;

    @Autowired
    private FaultyStorage lakeStorage;

    @EndpointInject("mock:alerts")
    private MockEndpoint alerts;

    @TempDir
    Path localCopy;

    @BeforeEach
    void adviseOnceThenStart() throws Exception {
        if (!advised) {
            AdviceWith.adviceWith(camel, "ingest-rows", route -> route.weaveById("ingest-write").after()
                    .process(ProcessingRoutesAdviceTest::crashIfAsked));
            AdviceWith.adviceWith(camel, "processing-failed", route -> {
                route.weaveAddFirst().process(ProcessingRoutesAdviceTest::dieIfKilled);
                route.weaveByToUri("aws2-sns:*").replace().to("mock:alerts");
            });
            camel.start();
            advised = true;
        }
        camel.getRouteController().stopRoute("process-validated");
        crashAfterTheFirstBatch.set(false);
        failureKills.set(false);
        lakeStorage.heal();
        alerts.reset();
        for (S3Object o : s3.listObjectsV2Paginator(r -> r.bucket(bucket())).contents()) {
            s3.deleteObject(r -> r.bucket(bucket()).key(o.key()));
        }
        put(SOURCE, Files.readAllBytes(Path.of("src/test/resources/intake/sales_mixed.csv")));
    }

    private static void crashIfAsked(Exchange batch) {
        if (crashAfterTheFirstBatch.get() && batch.getProperty(Exchange.SPLIT_INDEX, Integer.class) == 0) {
            throw new IllegalStateException("injected crash after the first batch");
        }
    }

    /**
     * A killed pod runs no dead-letter channel: its outputs stay where they are, the file stays in validated/, and
     * its claim runs out (given back here rather than waited for).
     */
    private static void dieIfKilled(Exchange failed) throws IOException {
        if (failureKills.get()) {
            IngestRun run = failed.getProperty("ingestRun", IngestRun.class);
            if (run != null) {
                run.close();
            }
            failed.getProperty("ingestLease", LakeLease.class).close();
            failed.setRouteStop(true);
        }
    }

    @Test
    void aFileListedInValidatedIsProcessedOnceWithEveryRowCounted() throws Exception {
        NotifyBuilder processed = new NotifyBuilder(camel).wereSentTo("direct:ingest-file").whenDone(1).create();

        camel.getRouteController().startRoute("process-validated");

        assertThat(processed.matches(60, TimeUnit.SECONDS)).as("the queued file was taken and done").isTrue();
        JsonNode audit = onlyAudit();
        assertThat(audit.path("rows_read").asLong())
                .isEqualTo(audit.path("rows_good").asLong() + audit.path("rows_rejected").asLong());
        assertThat(keys()).noneMatch(k -> k.startsWith("validated/") || k.startsWith("rejected/system/"));
        assertThat(alerts.getReceivedCounter()).isZero();
    }

    @Test
    void aCrashBetweenBatchesGoesThroughTheDeadLetterChannelAndLeavesNothingHalfWritten() throws Exception {
        crashAfterTheFirstBatch.set(true);
        alerts.expectedMessageCount(1);

        template.sendBody("direct:ingest-file", validated());

        alerts.assertIsSatisfied(10_000);
        assertThat(alerts.getExchanges().get(0).getMessage().getBody(String.class)).contains(SOURCE)
                .contains("injected crash after the first batch");
        String rejected = LakeLayout.systemRejectKeyFor(SOURCE);
        assertThat(keys()).containsExactlyInAnyOrder(rejected, LakeLayout.reasonKeyFor(rejected));
        JsonNode reason = LakeJson.mapper().readTree(get(LakeLayout.reasonKeyFor(rejected)));
        assertThat(reason.path("code").asText()).isEqualTo("processing_failed");
        assertThat(reason.path("message").asText()).contains("injected crash after the first batch");
    }

    /**
     * A kill leaves whatever was written before it; the restarted service finds the file still in validated/ and
     * must end with exactly the lake a clean run leaves: no second copy of any part, one audit.
     */
    @ParameterizedTest(name = "killed {0}")
    @ValueSource(strings = {"after the first batch", "before rejected/data_quality/json/", "before audit/ingest/date=",
            "before archive/"})
    void aRunKilledAnywhereConvergesWhenTheFileIsProcessedAgain(String when) throws Exception {
        failureKills.set(true);
        boolean whileCommitting = when.startsWith("before ");
        if (whileCommitting) {
            lakeStorage.failWritesTo(when.substring("before ".length()), new IllegalStateException("killed"));
        } else {
            crashAfterTheFirstBatch.set(true);
        }
        template.sendBody("direct:ingest-file", validated());
        assertThat(keys()).as("the killed run left its file").contains(SOURCE);
        if (whileCommitting) {
            assertThat(keys()).as("the killed run left partial output").anyMatch(k -> k.startsWith("processed/"));
        } else {
            assertThat(keys()).as("a run killed while reading left no output").containsExactly(SOURCE);
        }

        failureKills.set(false);
        crashAfterTheFirstBatch.set(false);
        lakeStorage.heal();
        template.sendBody("direct:ingest-file", validated());

        JsonNode audit = onlyAudit();
        TreeSet<String> expected = new TreeSet<>();
        audit.path("part_files").forEach(k -> expected.add(k.asText()));
        audit.path("rejected_row_files").forEach(k -> expected.add(k.asText()));
        expected.add(audit.path("archived_as").asText());
        expected.add(LakeLayout.ingestedContentKey(audit.path("content_sha256").asText()));
        expected.add(auditKey());
        assertThat(keys()).containsExactlyElementsOf(expected);
        List<Map<String, Object>> rows = LakeQuery.query(s3, bucket(), "processed/fact_sales", localCopy,
                "SELECT count(*) AS n FROM {parquet}");
        assertThat(rows.get(0)).containsEntry("n", audit.path("rows_good").asLong());
        assertThat(alerts.getReceivedCounter()).as("a killed pod alerts nobody").isZero();
    }

    private LakeObject validated() {
        return lakeStorage.head(SOURCE).orElseThrow();
    }

    private JsonNode onlyAudit() throws IOException {
        return LakeJson.mapper().readTree(get(auditKey()));
    }

    private String auditKey() {
        List<String> audits = keys().stream().filter(k -> k.startsWith("audit/ingest/date=")).toList();
        assertThat(audits).as("audit records in %s", keys()).hasSize(1);
        return audits.get(0);
    }

    private String bucket() {
        return lakeStorage.bucket();
    }

    private void put(String key, byte[] content) {
        s3.putObject(r -> r.bucket(bucket()).key(key), RequestBody.fromBytes(content));
    }

    private byte[] get(String key) {
        return s3.getObjectAsBytes(r -> r.bucket(bucket()).key(key)).asByteArray();
    }

    private List<String> keys() {
        return s3.listObjectsV2Paginator(r -> r.bucket(bucket())).contents().stream().map(S3Object::key).sorted().toList();
    }
}
