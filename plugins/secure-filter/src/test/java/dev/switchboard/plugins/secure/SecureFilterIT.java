package dev.switchboard.plugins.secure;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.HandlerStats;
import dev.switchboard.core.Switchboard;
import dev.switchboard.core.config.ConfigProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged secure-filter JAR in a real plugins folder, attached with {@code filters:} to a
 * {@code type: webhook} handler that posts to a local receiver: what arrives is redacted.
 *
 * <p>Needs the webhook plugin: its JAR is copied from the {@code webhook.plugin.jar} system
 * property when set (failsafe should set it), else {@code type: webhook} must be on the host.
 * Deny-listed keys here avoid the runtime's default redaction keys (password, secret, api_key),
 * which are removed before any filter runs.
 */
class SecureFilterIT {

    private static final String AWS_KEY = "AKIAIOSFODNN7EXAMPLE";
    private static final String GITHUB_TOKEN = "ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789";
    private static final String CARD = "4111 1111 1111 1111";

    @TempDir
    Path tempDir;

    private WireMockServer receiver;
    private Path plugins;

    @BeforeEach
    void startReceiverAndInstallPlugins() throws IOException {
        receiver = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        receiver.start();
        receiver.stubFor(post(urlEqualTo("/audit")).willReturn(aResponse().withStatus(200)));
        receiver.stubFor(post(urlEqualTo("/raw")).willReturn(aResponse().withStatus(200)));

        plugins = Files.createDirectories(tempDir.resolve("plugins"));
        install(System.getProperty("plugin.jar"));
        String webhookJar = System.getProperty("webhook.plugin.jar");
        if (webhookJar != null && !webhookJar.isBlank()) {
            install(webhookJar);
        }
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop();
    }

    @Test
    void theWebhookReceivesTheEventWithEverySecretReplaced() throws Exception {
        try (Switchboard runtime = runtime("""
                version: 1
                handlers:
                  - name: audit
                    type: webhook
                    events: ["*"]
                    filters: [secure]
                    retry: {attempts: 2, backoff: 50ms}
                    config:
                      url: http://127.0.0.1:%d/audit
                """)) {
            runtime.publish(event(Map.of(
                    "step_index", 2,
                    "response", "used " + AWS_KEY + " and paid with " + CARD,
                    "tool_calls", List.of(Map.of("args", Map.of("token", GITHUB_TOKEN))),
                    "request", Map.of("headers", Map.of("Authorization", "token abc")))));

            assertThat(runtime.awaitIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(runtime.stats()).extracting(HandlerStats::name, HandlerStats::delivered)
                    .containsExactly(tuple("audit", 1L));
        }

        receiver.verify(1, postRequestedFor(urlEqualTo("/audit"))
                .withRequestBody(matchingJsonPath("$.event_type", equalTo("step_complete")))
                .withRequestBody(matchingJsonPath("$.data.step_index", equalTo("2")))
                .withRequestBody(matchingJsonPath("$.data.response",
                        equalTo("used [REDACTED:aws_access_key] and paid with [REDACTED:card_number]")))
                .withRequestBody(matchingJsonPath("$.data.tool_calls[0].args.token",
                        equalTo("[REDACTED:github_token]")))
                .withRequestBody(matchingJsonPath("$.data.request.headers.Authorization",
                        equalTo("[REDACTED:authorization]")))
                .withRequestBody(notContaining(AWS_KEY))
                .withRequestBody(notContaining(GITHUB_TOKEN))
                .withRequestBody(notContaining(CARD)));
    }

    @Test
    void onlyTheHandlerThatListsTheFilterGetsTheRedactedEvent() throws Exception {
        try (Switchboard runtime = runtime("""
                version: 1
                handlers:
                  - name: audit
                    type: webhook
                    events: [step_complete]
                    filters: [secure]
                    retry: {attempts: 2, backoff: 50ms}
                    config:
                      url: http://127.0.0.1:%1$d/audit
                  - name: raw
                    type: webhook
                    events: [step_complete]
                    retry: {attempts: 2, backoff: 50ms}
                    config:
                      url: http://127.0.0.1:%1$d/raw
                """)) {
            runtime.publish(event(Map.of("response", "used " + AWS_KEY)));

            assertThat(runtime.awaitIdle(Duration.ofSeconds(10))).isTrue();
        }

        receiver.verify(1, postRequestedFor(urlEqualTo("/audit"))
                .withRequestBody(matchingJsonPath("$.data.response",
                        equalTo("used [REDACTED:aws_access_key]"))));
        receiver.verify(1, postRequestedFor(urlEqualTo("/raw"))
                .withRequestBody(matchingJsonPath("$.data.response", equalTo("used " + AWS_KEY))));
    }

    @Test
    void theFiltersConfigBlockFromHandlersYamlIsApplied() throws Exception {
        try (Switchboard runtime = runtime("""
                version: 1
                handlers:
                  - name: audit
                    type: webhook
                    events: ["*"]
                    retry: {attempts: 2, backoff: 50ms}
                    filters:
                      - type: secure
                        config:
                          emails: true
                          deny_keys: [session_cookie]
                          allow_keys: [response, user]
                          patterns:
                            ticket: 'SEC-[0-9]{5}'
                    config:
                      url: http://127.0.0.1:%d/audit
                """)) {
            runtime.publish(event(Map.of(
                    "response", "Escalated SEC-00042 to ada@example.com",
                    "user", Map.of("name", "ada", "Session_Cookie", "c0ffee-42"),
                    "prompt", "dropped by the allow-list")));

            assertThat(runtime.awaitIdle(Duration.ofSeconds(10))).isTrue();
        }

        receiver.verify(1, postRequestedFor(urlEqualTo("/audit"))
                .withRequestBody(matchingJsonPath("$.data.response",
                        equalTo("Escalated [REDACTED:ticket] to [REDACTED:email]")))
                .withRequestBody(matchingJsonPath("$.data.user.name", equalTo("ada")))
                .withRequestBody(matchingJsonPath("$.data.user.Session_Cookie", equalTo("[REDACTED:key]")))
                .withRequestBody(notContaining("prompt"))
                .withRequestBody(notContaining("c0ffee-42")));
    }

    @Test
    void anInvalidPatternIsAConfigurationProblemNamingThePattern() {
        assertThatThrownBy(() -> runtime("""
                version: 1
                handlers:
                  - name: audit
                    type: webhook
                    events: ["*"]
                    filters:
                      - type: secure
                        config:
                          patterns:
                            broken: 'SEC-(\\d+'
                    config:
                      url: http://127.0.0.1:%d/audit
                """).close())
                .isInstanceOf(ConfigProblem.class)
                .hasMessageContaining("patterns.broken")
                .hasMessageContaining("not a valid Java regular expression");
    }

    private Switchboard runtime(String yamlTemplate) throws ConfigProblem {
        return Switchboard.builder()
                .configText(yamlTemplate.formatted(receiver.port()))
                .pluginsDir(plugins)
                .environment(Map.of())
                .build();
    }

    private void install(String jarPath) throws IOException {
        Path jar = Path.of(jarPath);
        Files.copy(jar, plugins.resolve(jar.getFileName()));
    }

    private static WorkflowEvent event(Map<String, ?> data) {
        return WorkflowEvent.builder("step_complete").specName("research-workflow").data(data).build();
    }
}
