package io.lakegate.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.databind.JsonNode;
import io.lakegate.LakeRouteTest;
import io.lakegate.lake.LakeJson;
import io.lakegate.lake.StorageException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What an operator sees over HTTP: Prometheus counters, probes, Hawtio; and what they can follow in the logs. */
class OperationsRouteTest extends LakeRouteTest {

    private static final String FACT_SALES = "dataset=\"fact_sales\"";

    @Test
    void aFileThroughTheLakeMovesItsFileRowByteAndStageCounters() {
        String before = scrape();

        putResource("raw/sales_mixed.csv", "sales_mixed.csv");
        JsonNode audit = awaitAuditOf("validated/sales_mixed.csv");
        await().atMost(Duration.ofSeconds(10)).until(() -> increase(before, scrape(),
                "lakegate_files_total{code=\"ok\"," + FACT_SALES + ",outcome=\"processed\"}") == 1);

        String after = scrape();
        assertThat(increase(before, after, "lakegate_files_total{code=\"valid\"," + FACT_SALES + ",outcome=\"accepted\"}"))
                .isEqualTo(1);
        assertThat(increase(before, after, "lakegate_rows_total{" + FACT_SALES + ",outcome=\"good\",rule=\"none\"}"))
                .isEqualTo(audit.path("rows_good").asLong() - audit.path("rows_warned").asLong());
        assertThat(increase(before, after, "lakegate_rows_total{" + FACT_SALES + ",outcome=\"warned\",rule=\"accepted_values\"}"))
                .isEqualTo(audit.path("rows_warned").asLong());
        assertThat(increase(before, after, "lakegate_rows_total{" + FACT_SALES + ",outcome=\"rejected\","))
                .as("each rejected row counted once, under one rule").isEqualTo(audit.path("rows_rejected").asLong());
        assertThat(increase(before, after, "lakegate_bytes_total{" + FACT_SALES + ",direction=\"in\"}"))
                .isEqualTo(audit.path("bytes_in").asLong());
        assertThat(increase(before, after, "lakegate_bytes_total{" + FACT_SALES + ",direction=\"out\"}"))
                .isEqualTo(audit.path("bytes_out").asLong()).isPositive();
        assertThat(increase(before, after, "lakegate_stage_seconds_count{stage=\"validate\"}")).isEqualTo(1);
        assertThat(increase(before, after, "lakegate_stage_seconds_count{stage=\"process\"}")).isEqualTo(1);
        assertThat(after).contains("lakegate_zone_files{zone=\"raw\"}", "lakegate_zone_files{zone=\"validated\"}");
        assertThat(after).as("Camel's own route metrics").contains("routeId=\"ingest-file\"");
    }

    @Test
    void aRejectedFileIsCountedWithItsCode() {
        String before = scrape();

        putResource("raw/sales_missing_columns.csv", "sales_missing_columns.csv");
        awaitObject("rejected/system/raw/sales_missing_columns.csv");

        await().atMost(Duration.ofSeconds(10)).until(() -> increase(before, scrape(),
                "lakegate_files_total{code=\"missing_required_columns\"," + FACT_SALES + ",outcome=\"rejected\"}") == 1);
    }

    @Test
    void aFileThatFailsProcessingIsCountedAsFailed() {
        String before = scrape();
        lakeStorage.failWritesTo("processed/", new StorageException("Storage failed to upload: injected", null));

        putResource("validated/sales_mixed.csv", "sales_mixed.csv");
        awaitObject("rejected/system/validated/sales_mixed.csv");

        await().atMost(Duration.ofSeconds(10)).until(() -> increase(before, scrape(),
                "lakegate_files_total{code=\"processing_failed\"," + FACT_SALES + ",outcome=\"failed\"}") == 1);
        assertThat(increase(before, scrape(), "lakegate_files_total{code=\"ok\"")).isZero();
    }

    @Test
    void everyLogLineOfAFilesJourneyCarriesItsKeyAndRunId() {
        List<Line> lines = new CopyOnWriteArrayList<>();
        Logger lakegate = (Logger) LoggerFactory.getLogger("io.lakegate");
        AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                lines.add(new Line(event.getLoggerName(), event.getFormattedMessage(), Map.copyOf(event.getMDCPropertyMap())));
            }
        };
        appender.start();
        lakegate.addAppender(appender);
        try {
            putResource("raw/sales_mixed.csv", "sales_mixed.csv");
            String runId = awaitAuditOf("validated/sales_mixed.csv").path("ingest_run_id").asText();
            await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream().anyMatch(l -> l.message().contains("ingested as run")));

            List<Line> journey = lines.stream().filter(l -> l.message().contains("sales_mixed.csv")).toList();
            assertThat(journey).extracting(Line::logger).contains("io.lakegate.validate.RawZone", "io.lakegate.process.Ingest");
            for (Line line : journey) {
                if (line.logger().equals("io.lakegate.validate.RawZone")) {
                    assertThat(line.mdc()).as(line.message()).containsEntry(FileLogContext.FILE_KEY, "raw/sales_mixed.csv");
                } else {
                    assertThat(line.mdc()).as(line.message())
                            .containsEntry(FileLogContext.FILE_KEY, "validated/sales_mixed.csv")
                            .containsEntry(FileLogContext.INGEST_RUN_ID, runId);
                }
            }
        } finally {
            lakegate.detachAppender(appender);
        }
    }

    @Test
    void livenessAndReadinessAreUpWhileTheBucketAnswers() {
        HttpResponse<String> liveness = httpGet("/actuator/health/liveness");
        HttpResponse<String> readiness = httpGet("/actuator/health/readiness");

        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(liveness.body()).contains("\"status\":\"UP\"");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"status\":\"UP\"", "\"storage\":{\"status\":\"UP\"}");
    }

    @Test
    void hawtioAnswersAndJolokiaShowsTheCamelRoutes() {
        HttpResponse<String> hawtio = httpGet("/actuator/hawtio");
        // As Hawtio's own pages send it: Jolokia answers no request without a page of this origin behind it.
        HttpResponse<String> routes = httpGet("/actuator/jolokia/search/org.apache.camel:type=routes,*", "Origin", ownOrigin());

        assertThat(hawtio.statusCode()).isEqualTo(200);
        assertThat(hawtio.body()).containsIgnoringCase("hawtio");
        assertThat(routes.statusCode()).isEqualTo(200);
        assertThat(routes.body()).contains("validate-raw", "process-validated", "ingest-file");
    }

    @Test
    void jolokiaReadsButRefusesExecAndWrite() throws Exception {
        HttpResponse<String> heap = httpGet("/actuator/jolokia/read/java.lang:type=Memory/HeapMemoryUsage", "Origin", ownOrigin());
        HttpResponse<String> diagnosticCommand = jolokiaPost("""
                {"type":"exec","mbean":"com.sun.management:type=DiagnosticCommand","operation":"vmSystemProperties","arguments":[null]}""");
        HttpResponse<String> write = jolokiaPost("""
                {"type":"write","mbean":"java.lang:type=Memory","attribute":"Verbose","value":true}""");
        HttpResponse<String> systemProperties = httpGet("/actuator/jolokia/read/java.lang:type=Runtime/SystemProperties",
                "Origin", ownOrigin());

        assertThat(jolokiaStatus(heap)).isEqualTo(200);
        assertThat(LakeJson.mapper().readTree(heap.body()).at("/value/used").asLong()).isPositive();
        for (HttpResponse<String> refused : List.of(diagnosticCommand, write, systemProperties)) {
            assertThat(jolokiaStatus(refused)).as(refused.body()).isEqualTo(403);
            assertThat(LakeJson.mapper().readTree(refused.body()).has("value")).as(refused.body()).isFalse();
        }
        assertThat(diagnosticCommand.body()).doesNotContain("java.version");
        assertThat(ManagementFactory.getMemoryMXBean().isVerbose()).isFalse();
    }

    @Test
    void jolokiaAnswersNoForeignOriginAndReflectsOnlyItsOwn() throws Exception {
        String foreign = "http://evil.example";
        String own = ownOrigin();

        HttpResponse<String> fromForeign = httpGet("/actuator/jolokia/version", "Origin", foreign);
        HttpResponse<String> preflight = preflight(foreign);
        HttpResponse<String> fromOwn = httpGet("/actuator/jolokia/version", "Origin", own);
        HttpResponse<String> fromNowhere = httpGet("/actuator/jolokia/version");

        for (HttpResponse<String> response : List.of(fromForeign, preflight)) {
            assertThat(response.headers().allValues("Access-Control-Allow-Origin")).as("%s", response).doesNotContain(foreign, "*");
            assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).as("%s", response).isEmpty();
        }
        assertThat(jolokiaStatus(fromForeign)).isEqualTo(403);
        assertThat(fromForeign.body()).doesNotContain("\"agent\"");
        assertThat(jolokiaStatus(fromNowhere)).as("strict checking: no Origin, no Referer, no answer").isEqualTo(403);
        assertThat(jolokiaStatus(fromOwn)).isEqualTo(200);
        assertThat(fromOwn.headers().firstValue("Access-Control-Allow-Origin")).hasValue(own);
    }

    @Test
    void onLoopbackOnlyLoopbackHostNamesAreAnswered() {
        String rebound = rawHttp("GET /actuator/jolokia/version HTTP/1.1\r\nHost: rebound.evil.example:" + port);
        String local = rawHttp("GET /actuator/jolokia/version HTTP/1.1\r\nHost: localhost:" + port
                + "\r\nOrigin: http://localhost:" + port);
        String api = rawHttp("POST /api/compaction HTTP/1.1\r\nHost: rebound.evil.example:" + port + "\r\nContent-Length: 0");

        assertThat(rebound).startsWith("HTTP/1.1 403 ").contains("rebound.evil.example").doesNotContain("\"agent\"");
        assertThat(api).startsWith("HTTP/1.1 403 ");
        assertThat(local).startsWith("HTTP/1.1 200 ").contains("\"agent\"");
    }

    private HttpResponse<String> jolokiaPost(String json) {
        return httpPost("/actuator/jolokia", HttpRequest.BodyPublishers.ofString(json), "Content-Type", "application/json",
                "Origin", ownOrigin());
    }

    private String ownOrigin() {
        return "http://127.0.0.1:" + port;
    }

    private HttpResponse<String> preflight(String origin) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/jolokia"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin).header("Access-Control-Request-Method", "POST").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Jolokia answers most refusals with HTTP 200 and the real status in its JSON. */
    private static int jolokiaStatus(HttpResponse<String> response) throws IOException {
        if (response.statusCode() != 200) {
            return response.statusCode();
        }
        return LakeJson.mapper().readTree(response.body()).path("status").asInt();
    }

    private record Line(String logger, String message, Map<String, String> mdc) {
    }

}
