package dev.switchboard.core.server;

import static dev.switchboard.core.server.TestService.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.testing.ScriptedReceiver;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The delivery policy through a real server against a real local receiver: states in /v1/handlers and /metrics. */
class HandlerPolicyServerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private static String config(String url, String policy) {
        return """
                version: 1
                handlers:
                  - name: hook
                    type: posting
                    events: ["*"]
                    retry: {attempts: 3, backoff: 50ms}
                %s
                    config: {url: "%s"}
                """.formatted(policy, url);
    }

    private static JsonNode handler(TestService service) throws Exception {
        return json(service.get("/v1/handlers")).get("items").get(0);
    }

    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + PATIENCE + " for " + what);
            }
            LockSupport.parkNanos(5_000_000);
        }
    }

    private static boolean status(TestService service, String prefix) {
        try {
            return handler(service).get("status").asText().startsWith(prefix);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void a410DisablesTheHandlerUntilEnabledAndTheStateSurvivesARestart(@TempDir Path data) throws Exception {
        try (ScriptedReceiver receiver = new ScriptedReceiver()) {
            receiver.answer(410);
            String yaml = config(receiver.url(), "");
            try (TestService service = TestService.startOn(data, yaml)) {
                service.postJson("/v1/events", "{\"event_type\": \"error\"}");
                await(() -> status(service, "disabled (410 at "), "the handler to be disabled");
                service.postJson("/v1/events", "{\"event_type\": \"error\"}");
                Thread.sleep(300);

                assertThat(receiver.arrivals()).hasSize(1);
                JsonNode hook = handler(service);
                assertThat(hook.get("queued").asInt()).isEqualTo(2);
                assertThat(hook.get("failed").asInt()).isZero();
                assertThat(service.get("/metrics").body())
                        .contains("switchboard_handler_state{handler=\"hook\",state=\"disabled\"} 1.0")
                        .contains("switchboard_handler_state{handler=\"hook\",state=\"closed\"} 1.0");
                service.close(Duration.ofMillis(100));
            }
            receiver.answer(204);
            try (TestService service = TestService.startOn(data, yaml)) {
                Thread.sleep(300);
                assertThat(receiver.arrivals()).hasSize(1);
                assertThat(handler(service).get("status").asText()).startsWith("disabled (410 at ");

                HttpResponse<String> enabled = service.post("/v1/handlers/hook/enable", "application/json", "");

                assertThat(enabled.statusCode()).isEqualTo(200);
                assertThat(json(enabled).get("was_disabled").asBoolean()).isTrue();
                receiver.await(3, PATIENCE);
                await(() -> status(service, "enabled"), "enabled");
                assertThat(service.server.switchboard().awaitIdle(PATIENCE)).isTrue();
                assertThat(handler(service).get("delivered").asInt()).isEqualTo(2);
                assertThat(service.get("/metrics").body())
                        .contains("switchboard_handler_state{handler=\"hook\",state=\"disabled\"} 0.0");
                assertThat(service.post("/v1/handlers/nobody/enable", "application/json", "").statusCode())
                        .isEqualTo(404);
            }
        }
    }

    private static String breaker(TestService service) {
        try {
            return handler(service).get("breaker").asText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theBreakerOpensOnAnOutageProbesAndClosesWhenTheReceiverIsBack() throws Exception {
        try (ScriptedReceiver receiver = new ScriptedReceiver()) {
            receiver.answer(503);
            String yaml = config(receiver.url(), "    breaker: {failures: 2, open_for: 1s}\n    concurrency: 1");
            try (TestService service = TestService.start(yaml)) {
                for (int i = 0; i < 4; i++) {
                    service.postJson("/v1/events", "{\"event_type\": \"error\"}");
                }
                await(() -> breaker(service).equals("open"), "the breaker to open");
                assertThat(service.get("/metrics").body())
                        .contains("switchboard_handler_state{handler=\"hook\",state=\"open\"} 1.0");
                Thread.sleep(2_500); // two or three probes at most
                int duringOutage = receiver.arrivals().size();
                assertThat(duringOutage).isBetween(2, 2 + 3);

                receiver.answer(204);
                assertThat(service.server.switchboard().awaitIdle(PATIENCE)).isTrue();

                JsonNode hook = handler(service);
                assertThat(hook.get("delivered").asInt()).isEqualTo(4);
                assertThat(hook.get("failed").asInt()).isZero();
                assertThat(hook.get("breaker").asText()).isEqualTo("closed");
                assertThat(service.get("/metrics").body())
                        .contains("switchboard_handler_state{handler=\"hook\",state=\"closed\"} 1.0");
            }
        }
    }

    @Test
    void twentyEventsAtTwoPerSecondArriveNoFasterThanTheBucketAllows() throws Exception {
        try (ScriptedReceiver receiver = new ScriptedReceiver()) {
            String yaml = config(receiver.url(), "    rate: {per_second: 2}");
            try (TestService service = TestService.start(yaml)) {
                StringBuilder batch = new StringBuilder("[");
                for (int i = 0; i < 20; i++) {
                    batch.append(i == 0 ? "" : ",").append("{\"event_type\": \"error\", \"data\": {\"seq\": ")
                            .append(i).append("}}");
                }
                assertThat(service.postJson("/v1/events", batch.append("]").toString()).statusCode()).isEqualTo(202);
                java.util.List<ScriptedReceiver.Arrival> arrivals = receiver.await(20, Duration.ofSeconds(20));

                long first = arrivals.get(0).atMillis();
                for (int i = 1; i < arrivals.size(); i++) {
                    // burst 1: the i-th waits for i tokens at 2 a second (a few ms allowed for the request's own way)
                    assertThat(arrivals.get(i).atMillis() - first).as("arrival %d", i).isGreaterThanOrEqualTo(i * 500L - 20);
                }
                assertThat(arrivals.get(19).atMillis() - first).isLessThan(19 * 500L + 2_000);
                JsonNode policy = handler(service).get("policy");
                assertThat(policy.get("rate").get("per_second").asDouble()).isEqualTo(2.0);
            }
        }
    }

    @Test
    void aDeadLetterIsHandedToTheFallbackWithTheReasonInData() throws Exception {
        try (ScriptedReceiver receiver = new ScriptedReceiver(); ScriptedReceiver backup = new ScriptedReceiver()) {
            receiver.answer(404);
            String yaml = """
                    version: 1
                    handlers:
                      - name: hook
                        type: posting
                        events: ["*"]
                        fallback: backup
                        config: {url: "%s"}
                      - name: backup
                        type: posting
                        events: [never_sent]
                        config: {url: "%s"}
                    """.formatted(receiver.url(), backup.url());
            try (TestService service = TestService.start(yaml)) {
                service.postJson("/v1/events", "{\"event_type\": \"error\", \"session_id\": \"s1\", \"data\": {\"seq\": 7}}");
                ScriptedReceiver.Arrival handed = backup.await(1, PATIENCE).get(0);
                assertThat(service.server.switchboard().awaitIdle(PATIENCE)).isTrue();

                JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(handed.body());
                assertThat(body.get("event_type").asText()).isEqualTo("error");
                assertThat(body.get("session_id").asText()).isEqualTo("s1");
                assertThat(body.get("data").get("seq").asInt()).isEqualTo(7);
                JsonNode why = body.get("data").get("_switchboard");
                assertThat(why.get("failure").asText()).startsWith("HTTP 404");
                assertThat(why.get("handler").asText()).isEqualTo("hook");
                assertThat(why.get("event_id").asText()).isEqualTo(receiver.arrivals().get(0).webhookId());
                assertThat(handed.webhookId()).isNotEqualTo(receiver.arrivals().get(0).webhookId());
                assertThat(json(service.get("/v1/handlers")).get("items").get(0).get("policy").get("fallback").asText())
                        .isEqualTo("backup");
            }
        }
    }

    @Test
    void aDeliveryPastExpireAfterIsADeadLetterExpiredAndJitteredRetriesStillGoOut() throws Exception {
        try (ScriptedReceiver receiver = new ScriptedReceiver()) {
            receiver.answer(503);
            String yaml = """
                    version: 1
                    handlers:
                      - name: hook
                        type: posting
                        events: ["*"]
                        retry: {attempts: 100, backoff: 100ms, multiplier: 1, jitter: 0.5}
                        expire_after: 1s
                        breaker: {failures: 1000}
                        config: {url: "%s"}
                    """.formatted(receiver.url());
            try (TestService service = TestService.start(yaml)) {
                service.postJson("/v1/events", "{\"event_type\": \"error\"}");
                assertThat(service.server.switchboard().awaitIdle(PATIENCE)).isTrue();

                JsonNode dead = json(service.get("/v1/deliveries?state=dead")).get("items").get(0);
                assertThat(dead.get("last_reason").asText()).isEqualTo("expired");
                java.util.List<ScriptedReceiver.Arrival> arrivals = receiver.arrivals();
                assertThat(arrivals.size()).isBetween(3, 21); // attempts 50-150 ms apart within the second
                assertThat(arrivals.get(arrivals.size() - 1).atMillis() - arrivals.get(0).atMillis()).isLessThan(1_000);
                assertThat(handler(service).get("policy").get("expire_after").asText()).isEqualTo("PT1S");
            }
        }
    }

    @Test
    void a429WithRetryAfterPausesTheWholeHandlerVisiblyInHandlersAndMetrics() throws Exception {
        java.util.List<Long> arrivals = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        com.sun.net.httpserver.HttpServer receiver = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            boolean first;
            synchronized (arrivals) {
                first = arrivals.isEmpty();
                arrivals.add(System.currentTimeMillis());
            }
            if (first) {
                exchange.getResponseHeaders().add("Retry-After", "2");
            }
            exchange.sendResponseHeaders(first ? 429 : 204, -1);
            exchange.close();
        });
        receiver.start();
        try (TestService service = TestService.start(config("http://127.0.0.1:" + receiver.getAddress().getPort()
                + "/hook", "    concurrency: 1"))) {
            service.postJson("/v1/events", "{\"event_type\": \"error\"}");
            await(() -> arrivals.size() == 1, "the first request");
            await(() -> {
                try {
                    return !handler(service).get("paused_until").isNull();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }, "paused_until in /v1/handlers");
            assertThat(service.get("/metrics").body())
                    .contains("switchboard_handler_state{handler=\"hook\",state=\"paused\"} 1.0");
            service.postJson("/v1/events", "[{\"event_type\": \"error\"}, {\"event_type\": \"error\"}]");
            assertThat(service.server.switchboard().awaitIdle(PATIENCE)).isTrue();

            assertThat(arrivals).hasSize(4);
            long first = arrivals.get(0);
            assertThat(arrivals.subList(1, 4)).allMatch(at -> at - first >= 1_900);
            assertThat(handler(service).get("paused_until").isNull()).isTrue();
        } finally {
            receiver.stop(0);
        }
    }
}
