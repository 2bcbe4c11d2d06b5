package io.lakegate.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.LakeRouteTest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * The service with lakegate.security on, as the kubernetes profile runs it: the API and the consoles need the
 * token, the probes and Prometheus do not. Its own Spring context (and lake folder, intake and processing off:
 * nothing here is about files), closed after the class so it does not run beside the shared one.
 */
@TestPropertySource(properties = {
    "lakegate.security.enabled=true",
    "lakegate.security.token=" + SecuredHttpTest.TOKEN,
    "lakegate.storage.embedded.directory=target/test-lake-secured",
    "lakegate.processing.work-directory=target/test-work-secured",
    "lakegate.compaction.work-directory=target/test-compaction-secured",
    "lakegate.intake.enabled=false",
    "lakegate.processing.enabled=false",
})
@DirtiesContext
class SecuredHttpTest extends LakeRouteTest {

    static final String TOKEN = "test-token-0123456789abcdef";

    private static final String BEARER = "Bearer " + TOKEN;

    @Test
    void theApiNeedsTheBearerToken() {
        HttpResponse<String> none = compact();
        HttpResponse<String> wrong = compact("Authorization", "Bearer not-the-token-0123456789");
        HttpResponse<String> basic = compact("Authorization", basic("lakegate", TOKEN));
        HttpResponse<String> bearer = compact("Authorization", BEARER);

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(none.body()).contains("\"error\"");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(basic.statusCode()).as("a browser's cached basic login does not reach the API").isEqualTo(401);
        assertThat(bearer.statusCode()).isEqualTo(202);
        assertThat(bearer.body()).contains("\"state\":\"queued\"");
    }

    @Test
    void theConsolesNeedTheTokenAsBasicPasswordOrBearer() {
        assertThat(httpGet("/actuator/hawtio").statusCode()).isEqualTo(401);
        assertThat(httpGet("/actuator/jolokia/version").statusCode()).isEqualTo(401);
        assertThat(httpGet("/actuator/jolokia/version").headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(httpGet("/actuator/jolokia/version", "Authorization", basic("lakegate", "wrong-password-0123456789"))
                .statusCode()).isEqualTo(401);
        assertThat(httpGet("/actuator/info").statusCode()).as("what is not named open is closed").isEqualTo(401);

        assertThat(httpGet("/actuator/hawtio", "Authorization", basic("lakegate", TOKEN)).statusCode()).isEqualTo(200);
        HttpResponse<String> jolokia = httpGet("/actuator/jolokia/version", "Authorization", basic("lakegate", TOKEN),
                "Origin", "http://127.0.0.1:" + port);
        assertThat(jolokia.statusCode()).isEqualTo(200);
        assertThat(jolokia.body()).contains("\"agent\"");
        assertThat(httpGet("/actuator/jolokia/version", "Authorization", BEARER).statusCode()).isEqualTo(200);
    }

    @Test
    void probesAndPrometheusNeedNoCredentials() {
        assertThat(httpGet("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(httpGet("/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(httpGet("/actuator/health").statusCode()).isEqualTo(200);
        assertThat(scrape()).contains("jvm_memory_used_bytes");
    }

    @Test
    void securityOnWithoutAUsableTokenDoesNotStart() {
        assertThatThrownBy(() -> new SecuritySettings(true, "lakegate", null)).hasMessageContaining("lakegate.security.token");
        assertThatThrownBy(() -> new SecuritySettings(true, "lakegate", "short")).hasMessageContaining("16");
        assertThat(new SecuritySettings(false, "lakegate", null).enabled()).isFalse();
    }

    private HttpResponse<String> compact(String... headers) {
        return httpPost("/api/compaction", HttpRequest.BodyPublishers.noBody(), headers);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
