package dev.switchboard.distribution;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code switchboard run} without {@code --input}: the assembled distribution serving HTTP as a process. */
class ServiceIT {

    private static final Pattern SERVING = Pattern.compile("serving on (http://127\\.0\\.0\\.1:\\d+/)");
    private static final Duration STARTUP = Duration.ofSeconds(60);

    @TempDir
    Path work;

    @RegisterExtension
    final WireMockExtension receiver = Receiver.local();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Launcher.Running serve(Path config) throws IOException {
        return Launcher.start(work, Map.of(), List.of(DistributionIT.LAUNCHER.toString(), "run", "--config", config.toString(),
                "--port", "0"));
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postJson(URI uri, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void awaitReady(URI base) throws Exception {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (get(base.resolve("readyz")).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // The port is printed just after Jetty started; retry.
            }
            Thread.sleep(50);
        }
        throw new AssertionError("/readyz never answered 200");
    }

    @Test
    void servesEventsThenOnSigtermFinishesTheDeliveryInFlightAndExitsZero() throws Exception {
        receiver.stubFor(post("/hook").willReturn(aResponse().withStatus(200).withFixedDelay(1500)));
        Path config = Files.writeString(work.resolve("handlers.yaml"), """
                version: 1
                handlers:
                  - name: audit
                    type: webhook
                    events: ["*"]
                    config: {url: "http://127.0.0.1:%d/hook"}
                server:
                  timeouts: {drain: 0s}
                """.formatted(receiver.getPort()));

        try (Launcher.Running switchboard = serve(config)) {
            URI base = URI.create(switchboard.awaitStderr(SERVING, STARTUP));
            awaitReady(base);

            HttpResponse<String> accepted = postJson(base.resolve("v1/events"), """
                    [{"event_type": "workflow_start", "timestamp": "2025-11-12T10:30:45.123456", "session_id": "s-1",
                      "spec_name": "research-workflow", "pattern_type": "chain", "data": {"topic": "AI"}},
                     {"event_type": "hitl_pause", "session_id": "s-1", "spec_name": "research-workflow"}]
                    """);
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            JsonNode session = new ObjectMapper().readTree(get(base.resolve("v1/sessions/s-1")).body());
            assertThat(session.get("status").asText()).isEqualTo("paused");
            Thread.sleep(300);
            assertThat(switchboard.process.isAlive()).isTrue();

            int exit = switchboard.terminate(Duration.ofSeconds(30));

            assertThat(exit).as(switchboard.stderr()).isZero();
            receiver.verify(2, postRequestedFor(urlEqualTo("/hook")));
            assertThat(switchboard.stderr()).contains("shutting down").contains("every delivery finished");
            // Logging starts on a second thread while the command line is read: SLF4J must not have
            // seen two threads initialising it (it would warn that it replayed stand-in loggers).
            assertThat(switchboard.stderr()).doesNotContain("SLF4J");
        }
    }

    @Test
    void onSigtermReadyzAnswers503ForTheDrainWhileTheServiceStillAnswersThenItExits() throws Exception {
        Path config = Files.writeString(work.resolve("handlers.yaml"), """
                version: 1
                handlers:
                  - {name: console, type: console, events: ["*"]}
                server:
                  timeouts: {drain: 2s}
                """);

        try (Launcher.Running switchboard = serve(config)) {
            URI base = URI.create(switchboard.awaitStderr(SERVING, STARTUP));
            awaitReady(base);
            long signalled = System.nanoTime();

            switchboard.process.destroy();
            switchboard.awaitStderr(Pattern.compile("readyz answers 503 for 2000 ms"), Duration.ofSeconds(10));

            assertThat(get(base.resolve("readyz")).statusCode()).isEqualTo(503);
            assertThat(get(base.resolve("healthz")).statusCode()).isEqualTo(200);
            assertThat(switchboard.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(switchboard.process.exitValue()).as(switchboard.stderr()).isZero();
            assertThat(Duration.ofNanos(System.nanoTime() - signalled)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        }
    }

    @Test
    void aServerSectionMistakeExitsTwoBeforeServing() throws Exception {
        Path config = Files.writeString(work.resolve("handlers.yaml"), """
                version: 1
                handlers:
                  - {name: console, type: console, events: ["*"]}
                server:
                  metrics_auth: maybe
                """);

        Launcher.Result result = Launcher.run(work, Map.of(), List.of(DistributionIT.LAUNCHER.toString(), "run",
                "--config", config.toString()));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr().strip()).isEqualTo(config + ":5:3: server.metrics_auth: must be one of auto, open, api_key");
    }
}
