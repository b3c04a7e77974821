package dev.switchboard.core.server;

import static dev.switchboard.core.server.TestService.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** API keys, open health endpoints, metrics access and CORS, over real HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityTest {

    private static final String KEY_A = "key-a-0123456789abcdef";
    private static final String KEY_B = "key-b-fedcba9876543210";
    private static final String ALLOWED = "https://ops.example.com";

    private TestService service;

    @BeforeAll
    void start() throws Exception {
        service = TestService.start("""
                version: 1
                handlers:
                  - {name: console, type: console, events: [never_sent]}
                server:
                  api_keys: ["${KEY_A}", "${KEY_B}"]
                  cors: {allowed_origins: ["%s"]}
                """.formatted(ALLOWED), Map.of("KEY_A", KEY_A, "KEY_B", KEY_B));
    }

    @AfterAll
    void stop() {
        service.close();
    }

    private HttpResponse<String> postWith(String header, String value) throws Exception {
        return service.send(service.request("/v1/events").header("Content-Type", "application/json").header(header, value)
                .POST(HttpRequest.BodyPublishers.ofString("{\"event_type\": \"e\"}")));
    }

    @Test
    void withoutAKeyEveryApiRouteAnswers401() throws Exception {
        List<HttpResponse<String>> responses = List.of(
                service.postJson("/v1/events", "{\"event_type\": \"e\"}"),
                service.get("/v1/sessions"),
                service.get("/v1/sessions/x"),
                service.delete("/v1/sessions/x"),
                service.postJson("/v1/sessions/x/resume", "{\"hitl_response\": \"y\"}"),
                service.get("/v1/handlers"));
        for (HttpResponse<String> response : responses) {
            assertThat(response.statusCode()).as(response.request().uri().toString()).isEqualTo(401);
            assertThat(json(response).get("error").asText()).contains("X-API-Key").contains("Authorization: Bearer");
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        }
    }

    @Test
    void aWrongKeyIs403AndIsNeverEchoed() throws Exception {
        HttpResponse<String> wrongHeader = postWith("X-API-Key", "not-the-key-" + KEY_A);
        HttpResponse<String> wrongBearer = postWith("Authorization", "Bearer " + KEY_A.substring(1));

        assertThat(wrongHeader.statusCode()).isEqualTo(403);
        assertThat(wrongBearer.statusCode()).isEqualTo(403);
        assertThat(wrongHeader.body()).doesNotContain(KEY_A).doesNotContain("not-the-key");
        assertThat(json(wrongBearer).get("error").asText()).isEqualTo("the API key is not valid");
    }

    @Test
    void eitherKeyIsAcceptedAsXApiKeyOrAsABearerToken() throws Exception {
        assertThat(postWith("X-API-Key", KEY_A).statusCode()).isEqualTo(202);
        assertThat(postWith("X-API-Key", KEY_B).statusCode()).isEqualTo(202);
        assertThat(postWith("Authorization", "Bearer " + KEY_A).statusCode()).isEqualTo(202);
        assertThat(postWith("Authorization", "bearer " + KEY_B).statusCode()).isEqualTo(202);
        assertThat(service.send(service.request("/v1/handlers").header("X-API-Key", KEY_B).GET()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void anotherAuthorizationSchemeIsNotAKey() throws Exception {
        assertThat(postWith("Authorization", "Basic " + KEY_A).statusCode()).isEqualTo(401);
    }

    @Test
    void healthReadinessAndLoopbackMetricsStayOpen() throws Exception {
        assertThat(service.get("/healthz").statusCode()).isEqualTo(200);
        assertThat(service.get("/readyz").statusCode()).isEqualTo(200);
        assertThat(service.get("/metrics").statusCode()).isEqualTo(200);
    }

    @Test
    void metricsNeedAKeyWhenMetricsAuthSaysSo() throws Exception {
        try (TestService guarded = TestService.start("""
                version: 1
                handlers:
                  - {name: console, type: console, events: [never_sent]}
                server:
                  api_keys: ["${KEY_A}"]
                  metrics_auth: api_key
                """, Map.of("KEY_A", KEY_A))) {
            assertThat(guarded.get("/metrics").statusCode()).isEqualTo(401);
            assertThat(guarded.send(guarded.request("/metrics").header("X-API-Key", "nope").GET()).statusCode()).isEqualTo(403);
            HttpResponse<String> allowed = guarded.send(guarded.request("/metrics").header("X-API-Key", KEY_A).GET());
            assertThat(allowed.statusCode()).isEqualTo(200);
            assertThat(allowed.body()).contains("switchboard_events_accepted_total");
            assertThat(guarded.get("/healthz").statusCode()).isEqualTo(200);
        }
    }

    private HttpResponse<String> preflight(TestService target, String origin) throws Exception {
        return target.send(target.request("/v1/events")
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,x-api-key")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    }

    @Test
    void aPreflightFromAnAllowedOriginIsAnsweredWithoutAKey() throws Exception {
        HttpResponse<String> response = preflight(service, ALLOWED);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED);
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods").orElseThrow()).contains("POST");
        assertThat(response.headers().firstValue("Access-Control-Allow-Headers").orElseThrow().toLowerCase())
                .contains("x-api-key").contains("content-type");
    }

    @Test
    void aPreflightFromAnotherOriginGetsNoCorsHeaders() throws Exception {
        HttpResponse<String> response = preflight(service, "https://evil.example.com");

        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).isEmpty();
    }

    @Test
    void aCrossOriginRequestFromAnAllowedOriginCarriesTheCorsHeader() throws Exception {
        HttpResponse<String> allowed = service.send(service.request("/v1/handlers").header("Origin", ALLOWED)
                .header("X-API-Key", KEY_A).GET());
        HttpResponse<String> other = service.send(service.request("/v1/handlers").header("Origin", "https://evil.example.com")
                .header("X-API-Key", KEY_A).GET());

        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED);
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void noOriginIsAllowedWhenNoneIsConfigured() throws Exception {
        try (TestService open = TestService.start("version: 1\nhandlers:\n  - {name: c, type: console, events: [x]}\n")) {
            HttpResponse<String> response = preflight(open, ALLOWED);
            assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
            assertThat(open.get("/v1/handlers").statusCode()).as("no keys configured: the API is open").isEqualTo(200);
        }
    }
}
