package dev.switchboard.plugins.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.svix.Webhook;
import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.Switchboard;
import dev.switchboard.core.config.ConfigProblem;
import dev.switchboard.testkit.PackagedPlugin;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
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
 * {@code config.template} and {@code config.template_file} of the packaged webhook plugin, and the
 * Teams and Discord templates of {@code examples/templates/}, against a real local receiver that
 * answers 2xx only to a body of the shape the service accepts.
 */
class TemplatedWebhookIT {

    private static final Path EXAMPLES = Path.of(System.getProperty("user.dir"))
            .resolve("../../examples/templates").normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

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

    private Switchboard start(Path config, Map<String, String> env) throws ConfigProblem {
        return Switchboard.builder().config(config).pluginsDir(plugins).environment(env).build();
    }

    private Path write(String name, String text) throws Exception {
        Path file = temp.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private String handler(String name, String events, String config) {
        return """
                  - name: %s
                    type: webhook
                    events: %s
                    retry: {backoff: 50ms}
                    config:
                      url: http://127.0.0.1:%d/%s
                %s""".formatted(name, events, receiver.port(), name, config);
    }

    private static WorkflowEvent event(String type, String spec, Map<String, Object> data) {
        return WorkflowEvent.builder(type).timestamp("2025-11-12T10:30:45.123456").sessionId("s-1")
                .specName(spec).patternType("chain").data(data).build();
    }

    private JsonNode onlyBody(String path) throws Exception {
        List<LoggedRequest> requests = receiver.findAll(postRequestedFor(urlEqualTo(path)));
        assertThat(requests).hasSize(1);
        return JSON.readTree(requests.get(0).getBodyAsString());
    }

    @Test
    void anInlineTemplateIsTheBodyAndSeesTheRedactedEventAndItsId() throws Exception {
        receiver.stubFor(post("/steps").willReturn(aResponse().withStatus(200)));
        Path config = write("handlers.yaml", "version: 1\nhandlers:\n" + handler("steps", "[step_complete]", """
                      template: |
                        {"run": .session_id, "step": .data.step_index, "key": .data.api_key, "id": $event_id}
                """));
        try (Switchboard switchboard = start(config, Map.of())) {
            WorkflowEvent accepted = switchboard.publish(event("step_complete", "research",
                    Map.of("step_index", 2, "api_key", "sk-123")));
            assertThat(switchboard.awaitIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(onlyBody("/steps")).isEqualTo(JSON.readTree(
                    "{\"run\": \"s-1\", \"step\": 2, \"id\": \"" + accepted.id() + "\"}"));
        }
    }

    @Test
    void aTemplateSyntaxErrorPointsAtItsLineAndColumnInHandlersYaml() throws Exception {
        Path config = write("handlers.yaml", "version: 1\nhandlers:\n" + handler("steps", "[\"*\"]", """
                      template: |
                        {"run": .session_id,
                         "step": .data.step_index +}
                """));
        ConfigProblem problem = catchThrowableOfType(ConfigProblem.class, () -> start(config, Map.of()));
        // Line 11 of the file is the template's second line; the block is indented by 8.
        assertThat(problem.getMessage()).startsWith(config + ":11:")
                .contains("handler 'steps': config.template does not compile").doesNotContain("\n");
        int column = Integer.parseInt(problem.getMessage().substring((config + ":11:").length()).split(":")[0]);
        assertThat(column).isBetween(9, 40);
    }

    @Test
    void aTemplateFileSyntaxErrorPointsIntoTheTemplateFile() throws Exception {
        Path template = write("broken.jslt", "{\n  \"a\": .x,\n  \"b\": [1, 2\n}\n");
        Path config = write("handlers.yaml", "version: 1\nhandlers:\n" + handler("steps", "[\"*\"]",
                "      template_file: broken.jslt\n"));
        ConfigProblem problem = catchThrowableOfType(ConfigProblem.class, () -> start(config, Map.of()));
        assertThat(problem.getMessage()).startsWith(template + ":4:")
                .contains("handler 'steps': config.template_file does not compile");
    }

    @Test
    void bothTemplateKeysOrAMissingFileAreConfigErrors() throws Exception {
        Path both = write("both.yaml", "version: 1\nhandlers:\n" + handler("steps", "[\"*\"]", """
                      template: '{"a": 1}'
                      template_file: x.jslt
                """));
        assertThat(catchThrowableOfType(ConfigProblem.class, () -> start(both, Map.of())))
                .hasMessage(both + ":10:7: handler 'steps': config.template_file: give template or"
                        + " template_file, not both");
        Path missing = write("missing.yaml", "version: 1\nhandlers:\n" + handler("steps", "[\"*\"]",
                "      template_file: nowhere.jslt\n"));
        assertThat(catchThrowableOfType(ConfigProblem.class, () -> start(missing, Map.of())).getMessage())
                .startsWith(missing + ":9:7: handler 'steps': config.template_file: cannot read ")
                .endsWith("nowhere.jslt: no such file");
    }

    @Test
    void aTemplateThatFailsForAnEventDeadLettersItWithTheReasonAndSendsNothing() throws Exception {
        receiver.stubFor(post("/steps").willReturn(aResponse().withStatus(200)));
        Path config = write("handlers.yaml", "version: 1\nhandlers:\n" + handler("steps", "[\"*\"]", """
                      template: |
                        {"step": if (.data.step_index) .data.step_index else error("data.step_index is required")}
                """));
        try (Switchboard switchboard = start(config, Map.of())) {
            switchboard.publish(event("step_complete", "research", Map.of("step_index", 1)));
            switchboard.publish(event("step_complete", "research", Map.of()));
            assertThat(switchboard.awaitIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(onlyBody("/steps")).isEqualTo(JSON.readTree("{\"step\": 1}"));
            assertThat(switchboard.stats().get(0).failed()).isEqualTo(1);
            assertThat(switchboard.stats().get(0).retried()).isZero();
            assertThat(switchboard.recentFailures().get("steps")).singleElement().asString()
                    .contains("config.template failed for this event").contains("data.step_index is required");
        }
    }

    @Test
    void aSignedTemplatedDeliverySignsExactlyTheTemplatesBytes() throws Exception {
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        receiver.stubFor(post("/steps").willReturn(aResponse().withStatus(200)));
        Path config = write("handlers.yaml", "version: 1\nhandlers:\n" + handler("steps", "[\"*\"]",
                "      template: '{\"text\": \"Résumé: \" + .spec_name}'\n"
                        + "    signing: {secret: \"${SECRET}\"}\n"));
        try (Switchboard switchboard = start(config, Map.of("SECRET", secret))) {
            switchboard.publish(event("step_complete", "research", Map.of()));
            assertThat(switchboard.awaitIdle(Duration.ofSeconds(10))).isTrue();
            LoggedRequest request = receiver.findAll(postRequestedFor(urlEqualTo("/steps"))).get(0);
            String body = new String(request.getBody(), StandardCharsets.UTF_8);
            assertThat(JSON.readTree(body)).isEqualTo(JSON.readTree("{\"text\": \"Résumé: research\"}"));
            HttpHeaders headers = HttpHeaders.of(Map.of(
                    "webhook-id", List.of(request.getHeader("webhook-id")),
                    "webhook-timestamp", List.of(request.getHeader("webhook-timestamp")),
                    "webhook-signature", List.of(request.getHeader("webhook-signature"))), (a, b) -> true);
            new Webhook(secret).verify(body, headers);
        }
    }

    @Test
    void theDiscordExampleMakesAnEmbedThatADiscordShapedReceiverAccepts() throws Exception {
        // Discord answers 204 to a message with content or embeds, each embed with a title; 400 otherwise.
        receiver.stubFor(post("/discord").willReturn(aResponse().withStatus(400)));
        receiver.stubFor(post("/discord").withRequestBody(matchingJsonPath("$.embeds[0].title"))
                .withRequestBody(matchingJsonPath("$.embeds[0].color"))
                .willReturn(aResponse().withStatus(204)));
        Path config = write("handlers.yaml", "version: 1\nhandlers:\n" + handler("discord", "[\"*\"]",
                "      template_file: " + EXAMPLES.resolve("discord.jslt") + "\n"));
        try (Switchboard switchboard = start(config, Map.of())) {
            WorkflowEvent accepted = switchboard.publish(event("error", "research-workflow",
                    Map.of("error", "step 3 timed out")));
            assertThat(switchboard.awaitIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(switchboard.stats().get(0).delivered()).isEqualTo(1);
            JsonNode body = onlyBody("/discord");
            assertThat(body.get("content").asText()).isEqualTo("Workflow **research-workflow** failed");
            JsonNode embed = body.get("embeds").get(0);
            assertThat(embed.get("title").asText()).isEqualTo("error: research-workflow");
            assertThat(embed.get("description").asText()).isEqualTo("step 3 timed out");
            assertThat(embed.get("color").asInt()).isEqualTo(15548997);
            assertThat(embed.get("footer").get("text").asText()).isEqualTo("event " + accepted.id());
        }
    }

    @Test
    void theTeamsExampleMakesAnAdaptiveCardAndRefusesAnEventWithoutSpecName() throws Exception {
        receiver.stubFor(post("/teams").willReturn(aResponse().withStatus(400)));
        receiver.stubFor(post("/teams").withRequestBody(matchingJsonPath("$.type", com.github.tomakehurst
                        .wiremock.client.WireMock.equalTo("message")))
                .withRequestBody(matchingJsonPath("$.attachments[0].content.type",
                        com.github.tomakehurst.wiremock.client.WireMock.equalTo("AdaptiveCard")))
                .willReturn(aResponse().withStatus(202)));
        Path config = write("handlers.yaml", "version: 1\nhandlers:\n" + handler("teams", "[\"*\"]",
                "      template_file: " + EXAMPLES.resolve("teams.jslt") + "\n"));
        try (Switchboard switchboard = start(config, Map.of())) {
            switchboard.publish(event("workflow_complete", "research-workflow", Map.of("response", "done")));
            switchboard.publish(event("workflow_complete", null, Map.of()));
            assertThat(switchboard.awaitIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(switchboard.stats().get(0).delivered()).isEqualTo(1);
            JsonNode card = onlyBody("/teams").get("attachments").get(0).get("content");
            assertThat(card.get("body").get(0).get("text").asText()).isEqualTo("research-workflow: workflow_complete");
            assertThat(card.get("body").get(2).get("text").asText()).isEqualTo("done");
            assertThat(switchboard.recentFailures().get("teams")).singleElement().asString()
                    .contains("spec_name is required for the Teams card");
        }
    }

    @Test
    void aPreviewShowsTheTemplatesBodyOrWhyItWouldFailAndSendsNothing() throws Exception {
        Path config = write("handlers.yaml", "version: 1\nhandlers:\n" + handler("teams", "[\"*\"]",
                "      template_file: " + EXAMPLES.resolve("teams.jslt") + "\n"));
        try (Switchboard switchboard = start(config, Map.of())) {
            dev.switchboard.core.HandlerPreview ok = switchboard.preview(
                    event("workflow_complete", "research-workflow", Map.of("response", "done")), null).handlers().get(0);
            assertThat(ok.outcome()).isEqualTo(dev.switchboard.core.HandlerPreview.Outcome.WOULD_SEND);
            assertThat(JSON.readTree(ok.requests().get(0).body()).at("/attachments/0/content/body/0/text").asText())
                    .isEqualTo("research-workflow: workflow_complete");
            dev.switchboard.core.HandlerPreview failing = switchboard.preview(
                    event("workflow_complete", null, Map.of()), "teams").handlers().get(0);
            assertThat(failing.outcome()).isEqualTo(dev.switchboard.core.HandlerPreview.Outcome.WOULD_FAIL);
            assertThat(failing.reason()).contains("spec_name is required for the Teams card");
        }
        assertThat(receiver.getAllServeEvents()).isEmpty();
    }

    @Test
    void theExamplesHandlersYamlLoads() throws Exception {
        receiver.stubFor(post("/steps").willReturn(aResponse().withStatus(200)));
        try (Switchboard switchboard = start(EXAMPLES.resolve("handlers.yaml"), Map.of(
                "TEAMS_WEBHOOK_URL", "http://127.0.0.1:" + receiver.port() + "/teams",
                "DISCORD_WEBHOOK_URL", "http://127.0.0.1:" + receiver.port() + "/discord",
                "INTERNAL_API_URL", "http://127.0.0.1:" + receiver.port() + "/steps"))) {
            switchboard.publish(event("step_complete", "research", Map.of("step_index", 1, "duration_seconds", 2.5)));
            assertThat(switchboard.awaitIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(onlyBody("/steps").get("seconds").asDouble()).isEqualTo(2.5);
        }
    }
}
