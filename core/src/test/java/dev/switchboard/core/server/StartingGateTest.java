package dev.switchboard.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.config.HandlersConfigLoader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.eclipse.jetty.http.HttpStatus;
import org.junit.jupiter.api.Test;

/** The server listens while the runtime is built; until then it says it is starting. */
class StartingGateTest {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> send(int port, String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString("{\"event_type\": \"x\"}"))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void answersStartingUntilTheRoutesAreOpenedThenServesThem() throws Exception {
        ServerSettings settings = ServerSettings.read(HandlersConfigLoader.parse("handlers.yaml",
                "version: 1\nhandlers:\n  - {name: c, type: console, events: [x]}\n", Map.of()), "127.0.0.1", 0);
        StartingGate gate = new StartingGate();
        JettyServer jetty = JettyServer.startInBackground(settings, gate).await();
        try {
            HttpResponse<String> ready = send(jetty.port(), "GET", "/readyz");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("\"starting\"");
            assertThat(send(jetty.port(), "GET", "/healthz").statusCode()).isEqualTo(200);
            HttpResponse<String> post = send(jetty.port(), "POST", "/v1/events");
            assertThat(post.statusCode()).isEqualTo(503);
            assertThat(post.headers().firstValue("Retry-After")).hasValue("1");

            gate.open(new Routes(new Access(settings.apiKeys, settings.metricsAuth))
                    .add("GET", "/readyz", Access.Need.NOTHING, exchange -> exchange.json(HttpStatus.OK_200,
                            Map.of("status", "ready"))));

            assertThat(send(jetty.port(), "GET", "/readyz").statusCode()).isEqualTo(200);
            assertThat(send(jetty.port(), "POST", "/v1/events").statusCode()).isEqualTo(404);
        } finally {
            jetty.stop();
        }
    }
}
