package dev.switchboard.plugins.datadog;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.switchboard.plugins.datadog.Events.event;
import static java.util.stream.Collectors.joining;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.HandlerStats;
import dev.switchboard.core.Switchboard;
import dev.switchboard.core.config.ConfigProblem;
import dev.switchboard.testkit.PackagedPlugin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged datadog plugin JAR in api mode, driven by the runtime, to a local HTTP receiver. */
class DatadogApiIT {

    private static final String API_KEY = "0123456789abcdef0123456789abcdef";
    private static final String SERIES = "/api/v1/series";

    @TempDir
    Path temp;

    private WireMockServer datadog;
    private Path plugins;

    @BeforeEach
    void setUp() throws Exception {
        datadog = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        datadog.start();
        plugins = PackagedPlugin.installIn(temp);
    }

    @AfterEach
    void tearDown() {
        datadog.stop();
    }

    private Switchboard start() throws ConfigProblem {
        return runtime("mode: api", "api_url: http://127.0.0.1:" + datadog.port() + SERIES,
                "api_key: ${DD_API_KEY}", "tags: [\"env:test\"]")
                .environment(Map.of("DD_API_KEY", API_KEY))
                .build();
    }

    /** @param config the lines of the {@code config:} block of handler {@code dd-api} */
    private Switchboard.Builder runtime(String... config) {
        return Switchboard.builder()
                .configText("""
                        version: 1
                        handlers:
                          - name: dd-api
                            type: datadog
                            events: ["*"]
                            retry: {attempts: 2, backoff: 50ms}
                            config:
                        """ + Stream.of(config).map(line -> "      " + line + "\n").collect(joining()))
                .pluginsDir(plugins);
    }

    @Test
    void postsTheSeriesWithTheApiKeyHeader() throws Exception {
        datadog.stubFor(post(SERIES).willReturn(aResponse().withStatus(202).withBody("{\"status\":\"ok\"}")));
        try (Switchboard runtime = start()) {
            runtime.publish(stepComplete());
            assertThat(runtime.awaitIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(runtime.stats()).singleElement()
                    .isEqualTo(new HandlerStats("dd-api", "datadog", 1, 0, 0, 0));
        }

        datadog.verify(1, postRequestedFor(urlEqualTo(SERIES))
                .withHeader("DD-API-KEY", equalTo(API_KEY))
                .withHeader("Content-Type", containing("application/json"))
                .withRequestBody(equalToJson("""
                        {"series": [
                          {"metric": "strands.workflow.events", "points": [[1762943445, 1]], "type": "count",
                           "tags": ["workflow:research", "pattern:chain", "event_type:step_complete", "env:test"]},
                          {"metric": "strands.workflow.duration", "points": [[1762943445, 2.5]],
                           "tags": ["workflow:research", "pattern:chain", "event_type:step_complete", "env:test"]}
                        ]}""")));
    }

    @Test
    void retriesA503() throws Exception {
        datadog.stubFor(post(SERIES).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("recovered"));
        datadog.stubFor(post(SERIES).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(202)));
        try (Switchboard runtime = start()) {
            runtime.publish(stepComplete());
            assertThat(runtime.awaitIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(runtime.stats()).singleElement()
                    .isEqualTo(new HandlerStats("dd-api", "datadog", 1, 1, 0, 0));
        }

        datadog.verify(2, postRequestedFor(urlEqualTo(SERIES)).withHeader("DD-API-KEY", equalTo(API_KEY)));
    }

    @Test
    void doesNotRetryA403AndKeepsTheKeyOutOfTheFailure() throws Exception {
        datadog.stubFor(post(SERIES).willReturn(aResponse().withStatus(403)
                .withBody("{\"errors\":[\"Forbidden\"]}")));
        try (Switchboard runtime = start()) {
            runtime.publish(stepComplete());
            assertThat(runtime.awaitIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(runtime.stats()).singleElement()
                    .isEqualTo(new HandlerStats("dd-api", "datadog", 0, 0, 1, 0));
            assertThat(runtime.recentFailures().toString()).contains("403").doesNotContain(API_KEY);
        }

        datadog.verify(1, postRequestedFor(urlEqualTo(SERIES)));
    }

    @Test
    void reportsAMissingApiKeyAsAConfigProblemNamingTheKey() {
        assertThatThrownBy(() -> runtime("mode: api").build())
                .isInstanceOf(ConfigProblem.class)
                .hasMessageContaining("handlers.yaml:")
                .hasMessageContaining("config.api_key");
    }

    private static WorkflowEvent stepComplete() {
        return event("step_complete").data(Map.of("step_index", 1, "duration_seconds", 2.5)).build();
    }
}
