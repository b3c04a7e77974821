package dev.switchboard.plugins.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.HandlerStats;
import dev.switchboard.core.Switchboard;
import dev.switchboard.core.config.ConfigProblem;
import dev.switchboard.testkit.PackagedPlugin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged webhook plugin JAR, loaded from a real plugins folder by the runtime. */
class WebhookIT {

    @TempDir
    Path temp;

    private WireMockServer receiver;
    private Path plugins;

    @BeforeEach
    void setUp() throws Exception {
        receiver = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        receiver.start();
        plugins = PackagedPlugin.installIn(temp);
    }

    @AfterEach
    void tearDown() {
        receiver.stop();
    }

    private Switchboard start(String retry) throws ConfigProblem {
        return Switchboard.builder()
                .configText("""
                        version: 1
                        handlers:
                          - name: audit
                            type: webhook
                            events: ["*"]
                            retry: %s
                            config:
                              url: http://127.0.0.1:%d/hook
                              headers: {Authorization: "Bearer ${HOOK_TOKEN}"}
                        """.formatted(retry, receiver.port()))
                .pluginsDir(plugins)
                .environment(Map.of("HOOK_TOKEN", "tok-123"))
                .build();
    }

    private static WorkflowEvent seedEvent() {
        return WorkflowEvent.builder("step_complete")
                .timestamp("2025-11-12T10:30:45.123456")
                .sessionId(null)
                .specName("research-workflow")
                .patternType("chain")
                .data(Map.of("step_index", 1, "response", "Step output...", "duration_seconds", 2.5))
                .build();
    }

    private HandlerStats stats(Switchboard switchboard) {
        return switchboard.stats().get(0);
    }

    @Test
    void postsExactlyTheSeedsKeysWithTheConfiguredHeaders() throws Exception {
        receiver.stubFor(post("/hook").willReturn(aResponse().withStatus(200)));
        try (Switchboard switchboard = start("{}")) {
            WorkflowEvent accepted = switchboard.publish(seedEvent());
            assertThat(switchboard.awaitIdle(Duration.ofSeconds(10))).isTrue();
            LoggedRequest request = receiver.findAll(postRequestedFor(urlEqualTo("/hook"))).get(0);
            assertThat(request.getHeader("Authorization")).isEqualTo("Bearer tok-123");
            assertThat(request.getHeader("webhook-id")).isEqualTo(accepted.id());
            assertThat(request.getHeader("Content-Type")).startsWith("application/json");
            Map<String, Object> body = new ObjectMapper().readValue(request.getBodyAsString(),
                    new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { });
            assertThat(body.keySet()).containsExactly("event_type", "timestamp", "session_id", "spec_name",
                    "pattern_type", "data");
            assertThat(request.getBodyAsString()).contains("\"timestamp\":\"2025-11-12T10:30:45.123456\"")
                    .contains("\"session_id\":null");
            assertThat(body.get("data")).isEqualTo(Map.of("step_index", 1, "response", "Step output...",
                    "duration_seconds", 2.5));
        }
    }

    @Test
    void a503IsRetriedAfterOneSecondThenTwoSecondsWithTheSameId() throws Exception {
        receiver.stubFor(post("/hook").inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("second"));
        receiver.stubFor(post("/hook").inScenario("flaky").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("third"));
        receiver.stubFor(post("/hook").inScenario("flaky").whenScenarioStateIs("third")
                .willReturn(aResponse().withStatus(200)));
        try (Switchboard switchboard = start("{}")) {
            switchboard.publish(seedEvent());
            assertThat(switchboard.awaitIdle(Duration.ofSeconds(10))).isTrue();
            List<LoggedRequest> requests = receiver.findAll(postRequestedFor(urlEqualTo("/hook")));
            assertThat(requests).hasSize(3);
            assertThat(requests).extracting(r -> r.getHeader("webhook-id")).containsOnly(requests.get(0).getHeader("webhook-id"));
            long first = requests.get(0).getLoggedDate().getTime();
            long second = requests.get(1).getLoggedDate().getTime();
            long third = requests.get(2).getLoggedDate().getTime();
            // The seed's 1 s and 2 s, each within the default retry.jitter of ±10 %.
            assertThat(second - first).isBetween(880L, 1700L);
            assertThat(third - second).isBetween(1780L, 2800L);
            assertThat(stats(switchboard)).isEqualTo(new HandlerStats("audit", "webhook", 1, 2, 0, 0));
        }
    }

    @Test
    void a400FailsForGoodWithoutARetry() throws Exception {
        receiver.stubFor(post("/hook").willReturn(aResponse().withStatus(400).withBody("bad field")));
        try (Switchboard switchboard = start("{backoff: 50ms}")) {
            switchboard.publish(seedEvent());
            assertThat(switchboard.awaitIdle(Duration.ofSeconds(10))).isTrue();
            receiver.verify(1, postRequestedFor(urlEqualTo("/hook")));
            assertThat(stats(switchboard).failed()).isEqualTo(1);
            assertThat(switchboard.recentFailures().get("audit")).singleElement().asString()
                    .contains("HTTP 400: bad field");
        }
    }

    @Test
    void a429IsRetriedAfterItsRetryAfter() throws Exception {
        receiver.stubFor(post("/hook").inScenario("limited").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")).willSetStateTo("ok"));
        receiver.stubFor(post("/hook").inScenario("limited").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(202)));
        try (Switchboard switchboard = start("{backoff: 50ms}")) {
            switchboard.publish(seedEvent());
            assertThat(switchboard.awaitIdle(Duration.ofSeconds(10))).isTrue();
            List<LoggedRequest> requests = receiver.findAll(postRequestedFor(urlEqualTo("/hook")));
            assertThat(requests).hasSize(2);
            assertThat(requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime())
                    .isBetween(1950L, 2800L);
            assertThat(stats(switchboard).delivered()).isEqualTo(1);
        }
    }

    /** @return the one-line problem of an audit handler whose config block is {@code config} */
    private ConfigProblem problemWith(String config, Map<String, String> env) {
        return catchThrowableOfType(ConfigProblem.class, () -> Switchboard.builder()
                .environment(env)
                .configText("""
                        version: 1
                        handlers:
                          - name: audit
                            type: webhook
                            events: ["*"]
                            config:
                              headers: {X-Team: core}
                        """ + config)
                .pluginsDir(plugins)
                .build());
    }

    @Test
    void aMissingUrlIsReportedAtTheHandlersConfigBlock() {
        assertThat(problemWith("", Map.of()))
                .hasMessageStartingWith("handlers.yaml:7:7: handler 'audit': config.url: required key is missing (string: ");
    }

    @Test
    void aUrlWithUserAndPasswordIsRefusedAtLoadWithoutShowingThePassword() {
        assertThat(problemWith("      url: ${HOOK_URL}\n", Map.of("HOOK_URL", "http://deploy:hunter2@127.0.0.1:9/hook")))
                .hasMessageStartingWith("handlers.yaml:8:7: handler 'audit': config.url: the URL holds a user name"
                        + " or password (user:password@)")
                .message().doesNotContain("hunter2").doesNotContain("deploy").doesNotContain("\n");
    }

    @Test
    void theRequestCarriesNoSecretKeysOfTheEventsData() throws Exception {
        receiver.stubFor(post("/hook").willReturn(aResponse().withStatus(200)));
        try (Switchboard switchboard = start("{}")) {
            switchboard.publish(WorkflowEvent.builder("workflow_start")
                    .data(Map.of("topic", "AI", "api_key", "sk-123", "auth", Map.of("password", "p"))).build());
            assertThat(switchboard.awaitIdle(Duration.ofSeconds(10))).isTrue();
            receiver.verify(postRequestedFor(urlEqualTo("/hook"))
                    .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.equalToJson(
                            "{\"data\": {\"topic\": \"AI\", \"auth\": {}}}", true, true)));
            assertThat(receiver.getAllServeEvents().get(0).getRequest().getBodyAsString())
                    .doesNotContain("sk-123").doesNotContain("password");
        }
    }
}
