package dev.switchboard.core.server;

import static dev.switchboard.core.server.TestService.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.testing.ScriptedReceiver;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /v1/deliveries} end to end: a real server on a SQLite data folder, a real HTTP receiver
 * that answers 500 until told otherwise, handlers with one attempt, so that an event becomes a dead
 * letter at once; then listed, replayed (the receiver gets the same {@code webhook-id}) and deleted
 * over HTTP.
 */
class DeliveriesApiTest {

    private static final String KEY = "test-key-1";

    @TempDir
    Path data;

    private ScriptedReceiver receiver;
    private TestService service;

    @BeforeEach
    void start() throws Exception {
        receiver = new ScriptedReceiver();
        receiver.answer(500);
        service = TestService.startOn(data, """
                version: 1
                server: {api_keys: [%2$s]}
                handlers:
                  - name: audit
                    type: posting
                    events: ["*"]
                    match: {session_id: "dead-*"}
                    retry: {attempts: 1}
                    redact: {keys: [token]}
                    config: {url: "%1$s"}
                  - name: backup
                    type: posting
                    events: ["*"]
                    match: {session_id: "dead-*"}
                    retry: {attempts: 1}
                    config: {url: "%1$s"}
                  - name: patient
                    type: posting
                    events: ["*"]
                    match: {session_id: "retry-*"}
                    retry: {attempts: 3, backoff: 60s, max_backoff: 60s}
                    config: {url: "%1$s"}
                """.formatted(receiver.url(), KEY));
    }

    @AfterEach
    void stop() {
        service.close(Duration.ofMillis(100)); // a retry a minute away is left behind on purpose
        receiver.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return service.send(service.request(path).header("X-API-Key", KEY).GET());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return service.send(service.request(path).header("X-API-Key", KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> delete(String path) throws Exception {
        return service.send(service.request(path).header("X-API-Key", KEY).DELETE());
    }

    /** Posts an event of this session, answered 202 once durable. @return its id */
    private String publish(String sessionId) throws Exception {
        HttpResponse<String> response = post("/v1/events", """
                {"event_type": "error", "session_id": "%s", "spec_name": "research",
                 "data": {"step": 2, "token": "tok-SECRET", "password": "pw-SECRET"}}
                """.formatted(sessionId));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return json(response).get("ids").get(0).asText();
    }

    private JsonNode items(String query) throws Exception {
        HttpResponse<String> response = get("/v1/deliveries" + query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response).get("items");
    }

    /** @return the event's dead letter of this handler, once it is one */
    private JsonNode awaitDead(String eventId, String handler) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        TestService.await("the " + handler + " delivery of " + eventId + " is a dead letter", () -> {
            try {
                items("?event_id=" + eventId + "&handler=" + handler).forEach(found::add);
                return !found.isEmpty();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return found.get(0);
    }

    private void awaitArrival(String webhookId, int status) throws InterruptedException {
        TestService.await("the receiver got " + webhookId + " and answered " + status, () -> receiver.arrivals().stream()
                .anyMatch(arrival -> webhookId.equals(arrival.webhookId()) && arrival.status() == status));
    }

    private long arrivalsOf(String webhookId) {
        return receiver.arrivals().stream().filter(arrival -> webhookId.equals(arrival.webhookId())).count();
    }

    @Test
    void aDeadLetterIsListedWithItsAttemptsStatusReasonAndTheEventRedacted() throws Exception {
        String eventId = publish("dead-1");
        JsonNode dead = awaitDead(eventId, "audit");

        assertThat(dead.get("id").asLong()).isPositive();
        assertThat(dead.get("event_id").asText()).isEqualTo(eventId);
        assertThat(dead.get("handler").asText()).isEqualTo("audit");
        assertThat(dead.get("state").asText()).isEqualTo("dead");
        assertThat(dead.get("attempts").asInt()).isEqualTo(1);
        assertThat(dead.get("last_status").asInt()).isEqualTo(500);
        assertThat(dead.get("last_reason").asText()).contains("500");
        assertThat(dead.get("next_attempt_at").isNull()).isTrue();
        assertThat(Instant.parse(dead.get("dead_at").asText())).isEqualTo(Instant.parse(dead.get("updated_at").asText()));
        JsonNode event = dead.get("event");
        assertThat(event.get("event_type").asText()).isEqualTo("error");
        assertThat(event.get("session_id").asText()).isEqualTo("dead-1");
        assertThat(event.get("data").get("step").asInt()).isEqualTo(2);
        assertThat(event.get("data").has("token")).as("a handler's redact key").isFalse();
        assertThat(event.get("data").has("password")).as("a built-in redact key").isFalse();

        HttpResponse<String> one = get("/v1/deliveries/" + dead.get("id").asLong());
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(json(one)).isEqualTo(dead);
        assertThat(one.body()).doesNotContain("SECRET");

        awaitDead(eventId, "backup");
        JsonNode all = items("");
        assertThat(all).hasSize(2);
        assertThat(all.get(0).get("dead_at").asText()).isGreaterThanOrEqualTo(all.get(1).get("dead_at").asText());
        assertThat(items("?state=dead&handler=backup")).singleElement()
                .satisfies(item -> assertThat(item.get("handler").asText()).isEqualTo("backup"));
        assertThat(items("?offset=1&limit=1")).hasSize(1);
        assertThat(items("?event_id=nope")).isEmpty();
    }

    @Test
    void aScheduledRetryIsListedAsPendingWithItsNextAttempt() throws Exception {
        String eventId = publish("retry-1");
        List<JsonNode> pending = new ArrayList<>();
        TestService.await("the retry is scheduled", () -> {
            try {
                pending.clear();
                items("?state=pending&handler=patient").forEach(pending::add);
                return !pending.isEmpty() && pending.get(0).get("attempts").asInt() == 1;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        JsonNode retry = pending.get(0);
        assertThat(retry.get("event_id").asText()).isEqualTo(eventId);
        assertThat(retry.get("state").asText()).isEqualTo("pending");
        assertThat(retry.get("last_status").asInt()).isEqualTo(500);
        assertThat(Instant.parse(retry.get("next_attempt_at").asText()))
                .isAfter(Instant.parse(retry.get("updated_at").asText()).plusSeconds(50));
        assertThat(retry.get("dead_at").isNull()).isTrue();

        HttpResponse<String> replay = post("/v1/deliveries/" + retry.get("id").asLong() + "/replay", "");
        assertThat(replay.statusCode()).isEqualTo(409);
        assertThat(json(replay).get("state").asText()).isEqualTo("pending");
        HttpResponse<String> delete = delete("/v1/deliveries/" + retry.get("id").asLong());
        assertThat(delete.statusCode()).isEqualTo(409);
        assertThat(json(delete).get("error").asText()).contains("is pending; only a dead letter can be deleted");
    }

    @Test
    void aReplayedDeadLetterIsDeliveredWithTheSameWebhookIdAndThenListedAsDelivered() throws Exception {
        String eventId = publish("dead-2");
        long audit = awaitDead(eventId, "audit").get("id").asLong();
        awaitDead(eventId, "backup");
        receiver.answer(200);

        HttpResponse<String> replay = post("/v1/deliveries/" + audit + "/replay", "");

        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(202);
        assertThat(json(replay).get("replayed").asInt()).isEqualTo(1);
        awaitArrival(eventId, 200);
        assertThat(arrivalsOf(eventId)).as("audit and backup failed once each, then audit's replay").isEqualTo(3);
        TestService.await("the replay is settled as delivered", () -> {
            try {
                return json(get("/v1/deliveries/" + audit)).get("state").asText().equals("delivered");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        JsonNode delivered = json(get("/v1/deliveries/" + audit));
        assertThat(delivered.get("attempts").asInt()).as("reset by the replay, then one attempt").isEqualTo(1);
        assertThat(items("?state=delivered&handler=audit")).singleElement()
                .satisfies(item -> assertThat(item.get("id").asLong()).isEqualTo(audit));

        HttpResponse<String> again = post("/v1/deliveries/" + audit + "/replay", "");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).get("error").asText()).isEqualTo("delivery " + audit + " is delivered; only a dead"
                + " letter can be replayed");
        assertThat(post("/v1/deliveries/999999/replay", "").statusCode()).isEqualTo(404);
    }

    @Test
    void deadLettersAreReplayedByHandlerByIdsOrAll() throws Exception {
        String first = publish("dead-3");
        String second = publish("dead-4");
        long firstBackup = awaitDead(first, "backup").get("id").asLong();
        long firstAudit = awaitDead(first, "audit").get("id").asLong();
        awaitDead(second, "audit");
        awaitDead(second, "backup");
        receiver.answer(204);

        HttpResponse<String> byHandler = post("/v1/deliveries/replay", "{\"handler\": \"audit\"}");
        assertThat(byHandler.statusCode()).as(byHandler.body()).isEqualTo(202);
        assertThat(json(byHandler).get("replayed").asInt()).isEqualTo(2);
        assertThat(json(byHandler).get("skipped")).isEmpty();
        awaitArrival(first, 204);
        awaitArrival(second, 204);

        HttpResponse<String> byIds = post("/v1/deliveries/replay", "{\"ids\": [" + firstBackup + ", 999999, "
                + firstAudit + ", " + firstBackup + "]}");
        assertThat(byIds.statusCode()).isEqualTo(202);
        JsonNode answer = json(byIds);
        assertThat(answer.get("replayed").asInt()).isEqualTo(1);
        assertThat(answer.get("skipped")).hasSize(2);
        assertThat(answer.get("skipped").get(0).get("id").asLong()).isEqualTo(999999);
        assertThat(answer.get("skipped").get(0).get("state").isNull()).isTrue();
        assertThat(answer.get("skipped").get(0).get("reason").asText()).isEqualTo("no such delivery");
        assertThat(answer.get("skipped").get(1).get("id").asLong()).isEqualTo(firstAudit);
        assertThat(answer.get("skipped").get(1).get("state").asText()).isIn("pending", "in_flight", "delivered");

        HttpResponse<String> all = post("/v1/deliveries/replay", "{\"all\": true}");
        assertThat(json(all).get("replayed").asInt()).as("second's backup delivery").isEqualTo(1);
        TestService.await("each delivery of both events reached the receiver", () ->
                receiver.arrivals().stream().filter(arrival -> arrival.status() == 204).count() == 4);
        assertThat(items("")).isEmpty();
    }

    @Test
    void aDeadLetterIsDeletedAndOnlyADeadLetter() throws Exception {
        String eventId = publish("dead-5");
        long audit = awaitDead(eventId, "audit").get("id").asLong();

        HttpResponse<String> deleted = delete("/v1/deliveries/" + audit);

        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(get("/v1/deliveries/" + audit).statusCode()).isEqualTo(404);
        assertThat(delete("/v1/deliveries/" + audit).statusCode()).isEqualTo(404);
        assertThat(items("?handler=audit")).isEmpty();
        assertThat(post("/v1/deliveries/" + audit + "/replay", "").statusCode()).isEqualTo(404);
    }

    @Test
    void badRequestsAreJsonErrorsNamingTheField() throws Exception {
        assertError(get("/v1/deliveries?state=failed"), 400, "state must be one of pending, in_flight, delivered, dead", "state");
        assertThat(json(get("/v1/deliveries?state=failed")).get("valid")).hasSize(4);
        assertError(get("/v1/deliveries?limit=0"), 400, "limit must be a whole number from 1 to 1000", "limit");
        assertError(get("/v1/deliveries?offset=-1"), 400, "offset must be a whole number from 0", "offset");
        assertError(get("/v1/deliveries/abc"), 400, "a delivery id is a whole number from 1, not 'abc'", "id");
        assertError(get("/v1/deliveries/999999"), 404,
                "no delivery 999999 is stored (never, deleted, or pruned after delivery)", null);
        assertError(post("/v1/deliveries/replay", "{}"), 400,
                "say what to replay: {\"handler\": \"audit\"}, {\"ids\": [12, 13]} or {\"all\": true}", null);
        assertError(post("/v1/deliveries/replay", "{\"handler\": \"audit\", \"all\": true}"), 400,
                "send one of handler, ids and all, not handler and all", "all");
        assertError(post("/v1/deliveries/replay", "{\"handlers\": [\"audit\"]}"), 400,
                "unknown field 'handlers'; send {\"handler\": \"audit\"}, {\"ids\": [12, 13]} or {\"all\": true}", "handlers");
        assertError(post("/v1/deliveries/replay", "{\"ids\": []}"), 400, "ids must be a list of 1 to 1000 delivery ids", "ids");
        assertError(post("/v1/deliveries/replay", "{\"ids\": [1, \"2\"]}"), 400, "ids must hold whole numbers from 1, not \"2\"", "ids");
        assertError(post("/v1/deliveries/replay", "{\"all\": false}"), 400, "all must be true", "all");
        assertError(post("/v1/deliveries/replay", "{\"handler\": 5}"), 400, "handler must be a handler's name", "handler");
        assertThat(post("/v1/deliveries/replay", "[1, 2]").statusCode()).isEqualTo(400);
        assertThat(post("/v1/deliveries/replay", "{nope").statusCode()).isEqualTo(400);
    }

    @Test
    void everyRouteNeedsTheApiKey() throws Exception {
        assertThat(service.get("/v1/deliveries").statusCode()).isEqualTo(401);
        assertThat(service.get("/v1/deliveries/1").statusCode()).isEqualTo(401);
        assertThat(service.delete("/v1/deliveries/1").statusCode()).isEqualTo(401);
        assertThat(service.postJson("/v1/deliveries/1/replay", "").statusCode()).isEqualTo(401);
        assertThat(service.postJson("/v1/deliveries/replay", "{\"all\": true}").statusCode()).isEqualTo(401);
        HttpResponse<String> wrong = service.send(service.request("/v1/deliveries").header("X-API-Key", "nope").GET());
        assertThat(wrong.statusCode()).isEqualTo(403);
    }

    private static void assertError(HttpResponse<String> response, int status, String error, String field)
            throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = json(response);
        assertThat(body.get("error").asText()).isEqualTo(error);
        if (field == null) {
            assertThat(body.has("field")).isFalse();
        } else {
            assertThat(body.get("field").asText()).isEqualTo(field);
        }
    }
}
