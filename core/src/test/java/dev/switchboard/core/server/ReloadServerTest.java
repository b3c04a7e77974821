package dev.switchboard.core.server;

import static dev.switchboard.core.server.TestService.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.testing.ScriptedReceiver;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /v1/admin/reload} on a real server with a SQLite store: a bad file changes nothing
 * and is answered with its mistakes; an added handler receives, a removed one stops receiving and
 * keeps its deliveries in the store; a handler whose URL changes is swapped while attempts are under
 * way at a slow receiver, and each event reaches exactly one receiver exactly once.
 */
class ReloadServerTest {

    @TempDir
    Path data;

    private static String handler(String name, String url, String extra) {
        return """
                  - name: %s
                    type: posting
                    events: ["*"]
                %s    config: {url: "%s"}
                """.formatted(name, extra, url);
    }

    private static String config(String... handlers) {
        return "version: 1\nhandlers:\n" + String.join("", handlers);
    }

    private TestService start(Path file) throws Exception {
        return TestService.start(SwitchboardServer.builder().config(file).environment(Map.of()).dataDir(data));
    }

    private static HttpResponse<String> reload(TestService service) throws Exception {
        return service.postJson("/v1/admin/reload", "");
    }

    private static double reloads(TestService service, String result) throws Exception {
        String metrics = service.get("/metrics").body();
        String prefix = "switchboard_config_reloads_total{result=\"" + result + "\"} ";
        return metrics.lines().filter(line -> line.startsWith(prefix)).mapToDouble(line ->
                Double.parseDouble(line.substring(prefix.length()))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + prefix + " in /metrics"));
    }

    @Test
    void aBadFileChangesNothingAndTheAnswerListsEveryMistakeAtItsLine() throws Exception {
        Path file = data.resolve("handlers.yaml");
        try (ScriptedReceiver receiver = new ScriptedReceiver()) {
            Files.writeString(file, config(handler("engine", receiver.url(), "")));
            try (TestService service = start(file)) {
                String hash = json(service.get("/v1/handlers")).get("config_hash").asText();
                assertThat(hash).hasSize(64);

                Files.writeString(file, config(handler("engine", receiver.url(), ""),
                        handler("audit", receiver.url(), "").replace("posting", "no-such-type"),
                        handler("late", receiver.url(), "").replace("posting", "other-missing")));
                HttpResponse<String> refused = reload(service);

                assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
                List<String> errors = new ArrayList<>();
                json(refused).get("errors").forEach(line -> errors.add(line.asText()));
                assertThat(errors).hasSize(2);
                assertThat(errors.get(0)).startsWith(file + ":8:11: handler 'audit': unknown type 'no-such-type'");
                assertThat(errors.get(1)).startsWith(file + ":12:11: handler 'late': unknown type 'other-missing'");
                JsonNode handlers = json(service.get("/v1/handlers"));
                assertThat(handlers.get("config_hash").asText()).isEqualTo(hash);
                assertThat(handlers.get("items")).extracting(item -> item.get("name").asText()).containsExactly("engine");

                service.postJson("/v1/events", "{\"event_type\": \"tick\"}");
                receiver.await(1, Duration.ofSeconds(5));
                assertThat(reloads(service, "failure")).isEqualTo(1.0);
                assertThat(reloads(service, "success")).isZero();

                Files.writeString(file, "version: 1\nserver: {max_body_bytes: 1000}\nhandlers:\n"
                        + handler("engine", receiver.url(), ""));
                HttpResponse<String> serverChanged = reload(service);
                assertThat(serverChanged.statusCode()).isEqualTo(400);
                assertThat(json(serverChanged).get("errors").get(0).asText())
                        .startsWith(file + ":2:9: server: differs from the running configuration's")
                        .contains("restart");
                assertThat(reloads(service, "failure")).isEqualTo(2.0);
            }
        }
    }

    @Test
    void anAddedHandlerReceivesAndARemovedOneStopsReceivingAndKeepsItsDeliveriesInTheStore() throws Exception {
        Path file = data.resolve("handlers.yaml");
        try (ScriptedReceiver engine = new ScriptedReceiver(); ScriptedReceiver audit = new ScriptedReceiver()) {
            engine.answer(500);
            Files.writeString(file, config(handler("engine", engine.url(), "    retry: {attempts: 10, backoff: 1h}\n")));
            try (TestService service = start(file)) {
                String before = json(service.get("/v1/handlers")).get("config_hash").asText();
                service.postJson("/v1/events", "{\"event_type\": \"tick\", \"data\": {\"marker\": \"first\"}}");
                engine.await(1, Duration.ofSeconds(5)); // failed once, its retry due in an hour

                Files.writeString(file, config(handler("audit", audit.url(), "")));
                HttpResponse<String> reloaded = reload(service);

                assertThat(reloaded.statusCode()).as(reloaded.body()).isEqualTo(200);
                JsonNode done = json(reloaded);
                assertThat(done.get("added")).extracting(JsonNode::asText).containsExactly("audit");
                assertThat(done.get("removed")).extracting(JsonNode::asText).containsExactly("engine");
                assertThat(done.get("replaced")).isEmpty();
                assertThat(done.get("config_hash").asText()).isNotEqualTo(before);

                service.postJson("/v1/events", "{\"event_type\": \"tick\", \"data\": {\"marker\": \"second\"}}");
                assertThat(audit.await(1, Duration.ofSeconds(5)).get(0).body()).contains("second");
                Thread.sleep(200);
                assertThat(engine.arrivals()).hasSize(1);
                assertThat(audit.arrivals()).hasSize(1);
                JsonNode handlers = json(service.get("/v1/handlers"));
                assertThat(handlers.get("config_hash").asText()).isEqualTo(done.get("config_hash").asText());
                assertThat(handlers.get("items")).extracting(item -> item.get("name").asText()).containsExactly("audit");
                assertThat(handlers.get("removed")).hasSize(1);
                assertThat(handlers.get("removed").get(0).get("name").asText()).isEqualTo("engine");
                assertThat(handlers.get("removed").get(0).get("state").asText()).isEqualTo("removed");
                assertThat(handlers.get("removed").get(0).get("queued").asLong()).isEqualTo(1);
                assertThat(service.server.switchboard().store().backlogs()).containsEntry("engine", 1L);
                assertThat(reloads(service, "success")).isEqualTo(1.0);
                assertThat(service.server.switchboard().awaitIdle(Duration.ofSeconds(5)))
                        .as("the removed handler's stored delivery is not this runtime's to wait for").isTrue();
            }
        }
    }

    /** The value of the series {@code name{labels}} in {@code /metrics}, or empty when there is none. */
    private static java.util.OptionalDouble series(String metrics, String name, String labels) {
        String prefix = name + "{" + labels + "} ";
        return metrics.lines().filter(line -> line.startsWith(prefix))
                .mapToDouble(line -> Double.parseDouble(line.substring(prefix.length()))).findFirst();
    }

    /** {@code /metrics} once the handler's queue is empty: a delivery is settled shortly after the receiver has it. */
    private static String metricsOnceSettled(TestService service, String labels) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        String metrics = service.get("/metrics").body();
        while (!series(metrics, "switchboard_queue_depth", labels).equals(java.util.OptionalDouble.of(0.0))
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
            metrics = service.get("/metrics").body();
        }
        return metrics;
    }

    @Test
    void perHandlerGaugesFollowReloadsAndARemovedHandlersQueueDepthReportsWhatTheStoreKeeps() throws Exception {
        Path file = data.resolve("handlers.yaml");
        try (ScriptedReceiver engine = new ScriptedReceiver(); ScriptedReceiver quiet = new ScriptedReceiver();
                ScriptedReceiver audit = new ScriptedReceiver()) {
            engine.answer(500);
            String engineHandler = handler("engine", engine.url(), "    retry: {attempts: 10, backoff: 1h}\n");
            Files.writeString(file, config(engineHandler, handler("quiet", quiet.url(), "")));
            try (TestService service = start(file)) {
                service.postJson("/v1/events", "{\"event_type\": \"tick\"}");
                engine.await(1, Duration.ofSeconds(5)); // failed once, its retry due in an hour
                quiet.await(1, Duration.ofSeconds(5));
                String atStart = metricsOnceSettled(service, "handler=\"quiet\"");
                assertThat(series(atStart, "switchboard_queue_depth", "handler=\"quiet\"")).hasValue(0.0);
                assertThat(series(atStart, "switchboard_queue_depth", "handler=\"audit\"")).isEmpty();

                Files.writeString(file, config(handler("audit", audit.url(), "")));
                assertThat(reload(service).statusCode()).isEqualTo(200);
                String reloaded = service.get("/metrics").body();

                assertThat(series(reloaded, "switchboard_queue_depth", "handler=\"audit\"")).hasValue(0.0);
                assertThat(series(reloaded, "switchboard_handler_stuck_threads", "handler=\"audit\"")).hasValue(0.0);
                assertThat(series(reloaded, "switchboard_handler_state", "handler=\"audit\",state=\"closed\""))
                        .hasValue(1.0);
                assertThat(series(reloaded, "switchboard_deliveries_total", "handler=\"audit\",outcome=\"delivered\""))
                        .hasValue(0.0);
                assertThat(series(reloaded, "switchboard_queue_depth", "handler=\"engine\""))
                        .as("the removed handler's backlog, kept in the store").hasValue(1.0);
                assertThat(series(reloaded, "switchboard_handler_stuck_threads", "handler=\"engine\"")).isEmpty();
                assertThat(series(reloaded, "switchboard_handler_state", "handler=\"engine\",state=\"closed\"")).isEmpty();
                assertThat(series(reloaded, "switchboard_queue_depth", "handler=\"quiet\""))
                        .as("a removed handler with nothing kept has no queue depth").isEmpty();
                assertThat(series(reloaded, "switchboard_handler_state", "handler=\"quiet\",state=\"closed\"")).isEmpty();
                assertThat(series(reloaded, "switchboard_deliveries_total", "handler=\"quiet\",outcome=\"delivered\""))
                        .as("a removed handler's counters stay").hasValue(1.0);

                service.postJson("/v1/events", "{\"event_type\": \"tick\"}");
                audit.await(1, Duration.ofSeconds(5));
                assertThat(service.server.switchboard().awaitIdle(Duration.ofSeconds(5))).isTrue();
                assertThat(series(service.get("/metrics").body(), "switchboard_deliveries_total",
                        "handler=\"audit\",outcome=\"delivered\"")).hasValue(1.0);

                Files.writeString(file, config(engineHandler, handler("audit", audit.url(), "")));
                assertThat(reload(service).statusCode()).isEqualTo(200);
                String again = service.get("/metrics").body();
                assertThat(series(again, "switchboard_handler_state", "handler=\"engine\",state=\"closed\""))
                        .as("configured again: its gauges are back").hasValue(1.0);
                assertThat(series(again, "switchboard_handler_stuck_threads", "handler=\"engine\"")).hasValue(0.0);
                assertThat(series(again, "switchboard_queue_depth", "handler=\"engine\"")).hasValue(1.0);
            }
        }
    }

    @Test
    void aHandlerWhoseUrlChangesIsSwappedWhileAttemptsAreUnderWayAndEachEventIsDeliveredExactlyOnce()
            throws Exception {
        Path file = data.resolve("handlers.yaml");
        int events = 20;
        try (ScriptedReceiver old = new ScriptedReceiver(); ScriptedReceiver moved = new ScriptedReceiver()) {
            old.hold();
            Files.writeString(file, config(handler("engine", old.url(), "    concurrency: 4\n    timeout: 20s\n")));
            try (TestService service = start(file)) {
                for (int i = 0; i < events; i++) {
                    service.postJson("/v1/events", "{\"event_type\": \"tick\", \"data\": {\"marker\": \"m-%02d-\"}}"
                            .formatted(i));
                }
                old.await(1, Duration.ofSeconds(5)); // one held at the receiver, more in flight behind it

                Files.writeString(file, config(handler("engine", moved.url(), "    concurrency: 4\n    timeout: 20s\n")));
                CompletableFuture<HttpResponse<String>> reloading = CompletableFuture.supplyAsync(() -> {
                    try {
                        return reload(service);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                Thread.sleep(300);
                assertThat(reloading).as("the swap waits for the attempts under way").isNotDone();
                assertThat(moved.arrivals()).as("the new lane leases nothing while the old one's attempts run").isEmpty();
                old.release();
                HttpResponse<String> reloaded = reloading.get(30, TimeUnit.SECONDS);
                assertThat(reloaded.statusCode()).as(reloaded.body()).isEqualTo(200);
                assertThat(json(reloaded).get("replaced")).extracting(JsonNode::asText).containsExactly("engine");
                assertThat(service.server.switchboard().awaitIdle(Duration.ofSeconds(10))).isTrue();

                List<String> bodies = new ArrayList<>();
                old.arrivals().forEach(arrival -> bodies.add(arrival.body()));
                moved.arrivals().forEach(arrival -> bodies.add(arrival.body()));
                assertThat(old.arrivals()).as("the attempts under way at the swap").isNotEmpty();
                assertThat(moved.arrivals()).as("the rest, at the new URL").isNotEmpty();
                assertThat(old.arrivals()).allMatch(arrival -> arrival.status() == 204);
                for (int i : IntStream.range(0, events).toArray()) {
                    String marker = "m-%02d-".formatted(i);
                    assertThat(bodies.stream().filter(body -> body.contains(marker)).count())
                            .as("deliveries of event " + marker).isEqualTo(1);
                }
                assertThat(bodies).hasSize(events);
                assertThat(service.server.switchboard().stats().get(0).delivered()).isEqualTo(events - old.arrivals().size());
            }
        }
    }
}
