package dev.switchboard.core.server;

import static dev.switchboard.core.server.TestService.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.testing.RecordingHandlerFactory;
import dev.switchboard.core.testing.RecordingHandlerFactory.Recording;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code POST /v1/events} over real HTTP: the seed's shape, arrays, NDJSON, and every refusal. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventIngestTest {

    private final String handler = "ingest-" + UUID.randomUUID();
    private TestService service;

    @BeforeAll
    void start() throws Exception {
        service = TestService.start("version: 1\nhandlers:\n  - {name: " + handler + ", type: recording, events: [\"*\"]}\n");
    }

    @AfterAll
    void stop() {
        service.close();
    }

    private Recording recording() {
        return RecordingHandlerFactory.of(handler);
    }

    private List<WorkflowEvent> received(String sessionId) {
        return recording().events.stream().filter(e -> sessionId.equals(e.sessionId())).toList();
    }

    @Test
    void aSeedEventIsAcceptedWith202AndItsIdAndReachesTheHandlerUnchanged() throws Exception {
        String session = UUID.randomUUID().toString();
        HttpResponse<String> response = service.postJson("/v1/events", """
                {"event_type": "step_complete", "timestamp": "2025-11-12T10:30:45.123456", "session_id": "%s",
                 "spec_name": "research-workflow", "pattern_type": "chain",
                 "data": {"step_index": 1, "response": "Step output...", "duration_seconds": 2.5}}
                """.formatted(session));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode answer = json(response);
        assertThat(answer.get("accepted").asInt()).isEqualTo(1);
        String id = answer.get("ids").get(0).asText();
        TestService.await("the handler received the event", () -> received(session).size() == 1);
        WorkflowEvent event = received(session).get(0);
        assertThat(event.id()).isEqualTo(id);
        assertThat(event.timestamp()).isEqualTo("2025-11-12T10:30:45.123456");
        assertThat(event.specName()).isEqualTo("research-workflow");
        assertThat(event.patternType()).isEqualTo("chain");
        assertThat(event.data()).isEqualTo(Map.of("step_index", 1, "response", "Step output...", "duration_seconds",
                new BigDecimal("2.5")));
    }

    @Test
    void aNumberBeyondTheRangeOfADoubleReachesTheHandlerExactlyAsWritten() throws Exception {
        String session = UUID.randomUUID().toString();
        HttpResponse<String> response = service.postJson("/v1/events", """
                {"event_type": "e", "session_id": "%s", "data": {"huge": 1e999999, "digits": 0.10000000000000000000001}}
                """.formatted(session));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        TestService.await("the handler received the event", () -> received(session).size() == 1);
        assertThat(received(session).get(0).data()).isEqualTo(Map.of("huge", new BigDecimal("1e999999"),
                "digits", new BigDecimal("0.10000000000000000000001")));
    }

    @Test
    void aNumberNoDecimalCanHoldIsRefusedWith400NamingTheField() throws Exception {
        HttpResponse<String> response = service.postJson("/v1/events",
                "{\"event_type\": \"e\", \"data\": {\"huge\": 1e99999999999}}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("field").asText()).as(response.body()).isEqualTo("data.huge");

        HttpResponse<String> array = service.postJson("/v1/events",
                "[{\"event_type\": \"e\"}, {\"event_type\": \"e\", \"data\": {\"a\": [1e99999999999, 2]}}, {}]");
        assertThat(array.statusCode()).isEqualTo(400);
        assertThat(json(array).path("index").asInt()).as(array.body()).isEqualTo(1);
        assertThat(json(array).path("field").asText()).isEqualTo("data.a.0");
    }

    @Test
    void anArrayOfEventsIsAcceptedAndAnsweredWithOneIdPerEventInOrder() throws Exception {
        String session = UUID.randomUUID().toString();
        HttpResponse<String> response = service.postJson("/v1/events", """
                [{"event_type": "workflow_start", "session_id": "%1$s"},
                 {"event_type": "step_start", "session_id": "%1$s"},
                 {"event_type": "step_complete", "session_id": "%1$s"}]
                """.formatted(session));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode answer = json(response);
        assertThat(answer.get("accepted").asInt()).isEqualTo(3);
        assertThat(answer.get("ids")).hasSize(3);
        TestService.await("the handler received three events", () -> received(session).size() == 3);
        assertThat(received(session)).extracting(WorkflowEvent::id).containsExactlyInAnyOrder(
                answer.get("ids").get(0).asText(), answer.get("ids").get(1).asText(), answer.get("ids").get(2).asText());
    }

    @Test
    void ndjsonIsAcceptedLineByLineSkippingBlankLines() throws Exception {
        String session = UUID.randomUUID().toString();
        String body = "{\"event_type\": \"workflow_start\", \"session_id\": \"" + session + "\"}\n\n"
                + "{\"event_type\": \"workflow_complete\", \"session_id\": \"" + session + "\"}\n";

        HttpResponse<String> response = service.post("/v1/events", "application/x-ndjson", body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(json(response).get("accepted").asInt()).isEqualTo(2);
        TestService.await("the handler received both events", () -> received(session).size() == 2);
    }

    @Test
    void theFirstBadEventOfAnArrayIsNamedByIndexAndFieldAndNoneIsAccepted() throws Exception {
        String session = UUID.randomUUID().toString();
        HttpResponse<String> response = service.postJson("/v1/events", """
                [{"event_type": "workflow_start", "session_id": "%1$s"},
                 {"event_type": "step_start", "session_id": "%1$s", "spec_name": 7},
                 {"session_id": "%1$s"}]
                """.formatted(session));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = json(response);
        assertThat(error.get("error").asText()).isEqualTo("event 1: spec_name must be a string");
        assertThat(error.get("field").asText()).isEqualTo("spec_name");
        assertThat(error.get("index").asInt()).isEqualTo(1);
        Thread.sleep(100);
        assertThat(received(session)).isEmpty();
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedAsSuchEvenAfterAnEventWithABadField() throws Exception {
        HttpResponse<String> response = service.postJson("/v1/events", "[{\"event_type\": 5}, {\"event_type\": ");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = json(response);
        assertThat(error.get("error").asText()).startsWith("invalid JSON");
        assertThat(error.has("field")).isFalse();
    }

    @Test
    void ndjsonWithWindowsLineEndsAndNonAsciiTextIsAccepted() throws Exception {
        String session = UUID.randomUUID().toString();
        String body = ("{\"event_type\": \"workflow_start\", \"session_id\": \"%1$s\", \"data\": {\"note\": \"déjà vu ✓\"}}\r\n"
                + "  \r\n{\"event_type\": \"step_start\", \"session_id\": \"%1$s\"}\r\n").formatted(session);

        HttpResponse<String> response = service.post("/v1/events", "application/x-ndjson",
                body.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(json(response).get("accepted").asInt()).isEqualTo(2);
        TestService.await("the handler received both events", () -> received(session).size() == 2);
        // The handler has several workers: the two events may arrive in either order.
        assertThat(received(session)).filteredOn(e -> e.eventType().equals("workflow_start")).singleElement()
                .satisfies(e -> assertThat(e.data()).containsEntry("note", "déjà vu ✓"));
    }

    @Test
    void aBadNdjsonLineIsNamedByItsLineNumber() throws Exception {
        String body = "{\"event_type\": \"workflow_start\"}\n\n{\"event_type\": \"\"}\n";

        HttpResponse<String> response = service.post("/v1/events", "application/x-ndjson", body);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = json(response);
        assertThat(error.get("error").asText()).isEqualTo("line 3: event_type must be a non-empty string");
        assertThat(error.get("field").asText()).isEqualTo("event_type");
        assertThat(error.get("line").asInt()).isEqualTo(3);
        assertThat(error.get("index").asInt()).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"spec_name\": \"s\"}                                       | event_type   | event_type is required",
        "{\"event_type\": 5}                                          | event_type   | event_type must be a non-empty string",
        "{\"event_type\": \"e\", \"pattern_type\": [\"chain\"]}       | pattern_type | pattern_type must be a string",
        "{\"event_type\": \"e\", \"session_id\": {\"id\": 1}}         | session_id   | session_id must be a string",
        "{\"event_type\": \"e\", \"timestamp\": \"yesterday\"}        | timestamp    | timestamp must be ISO-8601, e.g. 2025-11-12T10:30:45.123456",
        "{\"event_type\": \"e\", \"data\": [1, 2]}                    | data         | data must be a JSON object",
    })
    void anEventWithAWrongTypeIsRefusedNamingTheField(String body, String field, String message) throws Exception {
        HttpResponse<String> response = service.postJson("/v1/events", body);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = json(response);
        assertThat(error.get("field").asText()).isEqualTo(field);
        assertThat(error.get("error").asText()).isEqualTo(message);
    }

    @Test
    void timestampsWithAndWithoutAnOffsetAreAccepted() throws Exception {
        HttpResponse<String> response = service.postJson("/v1/events", """
                [{"event_type": "e", "timestamp": "2025-11-12T10:30:45.123456"},
                 {"event_type": "e", "timestamp": "2025-11-12T10:30:45+02:00"},
                 {"event_type": "e", "timestamp": "2025-11-12T10:30:45Z"}]
                """);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/xml", "application/json; charset=ISO-8859-1", "application/jsonl"})
    void otherContentTypesGet415(String contentType) throws Exception {
        HttpResponse<String> response = service.post("/v1/events", contentType, "{\"event_type\": \"e\"}");

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(json(response).get("error").asText()).contains("application/json").contains("application/x-ndjson");
    }

    @Test
    void aBodyWithoutContentTypeGets415() throws Exception {
        HttpResponse<String> response = service.send(service.request("/v1/events")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"event_type\": \"e\"}")));

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(json(response).get("error").asText()).startsWith("Content-Type is missing");
    }

    @Test
    void jsonWithACharsetParameterOfUtf8IsAccepted() throws Exception {
        HttpResponse<String> response = service.post("/v1/events", "application/json; charset=UTF-8", "{\"event_type\": \"e\"}");

        assertThat(response.statusCode()).isEqualTo(202);
    }

    @Test
    void malformedInputOfAnyKindGets400AndTheServerStaysHealthy() throws Exception {
        byte[] invalidUtf8 = {'{', '"', 'e', 'v', 'e', 'n', 't', '_', 't', 'y', 'p', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        String deep = "{\"event_type\": \"e\", \"data\": " + "{\"a\": ".repeat(5000) + "1" + "}".repeat(5000) + "}";
        String deepArray = "[".repeat(100_000) + "]".repeat(100_000);
        Map<String, String> bodies = Map.of(
                "truncated", "{\"event_type\": \"e\"",
                "not JSON", "event_type=e",
                "trailing text", "{\"event_type\": \"e\"} {\"event_type\": \"f\"}",
                "a scalar", "42",
                "null", "null",
                "empty", "",
                "an empty array", "[]",
                "an array of scalars", "[1, 2]",
                "deep nesting", deep,
                "deep arrays", deepArray);
        for (Map.Entry<String, String> body : bodies.entrySet()) {
            HttpResponse<String> response = service.postJson("/v1/events", body.getValue());
            assertThat(response.statusCode()).as(body.getKey()).isEqualTo(400);
            assertThat(json(response).get("error").asText()).as(body.getKey()).isNotBlank();
        }
        HttpResponse<String> utf8 = service.post("/v1/events", "application/json", invalidUtf8);
        assertThat(utf8.statusCode()).isEqualTo(400);
        assertThat(json(utf8).get("error").asText()).isEqualTo("the body is not valid UTF-8");
        HttpResponse<String> ndjsonUtf8 = service.post("/v1/events", "application/x-ndjson", invalidUtf8);
        assertThat(ndjsonUtf8.statusCode()).isEqualTo(400);

        assertThat(service.get("/healthz").statusCode()).isEqualTo(200);
        assertThat(service.postJson("/v1/events", "{\"event_type\": \"still_fine\"}").statusCode()).isEqualTo(202);
    }

    @Test
    void aHugeStringInsideTheLimitIsAcceptedAndOneBeyondItIs413() throws Exception {
        String big = "x".repeat(900_000);
        HttpResponse<String> inside = service.postJson("/v1/events",
                "{\"event_type\": \"e\", \"data\": {\"response\": \"" + big + "\"}}");
        assertThat(inside.statusCode()).isEqualTo(202);

        assertThat(service.get("/healthz").statusCode()).isEqualTo(200);
    }

    @Test
    void aClientStillSendingABodyBeyondTheLimitGetsThe413() throws Exception {
        String tooLarge = "{\"error\":\"the body is larger than 1048576 bytes (server.max_body_bytes)\"}";
        byte[] body = new byte[2 << 20];
        java.util.Arrays.fill(body, (byte) 'x');
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> response = service.post("/v1/events", "application/json", body);
            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(response.body()).isEqualTo(tooLarge);
        }

        // The server answers only once the body is in: before, it answered from the length and closed
        // while the rest was still coming, and the client's writes met a reset connection.
        String slowly = slowPost(service.uri("/v1/events"), body);
        assertThat(slowly).startsWith("HTTP/1.1 413 ").endsWith(tooLarge);

        // A body declared far beyond what is read and dropped is answered from its length alone.
        String declared = headOnlyPost(service.uri("/v1/events"), (1 << 20) + (int) Exchange.DISCARDED_AT_MOST + 1);
        assertThat(declared).startsWith("HTTP/1.1 413 ").endsWith(tooLarge);
        assertThat(service.get("/healthz").statusCode()).isEqualTo(200);
    }

    /** Sends a POST's head, then its body in two parts 300 ms apart, and returns the whole answer. */
    private static String slowPost(java.net.URI uri, byte[] body) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", uri.getPort())) {
            socket.setSoTimeout(10_000);
            java.io.OutputStream out = socket.getOutputStream();
            out.write(head(uri, body.length));
            out.write(body, 0, 65_536);
            out.flush();
            Thread.sleep(300);
            out.write(body, 65_536, body.length - 65_536);
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Sends a POST's head declaring a body of {@code length} bytes, sends no body, and returns the whole answer. */
    private static String headOnlyPost(java.net.URI uri, int length) throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", uri.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(head(uri, length));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static byte[] head(java.net.URI uri, int length) {
        return ("POST " + uri.getPath() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void anUnknownPathIs404AndAWrongMethodIs405WithAllow() throws Exception {
        HttpResponse<String> missing = service.get("/v1/nothing-here");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).get("error").asText()).isEqualTo("no such resource: /v1/nothing-here");

        HttpResponse<String> wrongMethod = service.get("/v1/events");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void anOversizedHeaderGetsAJson431() throws Exception {
        HttpResponse<String> response = service.send(service.request("/healthz").header("X-Padding", "p".repeat(20_000)).GET());

        assertThat(response.statusCode()).isEqualTo(431);
        assertThat(json(response).get("error").asText()).isNotBlank();
        assertThat(service.get("/healthz").statusCode()).isEqualTo(200);
    }

    @Test
    void utf8TextInEventsArrivesIntact() throws Exception {
        String session = UUID.randomUUID().toString();
        byte[] body = ("{\"event_type\": \"step_complete\", \"session_id\": \"" + session
                + "\", \"data\": {\"response\": \"Résumé — 東京 ✓\"}}").getBytes(StandardCharsets.UTF_8);

        assertThat(service.post("/v1/events", "application/json", body).statusCode()).isEqualTo(202);

        TestService.await("the handler received the event", () -> received(session).size() == 1);
        assertThat(received(session).get(0).data()).isEqualTo(Map.of("response", "Résumé — 東京 ✓"));
    }
}
