package dev.switchboard.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.distribution.FaultyReceiver.Answer;
import dev.switchboard.distribution.FaultyReceiver.Attempt;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution serving over HTTP against a receiver that fails as real ones do (500s, answers
 * slower than the timeout, connection resets, 429 with Retry-After, a few 400s): whatever happens,
 * every accepted delivery ends delivered or failed, the runtime's counts in {@code /v1/handlers}
 * and {@code /metrics} agree with what the receiver saw, and the retry rules hold. The receiver's
 * answers come from a seed ({@code -Dfaulty.seed=N} repeats a run).
 */
class FaultyReceiverIT {

    private static final long SEED = Long.getLong("faulty.seed", 20_261_201L);
    private static final int EVENTS = 120;
    private static final Map<String, Integer> ATTEMPTS = Map.of("/a/s3cr3t-path-a", 4, "/b/s3cr3t-path-b", 2);
    /** Long enough that a prompt answer never times out on a loaded machine; slow answers take 2.5 times it. */
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final String TOKEN = "faulty-receiver-token-7f3a91";
    private static final String API_KEY = "faulty-api-key-0c55e2d8b1";
    private static final Pattern SERVING = Pattern.compile("serving on (http://127\\.0\\.0\\.1:\\d+/)");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void everyDeliveryEndsDeliveredOrFailedAndTheRuntimeTheMetricsAndTheReceiverAgree() throws Exception {
        SecretScan.secret(TOKEN, API_KEY, "s3cr3t-path-a", "s3cr3t-path-b");
        try (FaultyReceiver receiver = new FaultyReceiver(SEED, TIMEOUT.multipliedBy(5).dividedBy(2), 1);
             Launcher.Running switchboard = Launcher.start(work,
                     Map.of("HOOK_TOKEN", TOKEN, "SWITCHBOARD_API_KEY", API_KEY),
                     List.of(DistributionIT.LAUNCHER.toString(), "run", "--config", config(receiver.port()).toString(),
                             "--port", "0"))) {
            URI base = URI.create(switchboard.awaitStderr(SERVING, Duration.ofSeconds(60)));
            awaitReady(base);
            HttpResponse<String> accepted = send(HttpRequest.newBuilder(base.resolve("v1/events"))
                    .header("Content-Type", "application/json").header("X-API-Key", API_KEY)
                    .POST(HttpRequest.BodyPublishers.ofString(events())));
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

            Map<String, JsonNode> handlers = awaitEveryDeliveryFinished(base, Duration.ofSeconds(60));

            Map<String, List<Attempt>> seen = receiver.attempts();
            String metrics = send(HttpRequest.newBuilder(base.resolve("metrics")).GET()).body();
            for (Map.Entry<String, Integer> handler : ATTEMPTS.entrySet()) {
                String path = handler.getKey();
                String name = path.substring(1, 2);
                JsonNode counts = handlers.get(name);
                Map<String, List<Attempt>> mine = seen.entrySet().stream().filter(e -> e.getKey().startsWith(path + "#"))
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
                long delivered = mine.values().stream().filter(a -> a.get(a.size() - 1).answer() == Answer.OK
                        && a.stream().noneMatch(x -> x.answer() == Answer.BAD_REQUEST)).count();
                long retried = mine.values().stream().mapToLong(a -> a.size() - 1).sum();
                String seed = "seed " + SEED + ", handler " + name;

                assertThat(mine).as(seed + ": every event reached the receiver").hasSize(EVENTS);
                assertThat(counts.get("delivered").asLong() + counts.get("failed").asLong()).as(seed).isEqualTo(EVENTS);
                assertThat(counts.get("delivered").asLong()).as(seed + ": delivered per the receiver").isEqualTo(delivered);
                assertThat(counts.get("failed").asLong()).as(seed).isEqualTo(EVENTS - delivered);
                assertThat(counts.get("retried").asLong()).as(seed + ": retries per the receiver").isEqualTo(retried);
                assertThat(metric(metrics, name, "delivered")).as(seed + ": /metrics").isEqualTo(delivered);
                assertThat(metric(metrics, name, "failed")).as(seed).isEqualTo(EVENTS - delivered);
                assertThat(metric(metrics, name, "retried")).as(seed).isEqualTo(retried);
                mine.forEach((event, attempts) -> checkRetryRules(seed + ", " + event, attempts, handler.getValue()));
            }
            assertThat(answers(seen)).as("the seed tried every kind of fault").containsKeys(Answer.values());
            System.out.println("faulty receiver, seed " + SEED + ": " + answers(seen) + "; handlers " + handlers);

            assertThat(switchboard.terminate(Duration.ofSeconds(30))).as(switchboard.stderr()).isZero();
        }
    }

    /** At most the configured attempts; nothing after a 200 or a 400; never before a 429's Retry-After. */
    private static void checkRetryRules(String what, List<Attempt> attempts, int maxAttempts) {
        assertThat(attempts).as(what + ": attempts").hasSizeLessThanOrEqualTo(maxAttempts);
        for (int i = 0; i < attempts.size() - 1; i++) {
            Attempt attempt = attempts.get(i);
            assertThat(attempt.answer()).as(what + ": retried after " + attempt.answer())
                    .isNotIn(Answer.OK, Answer.BAD_REQUEST);
            if (attempt.answer() == Answer.TOO_MANY) {
                Duration waited = Duration.ofNanos(attempts.get(i + 1).receivedNanos() - attempt.receivedNanos());
                assertThat(waited).as(what + ": retried before Retry-After: 1").isGreaterThanOrEqualTo(Duration.ofMillis(1000));
            }
        }
    }

    private static Map<Answer, Long> answers(Map<String, List<Attempt>> seen) {
        return seen.values().stream().flatMap(List::stream)
                .collect(Collectors.groupingBy(Attempt::answer, () -> new java.util.EnumMap<>(Answer.class), Collectors.counting()));
    }

    private Path config(int port) throws Exception {
        StringBuilder yaml = new StringBuilder("version: 1\nhandlers:\n");
        ATTEMPTS.forEach((path, attempts) -> yaml.append("""
                  - name: %s
                    type: webhook
                    events: ["*"]
                    timeout: %dms
                    retry: {attempts: %d, backoff: 50ms, multiplier: 2, max_backoff: 200ms}
                    config: {url: "http://127.0.0.1:%d%s", headers: {Authorization: "Bearer ${HOOK_TOKEN}"}}
                """.formatted(path.substring(1, 2), TIMEOUT.toMillis(), attempts, port, path)));
        yaml.append("server:\n  api_keys: [\"${SWITCHBOARD_API_KEY}\"]\n  timeouts: {drain: 0s}\n");
        return Files.writeString(work.resolve("handlers.yaml"), yaml);
    }

    private static String events() {
        return IntStream.range(0, EVENTS).mapToObj(n -> "{\"event_type\": \"step_complete\", \"spec_name\": \"faulty\", "
                + "\"data\": {\"n\": " + n + "}}").collect(Collectors.joining(",", "[", "]"));
    }

    private Map<String, JsonNode> awaitEveryDeliveryFinished(URI base, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, JsonNode> handlers = new HashMap<>();
        while (System.nanoTime() < deadline) {
            handlers.clear();
            JsonNode items = JSON.readTree(send(HttpRequest.newBuilder(base.resolve("v1/handlers"))
                    .header("X-API-Key", API_KEY).GET()).body()).get("items");
            items.forEach(item -> handlers.put(item.get("name").asText(), item));
            if (handlers.values().stream().allMatch(h -> h.get("delivered").asLong() + h.get("failed").asLong() == EVENTS)) {
                return handlers;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("deliveries still unfinished after " + timeout + " (seed " + SEED + "): " + handlers);
    }

    private static long metric(String metrics, String handler, String outcome) {
        Matcher line = Pattern.compile("(?m)^switchboard_deliveries_total\\{(?=[^}]*handler=\"" + handler + "\")(?=[^}]*outcome=\""
                + outcome + "\")[^}]*} ([0-9.eE+]+)$").matcher(metrics);
        assertThat(line.find()).as("switchboard_deliveries_total for %s %s in\n%s", handler, outcome, metrics).isTrue();
        return (long) Double.parseDouble(line.group(1));
    }

    private void awaitReady(URI base) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (send(HttpRequest.newBuilder(base.resolve("readyz")).GET()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // Listening was printed just before the runtime finished starting.
            }
            Thread.sleep(50);
        }
        throw new AssertionError("/readyz never answered 200");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
