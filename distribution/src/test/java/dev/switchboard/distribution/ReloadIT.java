package dev.switchboard.distribution;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
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

/**
 * The assembled distribution serving HTTP reloads handlers.yaml on SIGHUP (a bad file is logged
 * with its line and changes nothing; a good one adds a handler that then receives) and, with
 * {@code run --watch}, when the file changes.
 */
class ReloadIT {

    private static final Pattern SERVING = Pattern.compile("serving on (http://127\\.0\\.0\\.1:\\d+/)");
    private static final Duration STARTUP = Duration.ofSeconds(60);

    @TempDir
    Path work;

    @RegisterExtension
    final WireMockExtension receiver = Receiver.local();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private String handler(String name, String path) {
        return """
                  - name: %s
                    type: webhook
                    events: ["*"]
                    config: {url: "http://127.0.0.1:%d%s"}
                """.formatted(name, receiver.getPort(), path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void publish(URI base) throws Exception {
        HttpResponse<String> accepted = send(HttpRequest.newBuilder(base.resolve("v1/events"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"event_type\": \"workflow_start\"}")));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    }

    private static void sighup(Launcher.Running running) throws Exception {
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(running.process.pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }

    private void awaitRequests(String path, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (receiver.findAll(postRequestedFor(urlEqualTo(path))).size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 10 s for " + count + " requests to " + path);
            }
            Thread.sleep(20);
        }
    }

    private static long count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1L;
    }

    @Test
    void sighupReloadsAGoodFileAndLogsABadOneWithItsLineLeavingTheRunningConfiguration() throws Exception {
        receiver.stubFor(post("/a").willReturn(aResponse().withStatus(200)));
        receiver.stubFor(post("/b").willReturn(aResponse().withStatus(200)));
        Path config = Files.writeString(work.resolve("handlers.yaml"), "version: 1\nhandlers:\n" + handler("audit", "/a"));

        try (Launcher.Running switchboard = Launcher.start(work, Map.of(), List.of(DistributionIT.LAUNCHER.toString(),
                "run", "--config", config.toString(), "--port", "0"))) {
            URI base = URI.create(switchboard.awaitStderr(SERVING, STARTUP));
            publish(base);
            awaitRequests("/a", 1);

            Files.writeString(config, "version: 1\nhandlers:\n" + handler("audit", "/a")
                    + handler("second", "/b").replace("type: webhook", "type: carrier-pigeon"));
            sighup(switchboard);
            switchboard.awaitStderr(Pattern.compile("configuration not reloaded"), Duration.ofSeconds(20));
            switchboard.awaitStderr(Pattern.compile(Pattern.quote(config + ":8:11: handler 'second': unknown type"
                    + " 'carrier-pigeon'")), Duration.ofSeconds(5));
            publish(base);
            awaitRequests("/a", 2);
            assertThat(receiver.findAll(postRequestedFor(urlEqualTo("/b")))).isEmpty();

            Files.writeString(config, "version: 1\nhandlers:\n" + handler("audit", "/a") + handler("second", "/b"));
            sighup(switchboard);
            switchboard.awaitStderr(Pattern.compile("configuration reloaded \\(\\w+\\): added \\[second\\], replaced"
                    + " \\[audit\\], removed \\[\\]"), Duration.ofSeconds(20));
            publish(base);
            awaitRequests("/a", 3);
            awaitRequests("/b", 1);

            String metrics = send(HttpRequest.newBuilder(base.resolve("metrics")).GET()).body();
            assertThat(metrics).contains("switchboard_config_reloads_total{result=\"success\"} 1.0")
                    .contains("switchboard_config_reloads_total{result=\"failure\"} 1.0");
            assertThat(switchboard.terminate(Duration.ofSeconds(30))).as(switchboard.stderr()).isZero();
            assertThat(receiver.findAll(postRequestedFor(urlEqualTo("/a")))).hasSize(3);
            assertThat(receiver.findAll(postRequestedFor(urlEqualTo("/b")))).hasSize(1);
        }
    }

    @Test
    void runWatchReloadsWhenTheFileChanges() throws Exception {
        receiver.stubFor(post("/a").willReturn(aResponse().withStatus(200)));
        receiver.stubFor(post("/b").willReturn(aResponse().withStatus(200)));
        Path config = Files.writeString(work.resolve("handlers.yaml"), "version: 1\nhandlers:\n" + handler("audit", "/a"));

        try (Launcher.Running switchboard = Launcher.start(work, Map.of(), List.of(DistributionIT.LAUNCHER.toString(),
                "run", "--watch", "--config", config.toString(), "--port", "0"))) {
            URI base = URI.create(switchboard.awaitStderr(SERVING, STARTUP));

            Files.writeString(config, "version: 1\nhandlers:\n" + handler("audit", "/b"));
            switchboard.awaitStderr(Pattern.compile("configuration reloaded"), Duration.ofSeconds(30));
            publish(base);
            awaitRequests("/b", 1);
            assertThat(receiver.findAll(postRequestedFor(urlEqualTo("/a")))).isEmpty();
            assertThat(count(switchboard.stderr(), "configuration reloaded")).as("one reload per change").isEqualTo(1);
            assertThat(switchboard.terminate(Duration.ofSeconds(30))).as(switchboard.stderr()).isZero();
        }
    }
}
