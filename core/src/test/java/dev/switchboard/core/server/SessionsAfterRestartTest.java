package dev.switchboard.core.server;

import static dev.switchboard.core.server.TestService.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.testing.RecordingHandlerFactory;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the SQLite store, {@code /v1/sessions} is read from the store: a session, its events and
 * their delivery states are the same after the server is stopped and a new one started on the same
 * data folder, and a session paused before the restart is resumed after it.
 */
class SessionsAfterRestartTest {

    @TempDir
    Path data;

    private final String prefix = "r" + UUID.randomUUID().toString().substring(0, 8);
    private final String yaml = """
            version: 1
            handlers:
              - {name: %1$s-all, type: recording, events: ["*"]}
              - {name: %1$s-engine, type: recording, events: [hitl_resume]}
              - name: %1$s-flaky
                type: recording
                events: [step_complete]
                retry: {attempts: 3, backoff: 1m, max_backoff: 1m}
                config: {fail_times: 100}
              - name: %1$s-broken
                type: recording
                events: [hitl_pause]
                config: {fail_times: 100, failure: permanent}
            """.formatted(prefix);

    private TestService start() throws Exception {
        return TestService.startOn(data, yaml);
    }

    private static String post(TestService service, String sessionId, String eventType) throws Exception {
        HttpResponse<String> response = service.postJson("/v1/events", """
                {"event_type": "%s", "session_id": "%s", "spec_name": "review-flow", "pattern_type": "chain",
                 "data": {"password": "hunter2", "step": 1}}
                """.formatted(eventType, sessionId));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return json(response).get("ids").get(0).asText();
    }

    private static JsonNode session(TestService service, String id) throws Exception {
        HttpResponse<String> response = service.get("/v1/sessions/" + id);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private static String state(JsonNode session, int event, String handler) {
        JsonNode delivery = session.get("events").get(event).get("deliveries").get(handler);
        return delivery == null ? "none" : delivery.get("state").asText();
    }

    @Test
    void aSessionsEventsAndDeliveryStatesSurviveARestartAndItIsResumedAfterIt() throws Exception {
        String id = "restart-" + UUID.randomUUID();
        List<String> posted = new ArrayList<>();
        JsonNode before;
        JsonNode listedBefore;
        TestService first = start();
        try {
            posted.add(post(first, id, "workflow_start"));
            posted.add(post(first, id, "step_complete"));
            posted.add(post(first, id, "hitl_pause"));
            TestService.await("every outcome but the scheduled retry", () -> {
                try {
                    JsonNode session = session(first, id);
                    return state(session, 0, prefix + "-all").equals("delivered")
                            && state(session, 1, prefix + "-all").equals("delivered")
                            && state(session, 1, prefix + "-flaky").equals("retry_scheduled")
                            && state(session, 2, prefix + "-all").equals("delivered")
                            && state(session, 2, prefix + "-broken").equals("failed");
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            before = session(first, id);
            listedBefore = json(first.get("/v1/sessions?spec_name=review-flow"));
        } finally {
            // The retry a minute away stays in the store.
            first.close(Duration.ofMillis(100));
        }

        TestService second = start();
        try {
            JsonNode after = session(second, id);

            assertThat(after).isEqualTo(before);
            assertThat(after.get("status").asText()).isEqualTo("paused");
            assertThat(after.get("event_count").asInt()).isEqualTo(3);
            assertThat(after.get("events")).extracting(event -> event.get("id").asText())
                    .containsExactlyElementsOf(posted);
            assertThat(after.get("events").get(0).get("data").toString()).as("redacted on read")
                    .isEqualTo("{\"step\":1}");
            JsonNode retry = after.get("events").get(1).get("deliveries").get(prefix + "-flaky");
            assertThat(retry.get("attempts").asInt()).isEqualTo(1);
            assertThat(retry.get("reason").asText()).contains("scripted retryable failure 1");
            assertThat(retry.has("next_attempt_at")).isTrue();
            assertThat(after.get("events").get(2).get("deliveries").get(prefix + "-broken").get("reason").asText())
                    .contains("scripted permanent failure 1");
            assertThat(json(second.get("/v1/sessions?spec_name=review-flow"))).isEqualTo(listedBefore);

            HttpResponse<String> resumed = second.postJson("/v1/sessions/" + id + "/resume",
                    "{\"hitl_response\": \"approved\"}");

            assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(202);
            assertThat(json(resumed).get("status").asText()).isEqualTo("running");
            String resumeId = json(resumed).get("event_id").asText();
            JsonNode running = session(second, id);
            assertThat(running.get("status").asText()).isEqualTo("running");
            assertThat(running.get("event_count").asInt()).isEqualTo(4);
            JsonNode last = running.get("events").get(3);
            assertThat(last.get("id").asText()).isEqualTo(resumeId);
            assertThat(last.get("event_type").asText()).isEqualTo("hitl_resume");
            assertThat(last.get("data").get("hitl_response").asText()).isEqualTo("approved");
            TestService.await("the engine's handler received hitl_resume", () -> RecordingHandlerFactory
                    .of(prefix + "-engine").events.stream().anyMatch(event -> resumeId.equals(event.id())));
            assertThat(second.postJson("/v1/sessions/" + id + "/resume", "{\"hitl_response\": \"again\"}").statusCode())
                    .as("a second resume of the same pause").isEqualTo(409);
        } finally {
            second.close(Duration.ofMillis(100));
        }

        TestService third = start();
        try {
            assertThat(session(third, id).get("status").asText()).as("the resume survives too").isEqualTo("running");
            assertThat(third.delete("/v1/sessions/" + id).statusCode()).isEqualTo(204);
        } finally {
            third.close(Duration.ofMillis(100));
        }
        TestService fourth = start();
        try {
            assertThat(fourth.get("/v1/sessions/" + id).statusCode()).as("a delete survives too").isEqualTo(404);
        } finally {
            fourth.close(Duration.ofMillis(100));
        }
    }
}
