package dev.switchboard.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code ordering: session} through a real server against a local receiver that fails at random
 * and records what arrives: each session's {@code data.seq} arrives in order, one at a time.
 */
class SessionOrderingServerTest {

    private static final int SESSIONS = 40;
    private static final int PER_SESSION = 15;

    /** A receiver answering 503 to about a third of the requests (seeded), recording session and seq of each. */
    private static final class FlakyReceiver implements AutoCloseable {
        final HttpServer server;
        final List<String[]> arrivals = Collections.synchronizedList(new ArrayList<>());
        private final Random random = new Random(11);
        private final ObjectMapper json = new ObjectMapper();

        FlakyReceiver() throws Exception {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                JsonNode body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = json.readTree(in);
                }
                boolean fail;
                synchronized (random) {
                    fail = random.nextInt(3) == 0;
                }
                arrivals.add(new String[] {body.path("session_id").asText(), body.path("data").path("seq").asText(),
                        fail ? "503" : "204"});
                exchange.sendResponseHeaders(fail ? 503 : 204, -1);
                exchange.close();
            });
            server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private static Map<String, List<Integer>> run(String ordering) throws Exception {
        try (FlakyReceiver receiver = new FlakyReceiver(); TestService service = TestService.start("""
                version: 1
                handlers:
                  - name: hook
                    type: posting
                    events: ["*"]
                    retry: {attempts: 20, backoff: 5ms, max_backoff: 20ms}
                    breaker: {failures: 1000}
                    ordering: %s
                    concurrency: 16
                    config: {url: "%s"}
                """.formatted(ordering, receiver.url()))) {
            // Interleaved: seq 1 of every session, then seq 2 of every session, ...
            StringBuilder batch = new StringBuilder("[");
            for (int seq = 1; seq <= PER_SESSION; seq++) {
                for (int s = 0; s < SESSIONS; s++) {
                    batch.append(batch.length() > 1 ? "," : "").append("{\"event_type\": \"step_complete\", \"session_id\": ")
                            .append("\"s").append(s).append("\", \"data\": {\"seq\": ").append(seq).append("}}");
                }
            }
            assertThat(service.postJson("/v1/events", batch.append("]").toString()).statusCode()).isEqualTo(202);
            assertThat(service.server.switchboard().awaitIdle(Duration.ofSeconds(60))).isTrue();
            assertThat(service.server.switchboard().stats().get(0).delivered()).isEqualTo(SESSIONS * PER_SESSION);
            Map<String, List<Integer>> bySession = new LinkedHashMap<>();
            synchronized (receiver.arrivals) {
                for (String[] arrival : receiver.arrivals) {
                    bySession.computeIfAbsent(arrival[0], s -> new ArrayList<>()).add(Integer.parseInt(arrival[1]));
                }
            }
            return bySession;
        }
    }

    /** @return whether every attempt of seq k came after every attempt of seq k-1 (so first arrivals strictly grow) */
    private static boolean inOrder(List<Integer> attempts) {
        for (int i = 1; i < attempts.size(); i++) {
            if (attempts.get(i) < attempts.get(i - 1)) {
                return false;
            }
        }
        List<Integer> firsts = attempts.stream().distinct().toList();
        for (int i = 1; i < firsts.size(); i++) {
            if (firsts.get(i) <= firsts.get(i - 1)) {
                return false;
            }
        }
        return firsts.size() == PER_SESSION;
    }

    @Test
    void eachSessionsDeliveriesArriveOneAtATimeInAcceptanceOrderThroughRandomFailures() throws Exception {
        Map<String, List<Integer>> bySession = run("session");

        assertThat(bySession).hasSize(SESSIONS);
        bySession.forEach((session, attempts) -> assertThat(inOrder(attempts)).as(session + ": " + attempts).isTrue());
        assertThat(bySession.values().stream().mapToInt(List::size).sum()).as("some attempts failed and were retried")
                .isGreaterThan(SESSIONS * PER_SESSION);
    }

    @Test
    void withoutOrderingTheSameRunArrivesOutOfOrderSoTheCheckCanFail() throws Exception {
        Map<String, List<Integer>> bySession = run("none");

        assertThat(bySession.values().stream().filter(attempts -> !inOrder(attempts)).count()).isPositive();
    }

    /**
     * After a restart the lane knows nothing of the session: the later delivery, due at once, still
     * waits for the earlier one's retry (its time kept in the SQLite store) because the store says
     * the earlier one is unfinished.
     */
    @Test
    void aDeliveryWaitingForItsRetryIsNotOvertakenByALaterOneOfItsSessionAfterARestart(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path data) throws Exception {
        try (dev.switchboard.core.testing.ScriptedReceiver receiver = new dev.switchboard.core.testing.ScriptedReceiver()) {
            String yaml = """
                    version: 1
                    handlers:
                      - name: hook
                        type: posting
                        events: ["*"]
                        retry: {attempts: 5, backoff: 2s, jitter: 0}
                        breaker: {failures: 1000}
                        ordering: session
                        concurrency: 4
                        config: {url: "%s"}
                    """.formatted(receiver.url());
            receiver.answer(503);
            try (TestService service = TestService.startOn(data, yaml)) {
                service.postJson("/v1/events", "{\"event_type\": \"step_complete\", \"session_id\": \"s1\", \"data\": {\"seq\": 1}}");
                receiver.await(1, Duration.ofSeconds(10));
                receiver.answer(204);
                service.postJson("/v1/events", "{\"event_type\": \"step_complete\", \"session_id\": \"s1\", \"data\": {\"seq\": 2}}");
                Thread.sleep(300);
                assertThat(receiver.arrivals()).as("2 waits behind 1's retry").hasSize(1);
                service.close(Duration.ofMillis(100));
            }
            try (TestService service = TestService.startOn(data, yaml)) {
                List<dev.switchboard.core.testing.ScriptedReceiver.Arrival> arrivals = receiver.await(3, Duration.ofSeconds(15));
                assertThat(service.server.switchboard().awaitIdle(Duration.ofSeconds(10))).isTrue();

                ObjectMapper json = new ObjectMapper();
                List<Integer> seqs = new ArrayList<>();
                for (dev.switchboard.core.testing.ScriptedReceiver.Arrival arrival : arrivals) {
                    seqs.add(json.readTree(arrival.body()).get("data").get("seq").asInt());
                }
                assertThat(seqs).containsExactly(1, 1, 2);
                assertThat(arrivals.get(1).atMillis() - arrivals.get(0).atMillis()).as("1's retry kept its time")
                        .isGreaterThanOrEqualTo(1_900);
            }
        }
    }
}
