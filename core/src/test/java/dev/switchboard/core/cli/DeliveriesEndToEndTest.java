package dev.switchboard.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.Switchboard;
import dev.switchboard.core.server.SwitchboardServer;
import dev.switchboard.core.store.DeadLetter;
import dev.switchboard.core.testing.ScriptedReceiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deliveries} and {@code replay} against real runtimes: a stopped one's data folder (the
 * replayed dead letter is delivered by the next runtime started there) and a running server's API.
 * A real HTTP receiver answers 500 until told otherwise; the handler makes one attempt, so an event
 * is a dead letter at once.
 */
class DeliveriesEndToEndTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private Path config(ScriptedReceiver receiver, String server) throws Exception {
        return Files.writeString(temp.resolve("handlers.yaml"), """
                version: 1
                %s
                handlers:
                  - name: audit
                    type: posting
                    events: ["*"]
                    retry: {attempts: 1}
                    config: {url: "%s"}
                """.formatted(server, receiver.url()));
    }

    private Path data() {
        return temp.resolve("data");
    }

    private Switchboard runtime(Path config) throws Exception {
        return Switchboard.builder().config(config).dataDir(data()).build();
    }

    private static WorkflowEvent event(int seq) {
        return WorkflowEvent.builder("error").sessionId("s-" + seq).specName("research")
                .data(Map.of("seq", seq, "password", "pw-SECRET")).build();
    }

    private static List<DeadLetter> awaitDead(Switchboard runtime, int count) throws InterruptedException {
        await("dead letters: " + count, () -> runtime.store().deadLetters().list(null, null, 0, 10).size() == count);
        return runtime.store().deadLetters().list(null, null, 0, 10);
    }

    private static void awaitArrival(ScriptedReceiver receiver, String webhookId, int status) throws InterruptedException {
        await(webhookId + " answered " + status, () -> receiver.arrivals().stream()
                .anyMatch(arrival -> webhookId.equals(arrival.webhookId()) && arrival.status() == status));
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void aDeadLetterReplayedInAStoppedRuntimesFolderIsDeliveredByTheNextRuntimeWithTheSameWebhookId() throws Exception {
        try (ScriptedReceiver receiver = new ScriptedReceiver()) {
            receiver.answer(500);
            Path config = config(receiver, "");
            String eventId;
            long deliveryId;
            try (Switchboard first = runtime(config)) {
                eventId = first.publish(event(1)).id();
                deliveryId = awaitDead(first, 1).get(0).delivery().id();
            }

            CommandRun listed = CommandRun.of("deliveries", "--data", data().toString(), "--config", config.toString());
            assertThat(listed.exitCode()).as(listed.stderr()).isZero();
            assertThat(listed.stdout().lines().skip(1).toList()).singleElement().satisfies(line ->
                    assertThat(line.split(" +")).startsWith(String.valueOf(deliveryId), "dead", "audit", "1", "500"));
            CommandRun replayed = CommandRun.of("replay", String.valueOf(deliveryId), "--data", data().toString(),
                    "--config", config.toString());
            assertThat(replayed.exitCode()).as(replayed.stderr()).isZero();
            assertThat(replayed.stdout().strip()).isEqualTo("replayed 1 of 1");

            receiver.answer(200);
            try (Switchboard second = runtime(config)) {
                awaitArrival(receiver, eventId, 200);
                assertThat(second.awaitIdle(PATIENCE)).isTrue();
                assertThat(second.store().deadLetters().list(null, null, 0, 10)).isEmpty();
            }
            assertThat(receiver.arrivals()).extracting(ScriptedReceiver.Arrival::webhookId).containsExactly(eventId, eventId);
            assertThat(receiver.arrivals()).extracting(ScriptedReceiver.Arrival::status).containsExactly(500, 200);
        }
    }

    @Test
    void aRunningRuntimesDeadLettersAreListedAndReplayedThroughItsApi() throws Exception {
        try (ScriptedReceiver receiver = new ScriptedReceiver()) {
            receiver.answer(500);
            Path config = config(receiver, "server: {api_keys: [cli-key-1]}");
            SwitchboardServer server = SwitchboardServer.builder().config(config).dataDir(data())
                    .host("127.0.0.1").port(0).start();
            try {
                Switchboard runtime = server.switchboard();
                String first = runtime.publish(event(1)).id();
                awaitDead(runtime, 1);
                String second = runtime.publish(event(2)).id();
                List<DeadLetter> dead = awaitDead(runtime, 2);
                long firstId = dead.get(1).delivery().id();
                String url = server.uri().toString();

                CommandRun listed = CommandRun.of("deliveries", "--url", url, "--api-key", "cli-key-1", "--json");
                assertThat(listed.exitCode()).as(listed.stderr()).isZero();
                List<JsonNode> items = listed.stdout().lines().map(DeliveriesEndToEndTest::json).toList();
                assertThat(items).extracting(item -> item.get("event_id").asText()).containsExactly(second, first);
                assertThat(items.get(1).get("last_status").asInt()).isEqualTo(500);
                assertThat(listed.stdout()).doesNotContain("SECRET");

                CommandRun noKey = CommandRun.of("deliveries", "--url", url);
                assertThat(noKey.exitCode()).isEqualTo(2);
                assertThat(noKey.stderr().lines().toList()).singleElement().asString()
                        .startsWith("switchboard deliveries: GET " + url + "v1/deliveries?")
                        .contains("answered 401: an API key is required")
                        .doesNotContain("cli-key-1");
                CommandRun locked = CommandRun.of("deliveries", "--data", data().toString(), "--config", config.toString());
                assertThat(locked.exitCode()).isEqualTo(2);
                assertThat(locked.stderr()).contains("is in use by a running Switchboard", "--url");

                receiver.answer(200);
                CommandRun byId = CommandRun.of("replay", String.valueOf(firstId), "999999", "--url", url,
                        "--api-key", "cli-key-1");
                assertThat(byId.exitCode()).isEqualTo(1);
                assertThat(byId.stdout().strip()).isEqualTo("replayed 1 of 2");
                assertThat(byId.stderr().lines().toList()).containsExactly("switchboard replay: 999999: no such delivery");
                awaitArrival(receiver, first, 200);

                CommandRun all = CommandRun.of("replay", "--all-dead", "--handler", "audit", "--url", url,
                        "--api-key", "cli-key-1");
                assertThat(all.exitCode()).as(all.stderr()).isZero();
                assertThat(all.stdout().strip()).isEqualTo("replayed 1 dead letter of audit");
                awaitArrival(receiver, second, 200);
                assertThat(runtime.awaitIdle(PATIENCE)).isTrue();
                assertThat(receiver.arrivals()).hasSize(4);
            } finally {
                server.close(Duration.ofSeconds(5));
            }
        }
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
