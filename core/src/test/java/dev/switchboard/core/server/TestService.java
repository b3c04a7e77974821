package dev.switchboard.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * A {@link SwitchboardServer} on a free port of 127.0.0.1 and a JDK HTTP client talking to it,
 * every request bounded by a timeout.
 */
final class TestService implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    final SwitchboardServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    private TestService(SwitchboardServer server) {
        this.server = server;
    }

    /** @param yaml a whole handlers.yaml; its server section, if any, must not set host or port */
    static TestService start(String yaml) throws Exception {
        return start(yaml, Map.of());
    }

    static TestService start(String yaml, Map<String, String> env) throws Exception {
        return new TestService(SwitchboardServer.builder().configText(yaml).environment(env)
                .host("127.0.0.1").port(0).start());
    }

    /** A server whose store is the SQLite file in {@code dataDir}. */
    static TestService startOn(java.nio.file.Path dataDir, String yaml) throws Exception {
        return new TestService(SwitchboardServer.builder().configText(yaml).environment(Map.of()).dataDir(dataDir)
                .host("127.0.0.1").port(0).start());
    }

    URI uri(String path) {
        return server.uri().resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT);
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(request(path).GET());
    }

    HttpResponse<String> delete(String path) throws IOException, InterruptedException {
        return send(request(path).DELETE());
    }

    HttpResponse<String> post(String path, String contentType, String body) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> post(String path, String contentType, byte[] body) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    HttpResponse<String> postJson(String path, String body) throws IOException, InterruptedException {
        return post(path, "application/json", body);
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        assertThat(response.headers().firstValue("Content-Type")).as(response.body()).hasValue("application/json");
        return JSON.readTree(response.body());
    }

    /** Polls (every 10 ms, up to 5 s) until the condition holds. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }

    /** Closes with this grace for pending deliveries (short for tests that leave retries scheduled). */
    void close(Duration grace) {
        server.close(grace);
    }
}
