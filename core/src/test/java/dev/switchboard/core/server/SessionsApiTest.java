package dev.switchboard.core.server;

import static dev.switchboard.core.server.TestService.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.testing.RecordingHandlerFactory;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code /v1/sessions} over real HTTP: the status machine, resume and delete, pagination and
 * filters, and per-event delivery states. Every test uses its own session ids and spec names. Here
 * on the memory store (the view in memory); {@link SqliteSessionsApiTest} runs the same on the
 * SQLite store (the view read from the store).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionsApiTest {

    private final String prefix = "s" + UUID.randomUUID().toString().substring(0, 8);
    private final String all = prefix + "-all";
    private final String engine = prefix + "-engine";
    private TestService service;

    /** Starts the service under test on this handlers.yaml. */
    TestService start(String yaml) throws Exception {
        return TestService.start(yaml);
    }

    @BeforeAll
    void start() throws Exception {
        service = start("""
                version: 1
                handlers:
                  - {name: %1$s-all, type: recording, events: ["*"]}
                  - {name: %1$s-engine, type: recording, events: [hitl_resume, workflow_execute]}
                  - name: %1$s-flaky
                    type: recording
                    events: ["*"]
                    match: {session_id: "retrying-*"}
                    retry: {attempts: 3, backoff: 30s, max_backoff: 60s}
                    config: {fail_times: 100}
                  - name: %1$s-broken
                    type: recording
                    events: ["*"]
                    match: {session_id: "failing-*"}
                    config: {fail_times: 100, failure: permanent}
                  - name: %1$s-slow
                    type: recording
                    events: ["*"]
                    match: {session_id: "slow-*"}
                    config: {delay: 3s}
                """.formatted(prefix));
    }

    @AfterAll
    void stop() {
        // Retries 30 s away and slow deliveries are left behind on purpose.
        service.close(Duration.ofMillis(100));
    }

    private String post(String sessionId, String eventType, String specName) throws Exception {
        HttpResponse<String> response = service.postJson("/v1/events", """
                {"event_type": "%s", "session_id": "%s", "spec_name": "%s", "pattern_type": "chain"}
                """.formatted(eventType, sessionId, specName));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return json(response).get("ids").get(0).asText();
    }

    private JsonNode session(String id) throws Exception {
        HttpResponse<String> response = service.get("/v1/sessions/" + id);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private String status(String id) throws Exception {
        return session(id).get("status").asText();
    }

    private JsonNode list(String query) throws Exception {
        HttpResponse<String> response = service.get("/v1/sessions?" + query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("session_id").asText()));
        return ids;
    }

    @Test
    void theStatusFollowsTheEventsRunningPausedCompletedAndFailed() throws Exception {
        String id = "machine-" + UUID.randomUUID();
        post(id, "workflow_start", "research");
        assertThat(status(id)).isEqualTo("running");
        post(id, "step_complete", "research");
        assertThat(status(id)).isEqualTo("running");
        post(id, "hitl_pause", "research");
        assertThat(status(id)).isEqualTo("paused");
        post(id, "workflow_complete", "research");
        assertThat(status(id)).isEqualTo("completed");

        String failing = "machine-" + UUID.randomUUID();
        post(failing, "workflow_start", "research");
        post(failing, "error", "research");
        assertThat(status(failing)).isEqualTo("failed");
    }

    @Test
    void aSessionShowsItsFieldsAndItsEventsInOrder() throws Exception {
        String id = "detail-" + UUID.randomUUID();
        String first = post(id, "workflow_start", "research-workflow");
        String second = post(id, "step_start", "research-workflow");

        JsonNode session = session(id);

        assertThat(session.get("session_id").asText()).isEqualTo(id);
        assertThat(session.get("spec_name").asText()).isEqualTo("research-workflow");
        assertThat(session.get("pattern_type").asText()).isEqualTo("chain");
        assertThat(Instant.parse(session.get("created_at").asText()))
                .isBeforeOrEqualTo(Instant.parse(session.get("updated_at").asText()));
        assertThat(session.get("event_count").asInt()).isEqualTo(2);
        assertThat(session.get("events")).extracting(e -> e.get("id").asText()).containsExactly(first, second);
        assertThat(session.get("events").get(0).get("event_type").asText()).isEqualTo("workflow_start");
    }

    @Test
    void resumingAPausedSessionRecordsHitlResumeThatReachesSubscribersAndRunsAgain() throws Exception {
        String id = "resume-" + UUID.randomUUID();
        post(id, "workflow_start", "review-flow");
        post(id, "hitl_pause", "review-flow");

        HttpResponse<String> response = service.postJson("/v1/sessions/" + id + "/resume", "{\"hitl_response\": \"approved\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode answer = json(response);
        assertThat(answer.get("status").asText()).isEqualTo("running");
        String eventId = answer.get("event_id").asText();
        assertThat(status(id)).isEqualTo("running");
        TestService.await("the engine's handler received hitl_resume",
                () -> RecordingHandlerFactory.of(engine).events.stream().anyMatch(e -> eventId.equals(e.id())));
        WorkflowEvent resumed = RecordingHandlerFactory.of(engine).events.stream()
                .filter(e -> eventId.equals(e.id())).findFirst().orElseThrow();
        assertThat(resumed.eventType()).isEqualTo("hitl_resume");
        assertThat(resumed.sessionId()).isEqualTo(id);
        assertThat(resumed.specName()).isEqualTo("review-flow");
        assertThat(resumed.patternType()).isEqualTo("chain");
        assertThat(resumed.data()).isEqualTo(Map.of("hitl_response", "approved"));
        JsonNode events = session(id).get("events");
        assertThat(events.get(events.size() - 1).get("event_type").asText()).isEqualTo("hitl_resume");
    }

    @Test
    void startingAWorkflowPublishesWorkflowExecuteToSubscribersAndTheSessionIsPendingUntilTheEngineStartsIt()
            throws Exception {
        String spec = "research-" + UUID.randomUUID();

        HttpResponse<String> response = service.postJson("/v1/sessions", """
                {"spec_name": "%s", "variables": {"topic": "AI safety", "depth": {"max": 3}}}
                """.formatted(spec));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode answer = json(response);
        String id = answer.get("session_id").asText();
        String eventId = answer.get("event_id").asText();
        assertThat(UUID.fromString(id)).isNotNull();
        assertThat(answer.get("status").asText()).isEqualTo("pending");
        TestService.await("the engine's handler received workflow_execute",
                () -> RecordingHandlerFactory.of(engine).events.stream().anyMatch(e -> eventId.equals(e.id())));
        WorkflowEvent execute = RecordingHandlerFactory.of(engine).events.stream()
                .filter(e -> eventId.equals(e.id())).findFirst().orElseThrow();
        assertThat(execute.eventType()).isEqualTo("workflow_execute");
        assertThat(execute.sessionId()).isEqualTo(id);
        assertThat(execute.specName()).isEqualTo(spec);
        assertThat(execute.data()).isEqualTo(Map.of("variables", Map.of("topic", "AI safety", "depth", Map.of("max", 3))));
        TestService.await("every subscriber to * received it too",
                () -> RecordingHandlerFactory.of(all).events.stream().anyMatch(e -> eventId.equals(e.id())));

        JsonNode session = session(id);
        assertThat(session.get("status").asText()).isEqualTo("pending");
        assertThat(session.get("spec_name").asText()).isEqualTo(spec);
        assertThat(session.get("events").get(0).get("event_type").asText()).isEqualTo("workflow_execute");
        assertThat(ids(list("status=pending&spec_name=" + spec))).containsExactly(id);

        post(id, "step_start", spec);
        assertThat(status(id)).as("only the engine's workflow_start ends pending").isEqualTo("pending");
        post(id, "workflow_start", spec);
        assertThat(status(id)).isEqualTo("running");
        assertThat(list("status=pending&spec_name=" + spec).get("total").asInt()).isZero();
    }

    @Test
    void aWorkflowExecuteEventForAKnownSessionLeavesItsStatus() throws Exception {
        String id = "execute-again-" + UUID.randomUUID();
        post(id, "workflow_start", "review-flow");
        post(id, "workflow_execute", "review-flow");
        assertThat(status(id)).isEqualTo("running");
    }

    @Test
    void startingAWorkflowWithoutVariablesSendsEmptyVariables() throws Exception {
        HttpResponse<String> response = service.postJson("/v1/sessions", "{\"spec_name\": \"bare\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String eventId = json(response).get("event_id").asText();
        TestService.await("the engine's handler received workflow_execute",
                () -> RecordingHandlerFactory.of(engine).events.stream().anyMatch(e -> eventId.equals(e.id())));
        assertThat(RecordingHandlerFactory.of(engine).events.stream().filter(e -> eventId.equals(e.id())).findFirst()
                .orElseThrow().data()).isEqualTo(Map.of("variables", Map.of()));
    }

    @Test
    void startingAWorkflowWithoutSpecNameOrWithVariablesOtherThanAnObjectIs400NamingTheField() throws Exception {
        long before = service.get("/v1/sessions?status=pending").statusCode() == 200
                ? list("status=pending").get("total").asLong() : -1;
        Map<String, String> bodies = Map.of(
                "{\"variables\": {}}", "spec_name",
                "{\"spec_name\": null}", "spec_name",
                "{\"spec_name\": 7}", "spec_name",
                "{\"spec_name\": \" \"}", "spec_name",
                "{\"spec_name\": \"x\", \"variables\": [1]}", "variables",
                "{\"spec_name\": \"x\", \"variables\": \"topic=AI\"}", "variables",
                "{\"spec_name\": \"x\", \"spec\": \"y\"}", "spec");
        for (Map.Entry<String, String> body : bodies.entrySet()) {
            HttpResponse<String> response = service.postJson("/v1/sessions", body.getKey());
            assertThat(response.statusCode()).as(body.getKey()).isEqualTo(400);
            assertThat(json(response).get("field").asText()).as(body.getKey()).isEqualTo(body.getValue());
        }
        HttpResponse<String> notJson = service.postJson("/v1/sessions", "spec_name=x");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(json(notJson).get("error").asText()).startsWith("invalid JSON");
        assertThat(json(service.postJson("/v1/sessions", "[]")).get("error").asText()).contains("spec_name");
        assertThat(list("status=pending").get("total").asLong()).as("no session was made").isEqualTo(before);
    }

    @Test
    void resumingASessionThatIsNotPausedIs409() throws Exception {
        String id = "conflict-" + UUID.randomUUID();
        post(id, "workflow_start", "review-flow");

        HttpResponse<String> running = service.postJson("/v1/sessions/" + id + "/resume", "{\"hitl_response\": \"approved\"}");
        assertThat(running.statusCode()).isEqualTo(409);
        assertThat(json(running).get("error").asText()).contains("is running").contains("only a paused session");

        post(id, "hitl_pause", "review-flow");
        assertThat(service.postJson("/v1/sessions/" + id + "/resume", "{\"hitl_response\": \"yes\"}").statusCode()).isEqualTo(202);
        assertThat(service.postJson("/v1/sessions/" + id + "/resume", "{\"hitl_response\": \"yes\"}").statusCode())
                .as("a second resume of the same pause").isEqualTo(409);
    }

    @Test
    void resumingAnUnknownSessionIs404AndAResumeWithoutAResponseIs400() throws Exception {
        assertThat(service.postJson("/v1/sessions/nobody-" + UUID.randomUUID() + "/resume", "{\"hitl_response\": \"x\"}")
                .statusCode()).isEqualTo(404);

        String id = "bad-resume-" + UUID.randomUUID();
        post(id, "hitl_pause", "review-flow");
        HttpResponse<String> missing = service.postJson("/v1/sessions/" + id + "/resume", "{}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json(missing).get("field").asText()).isEqualTo("hitl_response");
        HttpResponse<String> notText = service.postJson("/v1/sessions/" + id + "/resume", "{\"hitl_response\": 1}");
        assertThat(notText.statusCode()).isEqualTo(400);
        assertThat(service.postJson("/v1/sessions/" + id + "/resume", "not json").statusCode()).isEqualTo(400);
        assertThat(status(id)).isEqualTo("paused");
    }

    @Test
    void deleteForgetsTheSessionWith204() throws Exception {
        String spec = "deleting-" + UUID.randomUUID();
        String id = "delete-" + UUID.randomUUID();
        post(id, "workflow_start", spec);

        HttpResponse<String> deleted = service.delete("/v1/sessions/" + id);

        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertThat(service.get("/v1/sessions/" + id).statusCode()).isEqualTo(404);
        assertThat(list("spec_name=" + spec).get("total").asInt()).isZero();
        assertThat(service.delete("/v1/sessions/" + id).statusCode()).isEqualTo(404);
    }

    @Test
    void anUnknownSessionIs404() throws Exception {
        HttpResponse<String> response = service.get("/v1/sessions/never-seen");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).get("error").asText()).isEqualTo("no session 'never-seen' is known");
    }

    @Test
    void sessionsAreListedNewestFirstAndPaginated() throws Exception {
        String spec = "paging-" + UUID.randomUUID();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = spec + "-" + i;
            post(id, "workflow_start", spec);
            created.add(0, id);
        }

        JsonNode everything = list("spec_name=" + spec);
        assertThat(ids(everything)).containsExactlyElementsOf(created);
        assertThat(everything.get("offset").asInt()).isZero();
        assertThat(everything.get("limit").asInt()).isEqualTo(100);
        assertThat(everything.get("total").asInt()).isEqualTo(3);

        assertThat(ids(list("spec_name=" + spec + "&limit=1"))).containsExactly(created.get(0));
        assertThat(ids(list("spec_name=" + spec + "&offset=1&limit=1"))).containsExactly(created.get(1));
        assertThat(ids(list("spec_name=" + spec + "&offset=2&limit=1000"))).containsExactly(created.get(2));
        JsonNode pastTheEnd = list("spec_name=" + spec + "&offset=10");
        assertThat(pastTheEnd.get("items")).isEmpty();
        assertThat(pastTheEnd.get("total").asInt()).isEqualTo(3);
        assertThat(pastTheEnd.get("offset").asInt()).isEqualTo(10);
    }

    @Test
    void aLimitOutsideOneToAThousandOrABadOffsetIs400NamingTheParameter() throws Exception {
        for (String query : List.of("limit=0", "limit=1001", "limit=ten", "limit=-1")) {
            HttpResponse<String> response = service.get("/v1/sessions?" + query);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(json(response).get("field").asText()).as(query).isEqualTo("limit");
            assertThat(json(response).get("error").asText()).isEqualTo("limit must be a whole number from 1 to 1000");
        }
        HttpResponse<String> offset = service.get("/v1/sessions?offset=-1");
        assertThat(offset.statusCode()).isEqualTo(400);
        assertThat(json(offset).get("field").asText()).isEqualTo("offset");
    }

    @Test
    void theStatusFilterSelectsSessionsAndAnInvalidOneIs400ListingTheValidOnes() throws Exception {
        String spec = "filtering-" + UUID.randomUUID();
        post(spec + "-a", "workflow_start", spec);
        post(spec + "-b", "hitl_pause", spec);
        post(spec + "-c", "workflow_complete", spec);

        assertThat(ids(list("spec_name=" + spec + "&status=paused"))).containsExactly(spec + "-b");
        assertThat(ids(list("spec_name=" + spec + "&status=running"))).containsExactly(spec + "-a");
        assertThat(list("status=completed").get("total").asInt()).isPositive();

        HttpResponse<String> invalid = service.get("/v1/sessions?status=sleeping");
        assertThat(invalid.statusCode()).isEqualTo(400);
        JsonNode error = json(invalid);
        assertThat(error.get("error").asText()).isEqualTo("status must be one of pending, running, paused, completed, failed");
        assertThat(error.get("field").asText()).isEqualTo("status");
    }

    @Test
    void eachEventShowsItsDeliveryStatePerHandler() throws Exception {
        String delivered = "delivering-" + UUID.randomUUID();
        post(delivered, "workflow_start", "states");
        TestService.await("delivered", () -> stateOf(delivered, all).equals("delivered"));
        JsonNode ok = session(delivered).get("events").get(0).get("deliveries");
        assertThat(ok.fieldNames()).toIterable().containsExactly(all);
        assertThat(ok.get(all).get("attempts").asInt()).isEqualTo(1);

        String retrying = "retrying-" + UUID.randomUUID();
        post(retrying, "step_start", "states");
        TestService.await("retry scheduled", () -> stateOf(retrying, prefix + "-flaky").equals("retry_scheduled"));
        JsonNode retry = session(retrying).get("events").get(0).get("deliveries").get(prefix + "-flaky");
        assertThat(retry.get("attempts").asInt()).isEqualTo(1);
        assertThat(retry.get("reason").asText()).contains("scripted retryable failure 1");
        assertThat(Instant.parse(retry.get("next_attempt_at").asText())).isAfter(Instant.now().plusSeconds(20));

        String failing = "failing-" + UUID.randomUUID();
        post(failing, "error", "states");
        TestService.await("failed", () -> stateOf(failing, prefix + "-broken").equals("failed"));
        JsonNode failed = session(failing).get("events").get(0).get("deliveries").get(prefix + "-broken");
        assertThat(failed.get("reason").asText()).contains("scripted permanent failure 1");
        assertThat(failed.has("next_attempt_at")).isFalse();

        String slow = "slow-" + UUID.randomUUID();
        post(slow, "step_start", "states");
        assertThat(stateOf(slow, prefix + "-slow")).isEqualTo("pending");
    }

    private String stateOf(String sessionId, String handler) {
        try {
            JsonNode delivery = session(sessionId).get("events").get(0).get("deliveries").get(handler);
            return delivery == null ? "none" : delivery.get("state").asText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void eventsWithoutASessionIdBelongToNoSession() throws Exception {
        String spec = "sessionless-" + UUID.randomUUID();
        HttpResponse<String> response = service.postJson("/v1/events",
                "{\"event_type\": \"workflow_start\", \"session_id\": null, \"spec_name\": \"" + spec + "\"}");
        assertThat(response.statusCode()).isEqualTo(202);

        assertThat(list("spec_name=" + spec).get("total").asInt()).isZero();
    }

    @Test
    void aSessionShowsNoValueThatRedactionRemovesAtAnyDepthOrInLists() throws Exception {
        String id = prefix + "-redacted";
        String secret = "hunter2-" + UUID.randomUUID();
        HttpResponse<String> posted = service.postJson("/v1/events", """
                {"event_type": "step_complete", "session_id": "%1$s", "data": {
                  "password": "%2$s", "API_KEY": "%2$s", "secret": {"nested": "%2$s"},
                  "step": {"config": {"Password": "%2$s", "model": "m1"}, "calls": [{"api_key": "%2$s", "n": 1},
                    [{"deeper": {"secret": "%2$s", "kept": true}}]]},
                  "response": "Step output..."}}
                """.formatted(id, secret));
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);

        HttpResponse<String> response = service.get("/v1/sessions/" + id);

        assertThat(response.body()).doesNotContain(secret).doesNotContain("hunter2");
        JsonNode data = json(response).get("events").get(0).get("data");
        assertThat(TestService.JSON.writeValueAsString(data)).isEqualTo(
                "{\"step\":{\"config\":{\"model\":\"m1\"},\"calls\":[{\"n\":1},[{\"deeper\":{\"kept\":true}}]]},"
                        + "\"response\":\"Step output...\"}");
    }

    @Test
    void dataBeyondMaxEventBytesIsCutAndMarkedTruncated() throws Exception {
        String id = prefix + "-large";
        String large = "x".repeat(200_000);
        HttpResponse<String> posted = service.postJson("/v1/events", """
                {"event_type": "step_complete", "session_id": "%s", "data": {"step_index": 1, "response": "%s"}}
                """.formatted(id, large));
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);

        JsonNode event = session(id).get("events").get(0);

        assertThat(event.get("data").toString()).isEqualTo("{\"step_index\":1}");
        assertThat(event.get("data_truncated").get("dropped_keys").asInt()).isEqualTo(1);
        assertThat(event.get("data_truncated").get("original_bytes").asLong()).isGreaterThan(200_000);
        TestService.await("the whole event was delivered",
                () -> RecordingHandlerFactory.of(all).events.stream().anyMatch(e -> id.equals(e.sessionId())
                        && large.equals(e.data().get("response"))));
    }
}
