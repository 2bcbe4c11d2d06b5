package io.lakegate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.support.RouteWatcherReloadStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A saved route file changes the running service, no restart. The shared context reads and watches the
 * route tests' copy of {@code routes/} (camel.main.routes-reload-directory), so these tests save files of
 * their own there, named {@code zz-live-edit-test*}, and remove them and their routes afterwards.
 */
class LiveRouteEditTest extends LakeRouteTest {

    private static final Path ROUTES = TEST_ROUTES;
    private static final String TEST_FILE_PREFIX = "zz-live-edit-test";
    private static final Path PROBE_FILE = ROUTES.resolve(TEST_FILE_PREFIX + ".camel.yaml");
    private static final Path PIPELINE_COPY = ROUTES.resolve(TEST_FILE_PREFIX + "-compact-gold.camel.yaml");
    private static final Duration RELOAD = Duration.ofSeconds(20);

    @Autowired
    private CamelContext camel;

    @Autowired
    private ProducerTemplate producer;

    @LocalServerPort
    private int port;

    private RouteWatcherReloadStrategy watcher;

    @BeforeEach
    void findTheWatcher() throws Exception {
        removeTestRoutes(); // in case a killed run left a file behind
        watcher = camel.hasService(RouteWatcherReloadStrategy.class);
        assertThat(watcher).as("route reload is on (camel.main.routes-reload-enabled)").isNotNull();
        assertThat(Path.of(watcher.getFolder())).as("the folder these tests write to is the one watched").isEqualTo(ROUTES);
    }

    @AfterEach
    void removeTestRoutes() throws Exception {
        try (Stream<Path> files = Files.list(ROUTES)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(TEST_FILE_PREFIX)).toList()) {
                Files.delete(file);
            }
        }
        // Deleting a file leaves its routes running until a restart (see deletedFileLeavesItsRoutesRunning).
        for (Route route : List.copyOf(camel.getRoutes())) {
            if (route.getSourceResource() != null && route.getSourceResource().getLocation().contains(TEST_FILE_PREFIX)) {
                camel.getRouteController().stopRoute(route.getRouteId());
                camel.removeRoute(route.getRouteId());
            }
        }
    }

    @Test
    void savedEditChangesTheRunningRouteAndOnlyIt() throws IOException {
        Route untouched = camel.getRoute("validate-raw");

        save(PROBE_FILE, probe("first"));
        await().atMost(RELOAD).until(() -> "first".equals(callProbe()));

        save(PROBE_FILE, probe("second"));
        await().atMost(RELOAD).until(() -> "second".equals(callProbe()));

        // routes-reload-remove-all-routes=false: only the saved file's routes are rebuilt.
        assertThat(camel.getRoute("validate-raw")).isSameAs(untouched);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadableEdits")
    void editCamelCannotReadKeepsThePreviousRoute(String what, String edit) throws IOException {
        save(PROBE_FILE, probe("working"));
        await().atMost(RELOAD).until(() -> "working".equals(callProbe()));
        int failed = watcher.getFailedCounter();

        save(PROBE_FILE, edit);
        await().atMost(RELOAD).until(() -> watcher.getFailedCounter() > failed);

        assertThat(camel.getRoute("live-edit-probe")).isNotNull();
        assertThat(callProbe()).isEqualTo("working");

        save(PROBE_FILE, probe("fixed"));
        await().atMost(RELOAD).until(() -> "fixed".equals(callProbe()));
    }

    static Stream<Arguments> unreadableEdits() {
        return Stream.of(
                Arguments.of("not valid YAML", "- route:\n    id: live-edit-probe\n    from: [direct:live-edit-probe\n"),
                Arguments.of("a step Camel does not know", probe("unknown").replace("setBody:", "setBodyy:")));
    }

    @Test
    void editThatCannotBuildTheRouteTakesTheRouteDownUntilFixed() throws IOException {
        save(PROBE_FILE, probe("working"));
        await().atMost(RELOAD).until(() -> "working".equals(callProbe()));
        int failed = watcher.getFailedCounter();

        // Valid YAML, but the bean it names does not exist: Camel removes the old route, then cannot create the new one.
        save(PROBE_FILE, probe("broken") + "        - bean:\n            ref: noSuchBean\n            method: call\n");
        await().atMost(RELOAD).until(() -> watcher.getFailedCounter() > failed);

        assertThat(watcher.getLastError()).hasMessageContaining("noSuchBean");
        assertThat(camel.getRoute("live-edit-probe")).isNull();
        assertThat(callProbe()).isNull();

        save(PROBE_FILE, probe("fixed"));
        await().atMost(RELOAD).until(() -> "fixed".equals(callProbe()));
    }

    @Test
    void deletedFileLeavesItsRoutesRunning() throws IOException {
        save(PROBE_FILE, probe("still here"));
        await().atMost(RELOAD).until(() -> "still here".equals(callProbe()));

        Files.delete(PROBE_FILE);
        // The watcher handles changes in order: once a file saved after the deletion is loaded, the deletion was seen.
        Path later = ROUTES.resolve(TEST_FILE_PREFIX + "-later.camel.yaml");
        save(later, probe("later").replace("live-edit-probe", "live-edit-later"));
        await().atMost(RELOAD).until(() -> camel.getRoute("live-edit-later") != null);

        assertThat(callProbe()).isEqualTo("still here");
    }

    @Test
    void editOfACopyOfThePipelineCompactionRoutesChangesItsHttpAnswer() throws IOException, InterruptedException {
        // The real compact-gold.camel.yaml under other ids, endpoints and path, so the original keeps running.
        String copy = Files.readString(ROUTES.resolve("compact-gold.camel.yaml"))
                .replace("compact-gold", "live-edit-compact-gold")
                .replace("/api/compaction", "/api/live-edit-compaction");
        String marked = copy.replace("""
                        - setHeader:
                            name: Content-Type
                            constant: application/json
                """, """
                        - setHeader:
                            name: Content-Type
                            constant: application/json
                        - setHeader:
                            name: X-Live-Edit
                            constant: saved
                """);
        assertThat(marked).as("the copy has the step the edit follows").isNotEqualTo(copy);

        // Each poll starts a compaction job (of an empty lake), or is refused while the last one runs: poll gently.
        save(PIPELINE_COPY, copy);
        await().atMost(RELOAD).pollInterval(Duration.ofMillis(500)).until(() -> List.of(202, 409).contains(compactCopy().statusCode()));
        HttpResponse<String> before = compactCopy();
        assertThat(before.statusCode()).isIn(202, 409);
        assertThat(before.headers().firstValue("X-Live-Edit")).isEmpty();

        save(PIPELINE_COPY, marked);
        await().atMost(RELOAD).pollInterval(Duration.ofMillis(500))
                .until(() -> compactCopy().headers().firstValue("X-Live-Edit").isPresent());

        assertThat(compactCopy().headers().firstValue("X-Live-Edit")).hasValue("saved");
        // A reload honours autoStartup: the copy's schedule stays off, as lakegate.compaction.enabled=false says.
        assertThat(camel.getRouteController().getRouteStatus("live-edit-compact-gold-on-schedule")).isEqualTo(ServiceStatus.Stopped);
    }

    private static String probe(String answer) {
        return """
                - route:
                    id: live-edit-probe
                    from:
                      uri: direct:live-edit-probe
                      steps:
                        - setBody:
                            constant: "%s"
                """.formatted(answer);
    }

    /** The probe's answer, or null while no route consumes its endpoint (block=false: fail at once, not wait 30 s). */
    private String callProbe() {
        try {
            return producer.requestBody("direct:live-edit-probe?block=false", "", String.class);
        } catch (RuntimeException noRoute) {
            return null;
        }
    }

    private HttpResponse<String> compactCopy() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/live-edit-compaction"))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Saves the whole file at once, as editors do. Written in place, the watcher may first see it empty (Camel
     * then logs "Resource is empty" and keeps the routes) and the test would depend on that timing.
     */
    private static void save(Path file, String yaml) throws IOException {
        Path draft = file.resolveSibling("." + file.getFileName() + ".draft");
        Files.writeString(draft, yaml);
        Files.move(draft, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
