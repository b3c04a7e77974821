package dev.switchboard.distribution;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tarball's launcher with a payload template: {@code preview} sends nothing and shows the
 * template's body; {@code run --log-format json} logs one JSON object per line, a failed
 * delivery's fields among them; a wrong log format is one line and exit 2.
 */
class OperatorToolsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @RegisterExtension
    final WireMockExtension receiver = Receiver.local();

    private Path config() throws Exception {
        return Files.writeString(work.resolve("handlers.yaml"), """
                version: 1
                store: {type: memory}
                handlers:
                  - name: chat
                    type: webhook
                    events: ["*"]
                    config:
                      url: http://127.0.0.1:%d/chat
                      template: |
                        {"text": .event_type + " in " + .spec_name}
                """.formatted(receiver.getPort()));
    }

    @Test
    void previewShowsTheTemplatesBodyAndSendsNothing() throws Exception {
        Path event = Files.writeString(work.resolve("event.json"),
                "{\"event_type\": \"workflow_complete\", \"spec_name\": \"research\"}");

        Launcher.Result result = Launcher.run(work, Map.of(), List.of(DistributionIT.LAUNCHER.toString(), "preview",
                "--config", config().toString(), "--event", event.toString()));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).contains("== chat (webhook): would send")
                .contains("{\"text\":\"workflow_complete in research\"}");
        assertThat(receiver.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void runWithTheJsonLogFormatLogsOneObjectPerLineWithTheDeliverysFields() throws Exception {
        receiver.stubFor(post("/chat").willReturn(aResponse().withStatus(400).withBody("no such channel")));
        Path input = Files.writeString(work.resolve("events.ndjson"),
                "{\"event_type\": \"error\", \"spec_name\": \"research\"}\n");

        Launcher.Result result = Launcher.run(work, Map.of(), List.of(DistributionIT.LAUNCHER.toString(), "run",
                "--log-format", "json", "--config", config().toString(), "--input", input.toString()));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        List<JsonNode> logLines = new ArrayList<>();
        for (String line : result.stderr().lines().toList()) {
            if (!line.startsWith("failed: ")) { // the summary's reasons, not log lines
                logLines.add(JSON.readTree(line));
            }
        }
        JsonNode failure = logLines.stream().filter(line -> line.has("delivery_id")).findFirst().orElseThrow();
        assertThat(failure.get("handler").asText()).isEqualTo("chat");
        assertThat(failure.get("attempt").asText()).isEqualTo("1");
        assertThat(failure.get("status").asText()).isEqualTo("failed");
        assertThat(failure.get("level").asText()).isEqualTo("WARN");
        assertThat(failure.get("message").asText()).contains("HTTP 400: no such channel");
        assertThat(receiver.findAll(postRequestedFor(urlEqualTo("/chat"))).get(0).getBodyAsString())
                .isEqualTo("{\"text\":\"error in research\"}");
        assertThat(result.stdout()).contains("p50 ms").contains("elapsed: ");
    }

    @Test
    void anUnknownLogFormatIsOneLineAndExit2() throws Exception {
        Launcher.Result result = Launcher.run(work, Map.of("SWITCHBOARD_LOG_FORMAT", "xml"),
                List.of(DistributionIT.LAUNCHER.toString(), "validate", "--config", config().toString()));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr().strip()).isEqualTo("switchboard: log format 'xml' (--log-format or"
                + " SWITCHBOARD_LOG_FORMAT) is not one of text, json");
    }
}
