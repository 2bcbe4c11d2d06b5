package io.lakegate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.lakegate.gold.CompactionProperties;
import io.lakegate.lake.LakeJson;
import io.lakegate.lake.StorageProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.camel.test.spring.junit5.DisableJmx;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Boots the whole service once (every route test shares this context) on its embedded S3 server over
 * loopback, and talks to the lake with the real AWS SDK client, as a producer would.
 */
@CamelSpringBootTest
@SpringBootTest(classes = LakegateApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    // Inline properties outrank ./application.yaml: random loopback ports, a throw-away lake, fast polling.
    "server.port=0",
    "lakegate.storage.embedded.directory=target/test-lake",
    "lakegate.storage.embedded.port=0",
    "lakegate.intake.poll-interval=200",
    "lakegate.intake.settle-time=0s",
    "lakegate.validation.max-file-size=1MB",
    "lakegate.contracts.directory=target/test-contracts",
    // A copy of routes/, read and watched like the real folder, so tests that edit routes never touch routes/.
    "camel.main.routes-include-pattern=file:target/test-routes/*.yaml",
    "camel.main.routes-reload-directory=target/test-routes",
    "lakegate.processing.poll-interval=200",
    "lakegate.processing.work-directory=target/test-work",
    // Small parts, so every processing test also rolls parts within a date.
    "lakegate.processing.part-target-rows=20",
    // Compaction runs when a test asks; the schedule test starts the Quartz route itself.
    "lakegate.compaction.enabled=false",
    "lakegate.compaction.schedule=0/1 * * * * ?",
    "lakegate.compaction.work-directory=target/test-compaction",
    "lakegate.alerts.topic-arn=" + LakeRouteTest.ALERT_TOPIC,
    "lakegate.alerts.access-key=test",
    "lakegate.alerts.secret-key=test",
})
@Import(LakeRouteTest.FaultInjection.class)
// The actuator's Prometheus endpoint and Camel's MBeans (read through Jolokia) are off in tests unless asked for.
@AutoConfigureObservability
@DisableJmx(false)
public abstract class LakeRouteTest {

    protected static final String ALERT_TOPIC = "arn:aws:sns:us-east-1:000000000000:lakegate-alerts";
    /** Stands in for SNS over HTTP: the real SDK calls it, tests read what it received. */
    protected static final WireMockServer SNS = new WireMockServer(WireMockConfiguration.options()
            .bindAddress("127.0.0.1").dynamicPort());

    static {
        SNS.start();
        SNS.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml")
                .withBody("<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>"
                        + "<MessageId>m-1</MessageId></PublishResult></PublishResponse>")));
    }

    @DynamicPropertySource
    static void alertEndpoint(DynamicPropertyRegistry registry) {
        registry.add("lakegate.alerts.endpoint", () -> "http://127.0.0.1:" + SNS.port());
    }

    /** Puts the fault switch in front of the real storage for every bean that uses it. */
    @TestConfiguration
    public static class FaultInjection {
        @Bean
        @Primary
        FaultyStorage faultyStorage(S3Client s3Client, StorageProperties storage) {
            return new FaultyStorage(s3Client, storage.bucket());
        }
    }

    @Autowired
    protected FaultyStorage lakeStorage;

    @LocalServerPort
    protected int port;

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

    /** A copy of the project's contracts plus test-only ones, so tests may edit contracts freely. */
    protected static final Path TEST_CONTRACTS = Path.of("target", "test-contracts");

    /** A fresh copy of the project's routes, the folder the service under test reads and watches. */
    protected static final Path TEST_ROUTES = Path.of("target", "test-routes");

    static {
        try {
            Files.createDirectories(TEST_CONTRACTS);
            for (Path source : List.of(Path.of("contracts"), Path.of("src", "test", "resources", "test-contracts"))) {
                copyFiles(source, TEST_CONTRACTS);
            }
            if (Files.isDirectory(TEST_ROUTES)) {
                try (Stream<Path> stale = Files.list(TEST_ROUTES)) {
                    for (Path file : stale.toList()) {
                        Files.delete(file);
                    }
                }
            }
            Files.createDirectories(TEST_ROUTES);
            copyFiles(Path.of("routes"), TEST_ROUTES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyFiles(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @Autowired
    protected S3Client s3;

    @Autowired
    protected StorageProperties storage;

    @Autowired
    protected Catalog goldCatalog;

    @Autowired
    protected CompactionProperties compaction;

    @BeforeEach
    protected void emptyLake() {
        // Emptied before the faults are healed, so the service cannot pick up a file the last test left unreadable
        // (and, say, record its bytes as ingested) the moment it heals; then again, for what it wrote meanwhile.
        deleteAllObjects();
        lakeStorage.heal();
        deleteAllObjects();
        SNS.resetRequests();
        // The catalog outlives the bucket's objects (it is a file beside the bucket): forget the tables too.
        Namespace gold = Namespace.of(compaction.catalog().namespace());
        if (((SupportsNamespaces) goldCatalog).namespaceExists(gold)) {
            goldCatalog.listTables(gold).forEach(table -> goldCatalog.dropTable(table, false));
        }
    }

    private void deleteAllObjects() {
        for (S3Object o : s3.listObjectsV2Paginator(r -> r.bucket(bucket()).encodingType(EncodingType.URL)).contents()) {
            s3.deleteObject(r -> r.bucket(bucket()).key(o.key()));
        }
    }

    protected String bucket() {
        return storage.bucket();
    }

    protected void put(String key, byte[] content) {
        s3.putObject(r -> r.bucket(bucket()).key(key), RequestBody.fromBytes(content));
    }

    protected void putResource(String key, String resource) {
        put(key, resource(resource));
    }

    protected static byte[] resource(String name) {
        try {
            return Files.readAllBytes(Path.of("src", "test", "resources", "intake", name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected void awaitObject(String key) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> exists(key));
    }

    protected void awaitGone(String key) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> !exists(key));
    }

    /**
     * The audit record of the run that ingested {@code validatedKey} (the file's key in validated/), once the file has
     * left validated/ (archived after its audit was written). Other files' audits in the lake are passed over.
     */
    protected JsonNode awaitAuditOf(String validatedKey) {
        return json(awaitAuditKeyOf(validatedKey, Duration.ofSeconds(30)));
    }

    /** The key of the ingest audit record of the file processing took from {@code validatedKey}, once it is written. */
    protected String awaitAuditKeyOf(String validatedKey, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(100))
                .until(() -> !exists(validatedKey) && auditKeyOf(validatedKey).isPresent());
        return auditKeyOf(validatedKey).orElseThrow();
    }

    private Optional<String> auditKeyOf(String validatedKey) {
        return keys().stream().filter(k -> k.startsWith("audit/ingest/date="))
                .filter(key -> json(key).path("source_file").asText().equals(validatedKey)).findFirst();
    }

    protected boolean exists(String key) {
        try {
            s3.headObject(r -> r.bucket(bucket()).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        }
    }

    protected byte[] get(String key) {
        return s3.getObjectAsBytes(r -> r.bucket(bucket()).key(key)).asByteArray();
    }

    protected JsonNode json(String key) {
        try {
            return LakeJson.mapper().readTree(get(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected List<String> keys() {
        // URL-encoded keys (the SDK decodes them): a key with a control character would break the XML otherwise.
        return s3.listObjectsV2Paginator(r -> r.bucket(bucket()).encodingType(EncodingType.URL)).contents().stream()
                .map(S3Object::key).sorted().toList();
    }

    /**
     * Starts a compaction over HTTP ({@code POST /api/compaction?query}), which answers 202 with a job, and follows
     * the job until it ended; returns the job as the last {@code GET} answered it.
     */
    protected JsonNode compactOverHttp(String query) {
        HttpResponse<String> started = httpPost("/api/compaction" + query, HttpRequest.BodyPublishers.noBody());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String href = started.headers().firstValue("Location").orElseThrow();
        JsonNode[] job = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            HttpResponse<String> status = httpGet(href);
            assertThat(status.statusCode()).as("GET %s: %s %s", href, status.headers().map(), status.body()).isEqualTo(200);
            job[0] = LakeJson.mapper().readTree(status.body());
            return List.of("finished", "failed").contains(job[0].path("state").asText());
        });
        return job[0];
    }

    /** The service's metrics as Prometheus scrapes them. */
    protected String scrape() {
        HttpResponse<String> response = httpGet("/actuator/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** How much the samples whose series starts with {@code seriesPrefix} grew between two scrapes, summed. */
    protected static long increase(String before, String after, String seriesPrefix) {
        return Math.round(sum(after, seriesPrefix) - sum(before, seriesPrefix));
    }

    private static double sum(String scrape, String seriesPrefix) {
        return scrape.lines().filter(line -> line.startsWith(seriesPrefix))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    protected HttpResponse<String> httpGet(String path, String... headerNamesAndValues) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        return send(headerNamesAndValues.length == 0 ? request : request.headers(headerNamesAndValues));
    }

    protected HttpResponse<String> httpPost(String path, HttpRequest.BodyPublisher body, String... headerNamesAndValues) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).POST(body);
        return send(headerNamesAndValues.length == 0 ? request : request.headers(headerNamesAndValues));
    }

    private static HttpResponse<String> send(HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(request + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted during " + request, e);
        }
    }

    /**
     * Sends {@code head} (request line and headers, CRLF-separated, without the blank line) as it is, over a plain
     * socket, and returns the response (status line, headers and body; a chunked body with its chunk sizes) as text.
     * For what an HTTP client library will not send: a Host of the test's choosing, a Content-Length that no
     * body follows.
     */
    protected String rawHttp(String head) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write((head + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder response = new StringBuilder();
            while (response.indexOf("\r\n\r\n") < 0) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                response.append((char) b);
            }
            Matcher length = Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(response);
            // Without a length the body runs to the end of the connection, which the server closes as asked.
            byte[] body = length.find() ? in.readNBytes(Integer.parseInt(length.group(1))) : in.readAllBytes();
            response.append(new String(body, StandardCharsets.UTF_8));
            return response.toString();
        } catch (IOException e) {
            throw new AssertionError("Raw request failed: " + e.getMessage(), e);
        }
    }
}
