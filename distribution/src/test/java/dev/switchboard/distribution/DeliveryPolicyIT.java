package dev.switchboard.distribution;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The delivery policy of handlers.yaml through the distribution, run as a process against a local
 * receiver: a 410 disables a handler across a restart on the same data folder until
 * {@code switchboard handlers enable}; and, in one runtime at once, a rate limit, a fallback, a
 * circuit breaker through an outage, and expiry; and, in another, per-session ordering through
 * failed first attempts, retry jitter and a payload template. The same rules on a manual clock:
 * PolicyLaneTest.
 */
class DeliveryPolicyIT {

    private static final Pattern SERVING = Pattern.compile("serving on (http://127\\.0\\.0\\.1:\\d+/)");
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Duration PATIENCE = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @RegisterExtension
    final WireMockExtension receiver = Receiver.local();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Launcher.Running serve(Path config, Path data) throws IOException {
        return Launcher.start(work, Map.of(), List.of(DistributionIT.LAUNCHER.toString(), "run", "--config",
                config.toString(), "--data", data.toString(), "--port", "0"));
    }

    private String url(String path) {
        return "http://127.0.0.1:" + receiver.getPort() + path;
    }

    private void postEvents(URI base, String body) throws Exception {
        HttpResponse<String> accepted = client.send(HttpRequest.newBuilder(base.resolve("v1/events"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    }

    private JsonNode get(URI base, String path) {
        try {
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(base.resolve(path))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
            return JSON.readTree(answer.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private JsonNode handler(URI base, String name) {
        for (JsonNode item : get(base, "v1/handlers").get("items")) {
            if (item.get("name").asText().equals(name)) {
                return item;
            }
        }
        throw new AssertionError("no handler " + name + " in /v1/handlers");
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + PATIENCE + " for " + what);
            }
            Thread.sleep(50);
        }
    }

    private List<LoggedRequest> requests(String path) {
        return receiver.findAll(postRequestedFor(urlEqualTo(path))).stream()
                .sorted(Comparator.comparing(LoggedRequest::getLoggedDate)).toList();
    }

    @Test
    void a410DisablesTheHandlerAcrossARestartUntilHandlersEnableSendsWhatItHeld() throws Exception {
        receiver.stubFor(post("/gone").willReturn(aResponse().withStatus(410)));
        Path config = Files.writeString(work.resolve("handlers.yaml"), """
                version: 1
                handlers:
                  - name: gone
                    type: webhook
                    events: ["*"]
                    retry: {attempts: 3, backoff: 50ms}
                    config: {url: "%s"}
                server:
                  timeouts: {drain: 0s, shutdown: 1s}
                """.formatted(url("/gone")));
        Path data = work.resolve("data");

        try (Launcher.Running runtime = serve(config, data)) {
            URI base = URI.create(runtime.awaitStderr(SERVING, STARTUP));
            postEvents(base, "{\"event_type\": \"error\", \"data\": {\"seq\": 1}}");
            await(() -> handler(base, "gone").get("status").asText().startsWith("disabled (410 at "), "disabled");
            postEvents(base, "{\"event_type\": \"error\", \"data\": {\"seq\": 2}}");
            Thread.sleep(500);
            assertThat(requests("/gone")).hasSize(1);
            assertThat(handler(base, "gone").get("queued").asInt()).isEqualTo(2);
            assertThat(handler(base, "gone").get("failed").asInt()).isZero();
            assertThat(runtime.stderr()).containsOnlyOnce("is disabled: the receiver answered 410 Gone");
            // A disabled handler's held deliveries cannot finish: the stop spends its grace and says they stay.
            assertThat(runtime.terminate(Duration.ofSeconds(30))).as(runtime.stderr()).isEqualTo(1);
            assertThat(runtime.stderr()).contains("2 deliveries were still unfinished");
        }

        receiver.stubFor(post("/gone").willReturn(aResponse().withStatus(200)));
        try (Launcher.Running runtime = serve(config, data)) {
            URI base = URI.create(runtime.awaitStderr(SERVING, STARTUP));
            Thread.sleep(500);
            assertThat(requests("/gone")).as("sent after the restart while disabled").hasSize(1);
            assertThat(handler(base, "gone").get("status").asText()).startsWith("disabled (410 at ");

            Launcher.Result enabled = Launcher.run(work, Map.of(), List.of(DistributionIT.LAUNCHER.toString(),
                    "handlers", "enable", "gone", "--url", base.toString()));

            assertThat(enabled.exitCode()).as(enabled.toString()).isZero();
            assertThat(enabled.stdout()).contains("handler gone enabled");
            await(() -> requests("/gone").size() == 3, "the two held deliveries");
            await(() -> handler(base, "gone").get("delivered").asInt() == 2, "two delivered");
            assertThat(handler(base, "gone").get("status").asText()).isEqualTo("enabled");
            assertThat(requests("/gone").stream().skip(1).map(r -> seq(r)).sorted().toList()).containsExactly(1, 2);
            assertThat(runtime.terminate(Duration.ofSeconds(30))).as(runtime.stderr()).isZero();
        }
    }

    private static int seq(LoggedRequest request) {
        try {
            return JSON.readTree(request.getBodyAsString()).get("data").get("seq").asInt();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Four handlers side by side in one runtime: {@code limited} at two a second, {@code refused}
     * (404) with a fallback, {@code outage} (503 until the receiver is back) behind a breaker, and
     * {@code stale} (503 for ever) that expires after a second.
     */
    @Test
    void rateFallbackBreakerAndExpiryHoldThroughTheDistribution() throws Exception {
        receiver.stubFor(post("/limited").willReturn(aResponse().withStatus(200)));
        receiver.stubFor(post("/refused").willReturn(aResponse().withStatus(404).withBody("no such hook")));
        receiver.stubFor(post("/backup").willReturn(aResponse().withStatus(200)));
        receiver.stubFor(post("/outage").willReturn(aResponse().withStatus(503)));
        receiver.stubFor(post("/stale").willReturn(aResponse().withStatus(503)));
        Path config = Files.writeString(work.resolve("handlers.yaml"), """
                version: 1
                handlers:
                  - name: limited
                    type: webhook
                    events: [step_complete]
                    rate: {per_second: 2}
                    config: {url: "%s"}
                  - name: refused
                    type: webhook
                    events: [error]
                    fallback: backup
                    config: {url: "%s"}
                  - name: backup
                    type: webhook
                    events: [none]
                    config: {url: "%s"}
                  - name: outage
                    type: webhook
                    events: [workflow_start]
                    concurrency: 1
                    retry: {attempts: 3, backoff: 50ms}
                    breaker: {failures: 2, open_for: 1s}
                    config: {url: "%s"}
                  - name: stale
                    type: webhook
                    events: [hitl_pause]
                    retry: {attempts: 100, backoff: 100ms, multiplier: 1}
                    expire_after: 2s
                    breaker: {failures: 1000}
                    config: {url: "%s"}
                server:
                  timeouts: {drain: 0s}
                """.formatted(url("/limited"), url("/refused"), url("/backup"), url("/outage"), url("/stale")));

        try (Launcher.Running runtime = serve(config, work.resolve("data"))) {
            URI base = URI.create(runtime.awaitStderr(SERVING, STARTUP));
            // One event first, so that the twenty below do not queue behind a fresh process's first
            // request (a new connection, code not yet compiled) and reach the receiver bunched up.
            postEvents(base, "{\"event_type\": \"step_complete\", \"data\": {\"seq\": -1}}");
            await(() -> requests("/limited").size() == 1, "the first request");
            Thread.sleep(600); // the bucket's one token is back
            StringBuilder batch = new StringBuilder("[");
            for (int i = 0; i < 20; i++) {
                batch.append("{\"event_type\": \"step_complete\", \"data\": {\"seq\": ").append(i).append("}},");
            }
            for (int i = 0; i < 4; i++) {
                batch.append("{\"event_type\": \"workflow_start\", \"data\": {\"seq\": ").append(i).append("}},");
            }
            batch.append("{\"event_type\": \"error\", \"session_id\": \"s1\", \"data\": {\"seq\": 7}},");
            batch.append("{\"event_type\": \"hitl_pause\", \"data\": {\"seq\": 9}}]");
            postEvents(base, batch.toString());

            // The breaker: open after two failures, then one probe a second while the receiver is down.
            await(() -> handler(base, "outage").get("breaker").asText().equals("open"), "the breaker to open");
            Thread.sleep(2_500);
            assertThat(requests("/outage").size()).as("attempts during the outage").isBetween(2, 2 + 3);
            receiver.stubFor(post("/outage").willReturn(aResponse().withStatus(200)));

            // The fallback: the dead letter handed on with its reason.
            await(() -> requests("/backup").size() == 1, "the hand-off to the fallback");
            JsonNode handed = JSON.readTree(requests("/backup").get(0).getBodyAsString());
            assertThat(handed.get("session_id").asText()).isEqualTo("s1");
            assertThat(handed.get("data").get("seq").asInt()).isEqualTo(7);
            assertThat(handed.get("data").get("_switchboard").get("failure").asText()).startsWith("HTTP 404");
            assertThat(handed.get("data").get("_switchboard").get("handler").asText()).isEqualTo("refused");
            assertThat(requests("/refused")).hasSize(1);

            // Expiry: attempts within the two seconds, then a dead letter "expired" (not an attempt).
            await(() -> handler(base, "stale").get("failed").asInt() == 1, "the stale delivery to expire");
            JsonNode dead = get(base, "v1/deliveries?state=dead&handler=stale").get("items");
            assertThat(dead).hasSize(1);
            assertThat(dead.get(0).get("last_reason").asText()).isEqualTo("expired");
            List<LoggedRequest> stale = requests("/stale");
            assertThat(stale.size()).isBetween(1, 41);
            assertThat(stale.get(stale.size() - 1).getLoggedDate().getTime() - stale.get(0).getLoggedDate().getTime())
                    .isLessThan(2_000);

            // The rate: the i-th token of 20 comes i half-seconds after the first (burst 1). The receiver sees
            // arrivals, not tokens, so spans of four are checked with 600 ms allowed for the requests' way on
            // a busy machine; with no limit all twenty would arrive within a few hundred milliseconds.
            await(() -> requests("/limited").size() == 21, "twenty at two a second");
            List<Long> at = requests("/limited").stream().skip(1).map(r -> r.getLoggedDate().getTime()).toList();
            System.out.println("rate per_second 2: arrivals at (ms after the first) "
                    + at.stream().map(t -> t - at.get(0)).toList());
            for (int i = 4; i < at.size(); i++) {
                assertThat(at.get(i) - at.get(i - 4)).as("arrivals %d to %d", i - 4, i)
                        .isGreaterThanOrEqualTo(4 * 500L - 600);
            }
            assertThat(at.get(19) - at.get(0)).isBetween(19 * 500L - 600, 19 * 500L + 3_000);

            // The outage is over: every delivery the breaker held went out, none dead.
            await(() -> handler(base, "outage").get("delivered").asInt() == 4, "the held deliveries");
            JsonNode outage = handler(base, "outage");
            assertThat(outage.get("failed").asInt()).isZero();
            assertThat(outage.get("breaker").asText()).isEqualTo("closed");
            assertThat(runtime.terminate(Duration.ofSeconds(30))).as(runtime.stderr()).isZero();
        }
    }

    /**
     * Three handlers side by side in one runtime: {@code ordered} ({@code ordering: session}) where
     * some first attempts get a 503, {@code jittered} (±50 % jitter on a flat 200 ms backoff) against
     * ten 503s, and {@code templated} whose body is an inline JSLT template's output.
     */
    @Test
    void sessionOrderingJitterAndATemplateHoldThroughTheDistribution() throws Exception {
        int sessions = 4;
        int perSession = 5;
        receiver.stubFor(post("/ordered").atPriority(10).willReturn(aResponse().withStatus(200)));
        int failingFirsts = 0;
        for (int s = 0; s < sessions; s++) {
            for (int seq = 1; seq <= perSession; seq++) {
                if ((s + seq) % 2 == 0) { // a 503 to this delivery's first attempt, 200 afterwards
                    receiver.stubFor(post("/ordered").atPriority(1)
                            .withRequestBody(matchingJsonPath("$.session_id", equalTo("s" + s)))
                            .withRequestBody(matchingJsonPath("$.data.seq", equalTo(String.valueOf(seq))))
                            .inScenario("s" + s + "-" + seq).whenScenarioStateIs(Scenario.STARTED)
                            .willSetStateTo("answered").willReturn(aResponse().withStatus(503)));
                    failingFirsts++;
                }
            }
        }
        int failures = 10;
        receiver.stubFor(post("/jittered").atPriority(10).willReturn(aResponse().withStatus(200)));
        for (int i = 0; i < failures; i++) {
            receiver.stubFor(post("/jittered").atPriority(1).inScenario("jitter")
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "failed " + i).willSetStateTo("failed " + (i + 1))
                    .willReturn(aResponse().withStatus(503)));
        }
        receiver.stubFor(post("/templated").willReturn(aResponse().withStatus(200)));
        Path config = Files.writeString(work.resolve("handlers.yaml"), """
                version: 1
                handlers:
                  - name: ordered
                    type: webhook
                    events: [step_complete]
                    ordering: session
                    concurrency: 8
                    retry: {attempts: 5, backoff: 100ms, multiplier: 1}
                    breaker: {failures: 1000}
                    config: {url: "%s"}
                  - name: jittered
                    type: webhook
                    events: [workflow_start]
                    retry: {attempts: 11, backoff: 200ms, multiplier: 1, jitter: 0.5}
                    breaker: {failures: 1000}
                    config: {url: "%s"}
                  - name: templated
                    type: webhook
                    events: [error]
                    config:
                      url: "%s"
                      template: |
                        {"run": .session_id, "step": .data.step_index, "what": "step " + string(.data.step_index) + " failed",
                         "id": $event_id}
                server:
                  timeouts: {drain: 0s}
                """.formatted(url("/ordered"), url("/jittered"), url("/templated")));

        try (Launcher.Running runtime = serve(config, work.resolve("data"))) {
            URI base = URI.create(runtime.awaitStderr(SERVING, STARTUP));
            // Interleaved: seq 1 of every session, then seq 2 of every session, ...
            StringBuilder batch = new StringBuilder("[");
            for (int seq = 1; seq <= perSession; seq++) {
                for (int s = 0; s < sessions; s++) {
                    batch.append("{\"event_type\": \"step_complete\", \"session_id\": \"s").append(s)
                            .append("\", \"data\": {\"seq\": ").append(seq).append("}},");
                }
            }
            batch.append("{\"event_type\": \"error\", \"session_id\": \"run-7\", \"data\": {\"step_index\": 3}}]");
            postEvents(base, batch.toString());

            // The template: the body is its output, not the seed's JSON.
            await(() -> requests("/templated").size() == 1, "the templated request");
            JsonNode templated = JSON.readTree(requests("/templated").get(0).getBodyAsString());
            // The receiver has the request a moment before the delivery is stored as delivered.
            await(() -> get(base, "v1/deliveries?state=delivered&handler=templated").get("items").size() == 1,
                    "the templated delivery stored as delivered");
            String eventId = get(base, "v1/deliveries?state=delivered&handler=templated").get("items").get(0)
                    .get("event_id").asText();
            assertThat(templated).isEqualTo(JSON.readTree("{\"run\": \"run-7\", \"step\": 3, \"what\": \"step 3 failed\","
                    + " \"id\": \"" + eventId + "\"}"));

            // Ordering: every session's first arrivals strictly grow, and no attempt of seq k comes after seq k+1's.
            int expectedArrivals = sessions * perSession + failingFirsts;
            await(() -> requests("/ordered").size() == expectedArrivals, "every ordered attempt");
            await(() -> handler(base, "ordered").get("delivered").asInt() == sessions * perSession, "all delivered");
            Map<String, List<Integer>> bySession = new LinkedHashMap<>();
            for (LoggedRequest request : requests("/ordered")) {
                JsonNode body = JSON.readTree(request.getBodyAsString());
                bySession.computeIfAbsent(body.get("session_id").asText(), s -> new ArrayList<>())
                        .add(body.get("data").get("seq").asInt());
            }
            assertThat(bySession).hasSize(sessions);
            bySession.forEach((session, attempts) -> {
                assertThat(attempts).as(session).isSorted();
                assertThat(attempts.stream().distinct().toList()).as(session + ": " + attempts)
                        .containsExactly(1, 2, 3, 4, 5);
            });

            // Jitter: ten waits of 200 ms ± 50 %, each drawn anew (so not all alike). Sent once the rest is
            // done, so that the waits are not stretched by a fresh process busy with the other handlers.
            postEvents(base, "{\"event_type\": \"workflow_start\", \"data\": {\"seq\": 0}}");
            await(() -> handler(base, "jittered").get("delivered").asInt() == 1, "the jittered delivery");
            List<Long> at = requests("/jittered").stream().map(r -> r.getLoggedDate().getTime()).toList();
            assertThat(at).hasSize(failures + 1);
            List<Long> gaps = new ArrayList<>();
            for (int i = 1; i < at.size(); i++) {
                gaps.add(at.get(i) - at.get(i - 1));
            }
            System.out.println("retry jitter 0.5 on 200 ms: gaps between attempts (ms) " + gaps);
            // A gap is the wait plus an attempt's way and settling: at least 100 ms, at most 300 ms and that way.
            assertThat(gaps).allSatisfy(gap -> assertThat(gap).isBetween(100L - 2, 300L + 250));
            assertThat(gaps.stream().mapToLong(Long::longValue).max().getAsLong()
                    - gaps.stream().mapToLong(Long::longValue).min().getAsLong()).as("spread of " + gaps)
                    .isGreaterThan(10);
            // Without jitter no gap is shorter than the 200 ms wait; with it, each wait is under 195 ms at
            // odds of 95/200, so all ten at or above comes once in about 600 runs.
            assertThat(gaps).as("a wait shorter than the backoff").anyMatch(gap -> gap < 195);
            assertThat(runtime.terminate(Duration.ofSeconds(30))).as(runtime.stderr()).isZero();
        }
    }
}
