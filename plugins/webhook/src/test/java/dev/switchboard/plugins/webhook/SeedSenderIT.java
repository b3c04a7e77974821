package dev.switchboard.plugins.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.switchboard.core.server.SwitchboardServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sender written for the seed workflow tool, pointed at Switchboard's {@code POST /v1/events}:
 * the seed's {@code GenericWebhookHandler} posts each event as the seed's JSON payload (Python's
 * {@code json.dumps}, so {@code ", "} and {@code ": "} separators and {@code \\u} escapes) with
 * {@code Content-Type: application/json} and its configured headers, here the service's API key as a
 * bearer token. Each event must reach a {@code type: webhook} handler (the packaged plugin JAR)
 * with the same JSON body.
 */
class SeedSenderIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API_KEY = "sb-live-0123456789abcdef";

    /** Exactly what the seed's sender puts on the wire for one research session. */
    private static final List<String> SEED_BODIES = List.of(
            "{\"event_type\": \"workflow_start\", \"timestamp\": \"2025-11-12T10:30:44.000812\", \"session_id\": "
                    + "\"a1b2c3d4-e5f6-7890\", \"spec_name\": \"research-workflow\", \"pattern_type\": \"chain\", "
                    + "\"data\": {\"inputs\": {\"topic\": \"Caf\\u00e9 supply chains\"}, \"steps\": 3}}",
            "{\"event_type\": \"step_complete\", \"timestamp\": \"2025-11-12T10:30:45.123456\", \"session_id\": "
                    + "\"a1b2c3d4-e5f6-7890\", \"spec_name\": \"research-workflow\", \"pattern_type\": \"chain\", "
                    + "\"data\": {\"step_index\": 1, \"response\": \"Step output...\", \"duration_seconds\": 2.5}}",
            "{\"event_type\": \"hitl_pause\", \"timestamp\": \"2025-11-12T10:31:02.5\", \"session_id\": "
                    + "\"a1b2c3d4-e5f6-7890\", \"spec_name\": \"research-workflow\", \"pattern_type\": \"chain\", "
                    + "\"data\": {\"prompt\": \"Approve the outline?\", \"context\": [\"intro\", \"methods\"], "
                    + "\"timeout_seconds\": null, \"required\": true}}",
            "{\"event_type\": \"error\", \"timestamp\": \"2025-11-12T10:32:10.000001\", \"session_id\": null, "
                    + "\"spec_name\": \"research-workflow\", \"pattern_type\": \"chain\", "
                    + "\"data\": {\"error\": \"RateLimitError: 429\", \"step_index\": 2}}",
            "{\"event_type\": \"workflow_complete\", \"timestamp\": \"2025-11-12T10:33:00\", \"session_id\": "
                    + "\"a1b2c3d4-e5f6-7890\", \"spec_name\": \"research-workflow\", \"pattern_type\": \"chain\", "
                    + "\"data\": {\"duration_seconds\": 136.2, \"total_steps\": 3}}");

    @TempDir
    Path temp;

    private WireMockServer receiver;
    private SwitchboardServer server;

    @BeforeEach
    void setUp() throws Exception {
        receiver = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        receiver.start();
        receiver.stubFor(post("/workflow-events").willReturn(aResponse().withStatus(200)));
        Path plugins = Files.createDirectories(temp.resolve("plugins"));
        Path jar = Path.of(System.getProperty("plugin.jar"));
        Files.copy(jar, plugins.resolve(jar.getFileName()));
        server = SwitchboardServer.builder()
                .configText("""
                        version: 1
                        handlers:
                          - name: workflow-events
                            type: webhook
                            events: ["*"]
                            config:
                              url: http://127.0.0.1:%d/workflow-events
                        server:
                          api_keys: ["${SWITCHBOARD_API_KEY}"]
                        """.formatted(receiver.port()))
                .pluginsDir(plugins)
                .environment(Map.of("SWITCHBOARD_API_KEY", API_KEY))
                .host("127.0.0.1")
                .port(0)
                .start();
    }

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close(Duration.ofSeconds(5));
        }
        receiver.stop();
    }

    /** What the seed's GenericWebhookHandler sends: a POST with the JSON body and its headers. */
    private HttpResponse<String> sendAsTheSeedDoes(HttpClient client, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(server.uri().resolve("v1/events"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("User-Agent", "python-httpx/0.27.2")
                .header("Accept", "*/*")
                .header("Authorization", "Bearer " + API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void eventsPostedAsTheSeedsSenderPostsThemReachTheWebhookHandlerWithTheSameBody() throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<String> ids = new ArrayList<>();
        for (String body : SEED_BODIES) {
            HttpResponse<String> response = sendAsTheSeedDoes(client, body);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            JsonNode answer = JSON.readTree(response.body());
            assertThat(answer.get("accepted").asInt()).isEqualTo(1);
            ids.add(answer.get("ids").get(0).asText());
        }

        assertThat(server.switchboard().awaitIdle(Duration.ofSeconds(10))).isTrue();
        List<LoggedRequest> received = receiver.findAll(postRequestedFor(urlEqualTo("/workflow-events")));
        assertThat(received).hasSize(SEED_BODIES.size());
        for (int i = 0; i < SEED_BODIES.size(); i++) {
            String sent = SEED_BODIES.get(i);
            LoggedRequest request = received.stream()
                    .filter(r -> ids.get(SEED_BODIES.indexOf(sent)).equals(r.getHeader("webhook-id")))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no delivery of " + sent));
            assertThat(request.getHeader("Content-Type")).startsWith("application/json");
            JsonNode body = JSON.readTree(request.getBodyAsString());
            assertThat(body).as("body of %s", sent).isEqualTo(JSON.readTree(sent));
            assertThat(fieldNames(body)).containsExactly("event_type", "timestamp", "session_id", "spec_name",
                    "pattern_type", "data");
        }
        assertThat(received).noneMatch(r -> r.getBodyAsString().contains(API_KEY)
                || API_KEY.equals(r.getHeader("Authorization")));
    }

    @Test
    void theSeedsSenderWithoutTheKeyIsRefusedAndNothingIsDelivered() throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.uri().resolve("v1/events"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(SEED_BODIES.get(0)))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(server.switchboard().awaitIdle(Duration.ofSeconds(2))).isTrue();
        receiver.verify(0, postRequestedFor(urlEqualTo("/workflow-events")));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
