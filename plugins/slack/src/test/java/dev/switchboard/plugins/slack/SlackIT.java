package dev.switchboard.plugins.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.Switchboard;
import dev.switchboard.core.config.ConfigProblem;
import dev.switchboard.testkit.PackagedPlugin;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The packaged Slack plugin, loaded by the real runtime from a plugins folder, posting to a
 * stand-in for Slack's incoming webhook on 127.0.0.1 that answers the way Slack does.
 */
class SlackIT {

    private static final Duration IDLE = Duration.ofSeconds(10);

    @TempDir
    Path tempDir;

    private final WireMockServer slack =
            new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    private Path plugins;

    @BeforeEach
    void startSlackAndInstallThePlugin() throws IOException {
        slack.start();
        plugins = PackagedPlugin.installIn(tempDir);
    }

    @AfterEach
    void stopSlack() {
        slack.stop();
    }

    @Test
    void aMisspeltChannelIsRefusedAtItsLineWithTheKeyItWasMeantToBe() {
        assertThatThrownBy(() -> runtime("chanel: \"#ops\"", ""))
                .isInstanceOfSatisfying(ConfigProblem.class, problem -> assertThat(problem.lines()).containsExactly(
                        "handlers.yaml:9:7: handler 'alerts': config.chanel: unknown key; did you mean 'channel'?"
                                + " (type slack reads webhook_url, channel, username, format)"));
    }

    @Test
    void postsTheSeedsAttachmentAsJsonToTheWebhookFromTheEnvironment() throws Exception {
        slack.stubFor(post("/services/T000/B000/tok3n").willReturn(aResponse().withStatus(200)
                .withBody("ok")));
        String config = """
                version: 1
                handlers:
                  - name: alerts
                    type: slack
                    events: ["*"]
                    config:
                      webhook_url: ${SLACK_WEBHOOK_URL}
                      channel: "#workflow-alerts"
                """;

        try (Switchboard runtime = Switchboard.builder()
                .configText(config)
                .pluginsDir(plugins)
                .environment(Map.of("SLACK_WEBHOOK_URL",
                        slack.baseUrl() + "/services/T000/B000/tok3n"))
                .build()) {
            runtime.publish(WorkflowEvent.builder("step_complete")
                    .sessionId("a1b2c3d4-e5f6-7890").specName("research-workflow")
                    .patternType("chain")
                    .data(Map.of("step_index", 1, "response", "Step output...",
                            "duration_seconds", 12.5))
                    .build());
            assertThat(runtime.awaitIdle(IDLE)).isTrue();
            assertThat(stats(runtime).delivered()).isEqualTo(1);
            assertThat(stats(runtime).failed()).isZero();
        }

        slack.verify(1, postRequestedFor(urlEqualTo("/services/T000/B000/tok3n"))
                .withHeader("Content-Type", matching("application/json(;.*)?"))
                .withRequestBody(equalToJson("""
                        {"channel": "#workflow-alerts",
                         "username": "Strands Workflows",
                         "attachments": [{
                           "color": "good",
                           "title": ":white_check_mark: *step_complete* - research-workflow",
                           "fields": [
                             {"title": "Step", "value": "1", "short": true},
                             {"title": "Duration", "value": "12.50s", "short": true}],
                           "footer": "Session: a1b2c3d4"}]}
                        """)));
    }

    @Test
    void postsBlockKitWhenTheFormatIsBlocks() throws Exception {
        slack.stubFor(post("/hook").willReturn(aResponse().withStatus(200).withBody("ok")));

        Counts counts = deliver("format: blocks", "",
                WorkflowEvent.builder("error").specName("nightly").build());
        assertThat(counts.delivered()).isEqualTo(1);

        slack.verify(1, postRequestedFor(urlEqualTo("/hook"))
                .withHeader("Content-Type", matching("application/json(;.*)?"))
                .withRequestBody(equalToJson("""
                        {"channel": "#workflows", "username": "Strands Workflows",
                         "text": ":x: *error* - nightly",
                         "blocks": [
                           {"type": "section",
                            "text": {"type": "mrkdwn", "text": ":x: *error* - nightly"}},
                           {"type": "context",
                            "elements": [{"type": "mrkdwn", "text": "Session: -"}]}]}
                        """)));
    }

    @Test
    void waitsForRetryAfterWhenSlackRateLimitsThenDelivers() throws Exception {
        answerOnceThenOk(aResponse().withStatus(429).withHeader("Retry-After", "1")
                .withBody("rate_limited"));

        Counts counts = deliver("", "retry: {attempts: 2, backoff: 50ms}",
                WorkflowEvent.builder("hitl_pause").specName("s").build());
        assertThat(counts.delivered()).isEqualTo(1);
        assertThat(counts.retried()).isEqualTo(1);
        assertThat(counts.failed()).isZero();

        List<ServeEvent> requests = requestsInOrder();
        assertThat(requests).hasSize(2);
        long gapMillis = requests.get(1).getRequest().getLoggedDate().getTime()
                - requests.get(0).getRequest().getLoggedDate().getTime();
        // Retry-After (1 s) wins over the handler's 50 ms backoff.
        assertThat(gapMillis).isBetween(900L, 5_000L);
    }

    @ParameterizedTest(name = "HTTP {0} {1}")
    @CsvSource({
        "400, invalid_payload",
        "403, action_prohibited",
        "404, channel_not_found",
        "404, no_service"})
    void failsForGoodWithoutRetryOnSlacksClientErrors(int status, String reason) throws Exception {
        slack.stubFor(post("/hook").willReturn(aResponse().withStatus(status).withBody(reason)));

        Counts counts = deliver("", "retry: {attempts: 3, backoff: 50ms}",
                WorkflowEvent.builder("error").specName("s").build());
        assertThat(counts.failed()).isEqualTo(1);
        assertThat(counts.retried()).isZero();
        assertThat(counts.delivered()).isZero();

        slack.verify(1, postRequestedFor(urlEqualTo("/hook")));
    }

    @Test
    void anArchivedChannels410DisablesTheHandlerAndHoldsTheDelivery() throws Exception {
        slack.stubFor(post("/hook").willReturn(aResponse().withStatus(410).withBody("channel_is_archived")));

        try (Switchboard runtime = runtime("", "retry: {attempts: 3, backoff: 50ms}")) {
            runtime.publish(WorkflowEvent.builder("error").specName("s").build());
            long deadline = System.nanoTime() + IDLE.toNanos();
            while (!runtime.policyStates().get("alerts").status().startsWith("disabled (410 at")) {
                assertThat(System.nanoTime()).as("the handler to be disabled").isLessThan(deadline);
                Thread.sleep(10);
            }
            assertThat(runtime.awaitIdle(Duration.ofMillis(300))).as("the delivery is held, not finished").isFalse();
            assertThat(stats(runtime).failed()).isZero();
        }
        slack.verify(1, postRequestedFor(urlEqualTo("/hook")));
    }

    @Test
    void retriesAServerErrorThenDelivers() throws Exception {
        answerOnceThenOk(aResponse().withStatus(500).withBody("rollup_error"));

        Counts counts = deliver("", "retry: {attempts: 2, backoff: 50ms}",
                WorkflowEvent.builder("workflow_complete").specName("s").build());
        assertThat(counts.delivered()).isEqualTo(1);
        assertThat(counts.retried()).isEqualTo(1);

        slack.verify(2, postRequestedFor(urlEqualTo("/hook"))
                .withRequestBody(equalToJson("""
                        {"channel": "#workflows", "username": "Strands Workflows",
                         "attachments": [{"color": "good", "title": ":tada: *workflow_complete* - s",
                                          "fields": [], "footer": "Session: -"}]}
                        """)));
    }

    @Test
    void givesUpAfterTheLastAttemptWhenSlackKeepsFailing() throws Exception {
        slack.stubFor(post("/hook").willReturn(aResponse().withStatus(503).withBody("down")));

        Counts counts = deliver("", "retry: {attempts: 2, backoff: 50ms}",
                WorkflowEvent.builder("error").specName("s").build());
        assertThat(counts.failed()).isEqualTo(1);

        slack.verify(2, postRequestedFor(urlEqualTo("/hook")));
    }

    @Test
    void reportsAnUnknownFormatAtStartWithoutShowingTheWebhookUrl() {
        String config = """
                version: 1
                handlers:
                  - name: alerts
                    type: slack
                    events: ["*"]
                    config:
                      webhook_url: http://127.0.0.1:%d/services/T000/B000/s3cr3tT0ken
                      format: markdown
                """.formatted(slack.port());

        assertThatThrownBy(() -> Switchboard.builder().configText(config).pluginsDir(plugins)
                .environment(Map.of()).build().close())
                .hasMessageContaining("format")
                .hasMessageContaining("'attachments' or 'blocks'")
                .message().doesNotContain("s3cr3tT0ken");
        assertThat(slack.getAllServeEvents()).isEmpty();
    }

    // ---- helpers

    /**
     * @param config extra lines of the handler's {@code config:} block
     * @param handler extra lines of the handler entry (e.g. its retry)
     */
    private Switchboard runtime(String config, String handler) throws ConfigProblem {
        return Switchboard.builder()
                .configText("""
                        version: 1
                        handlers:
                          - name: alerts
                            type: slack
                            events: ["*"]
                            %s
                            config:
                              webhook_url: http://127.0.0.1:%d/hook
                              %s
                        """.formatted(handler, slack.port(), config))
                .pluginsDir(plugins)
                .environment(Map.of())
                .build();
    }

    /**
     * Publishes one event to a runtime with handler {@code alerts} and waits until it is handled.
     *
     * @param config extra lines of the handler's {@code config:} block
     * @param handler extra lines of the handler entry (e.g. its retry)
     * @return the handler's counters once the runtime is idle
     */
    private Counts deliver(String config, String handler, WorkflowEvent event) throws Exception {
        try (Switchboard runtime = runtime(config, handler)) {
            runtime.publish(event);
            assertThat(runtime.awaitIdle(IDLE)).isTrue();
            return stats(runtime);
        }
    }

    /** The first POST to {@code /hook} gets {@code first}; every later one 200 ok. */
    private void answerOnceThenOk(ResponseDefinitionBuilder first) {
        slack.stubFor(post("/hook").inScenario("once").whenScenarioStateIs(STARTED)
                .willReturn(first).willSetStateTo("answered"));
        slack.stubFor(post("/hook").inScenario("once").whenScenarioStateIs("answered")
                .willReturn(aResponse().withStatus(200).withBody("ok")));
    }

    /** The counters of handler {@code alerts}, read without naming the runtime's stats type. */
    private static Counts stats(Switchboard runtime) {
        return runtime.stats().stream()
                .filter(stats -> stats.name().equals("alerts"))
                .map(stats -> new Counts(stats.delivered(), stats.retried(), stats.failed()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no stats for handler 'alerts'"));
    }

    private record Counts(long delivered, long retried, long failed) {
    }

    private List<ServeEvent> requestsInOrder() {
        return slack.getAllServeEvents().stream()
                .sorted(Comparator.comparing(event -> event.getRequest().getLoggedDate()))
                .toList();
    }
}
