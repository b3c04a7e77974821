package dev.switchboard.core.server;

import static dev.switchboard.core.server.TestService.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.testing.RecordingHandlerFactory;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Bounded input: the body size limit and full handler queues. */
class LimitsTest {

    @Test
    void aBodyOverMaxBodyBytesIs413WhetherItsLengthIsDeclaredOrStreamed() throws Exception {
        try (TestService service = TestService.start("""
                version: 1
                handlers:
                  - {name: console, type: console, events: [never_sent]}
                server:
                  max_body_bytes: 1024
                """)) {
            String body = "{\"event_type\": \"e\", \"data\": {\"text\": \"" + "x".repeat(2000) + "\"}}";
            HttpResponse<String> declared = service.postJson("/v1/events", body);
            assertThat(declared.statusCode()).isEqualTo(413);
            assertThat(json(declared).get("error").asText()).isEqualTo("the body is larger than 1024 bytes (server.max_body_bytes)");

            HttpResponse<String> streamed = service.send(service.request("/v1/events")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body.getBytes()))));
            assertThat(streamed.statusCode()).isEqualTo(413);

            assertThat(service.postJson("/v1/events", "{\"event_type\": \"small\"}").statusCode()).isEqualTo(202);
            assertThat(service.get("/metrics").body()).contains("switchboard_events_rejected_total{reason=\"too_large\"} 2.0");
        }
    }

    @Test
    void aFullHandlerQueueGets503WithRetryAfterNamingWhatWasAccepted() throws Exception {
        String slow = "slow-" + UUID.randomUUID();
        try (TestService service = TestService.start("""
                version: 1
                handlers:
                  - {name: %s, type: recording, events: ["*"], concurrency: 1, queue_capacity: 1, config: {delay: 1s}}
                """.formatted(slow))) {
            HttpResponse<String> first = service.postJson("/v1/events", "{\"event_type\": \"one\"}");
            assertThat(first.statusCode()).isEqualTo(202);

            HttpResponse<String> refused = service.postJson("/v1/events", "[{\"event_type\": \"two\"}, {\"event_type\": \"three\"}]");

            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            JsonNode error = json(refused);
            assertThat(error.get("accepted").asInt()).isZero();
            assertThat(error.get("ids")).isEmpty();
            assertThat(error.get("error").asText()).contains("queue is full");
            assertThat(service.get("/metrics").body())
                    .contains("switchboard_events_rejected_total{reason=\"overloaded\"} 2.0")
                    .contains("switchboard_queue_depth{handler=\"" + slow + "\"} 1.0");

            assertThat(service.server.switchboard().awaitIdle(Duration.ofSeconds(5))).isTrue();
            assertThat(service.postJson("/v1/events", "{\"event_type\": \"four\"}").statusCode()).isEqualTo(202);
            assertThat(service.server.switchboard().awaitIdle(Duration.ofSeconds(5))).isTrue();
            assertThat(RecordingHandlerFactory.of(slow).events).extracting(e -> e.eventType()).containsExactly("one", "four");
        }
    }

    @Test
    void startingAWorkflowWhileAQueueIsFullIs503AndMakesNoSession() throws Exception {
        String slow = "engine-" + UUID.randomUUID();
        try (TestService service = TestService.start("""
                version: 1
                handlers:
                  - {name: %s, type: recording, events: ["*"], concurrency: 1, queue_capacity: 1, config: {delay: 1s}}
                """.formatted(slow))) {
            assertThat(service.postJson("/v1/events", "{\"event_type\": \"one\"}").statusCode()).isEqualTo(202);

            HttpResponse<String> refused = service.postJson("/v1/sessions", "{\"spec_name\": \"research\"}");

            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(json(refused).get("error").asText()).contains("queue is full");
            assertThat(json(service.get("/v1/sessions")).get("total").asInt()).isZero();
            assertThat(service.server.switchboard().awaitIdle(Duration.ofSeconds(5))).isTrue();
            assertThat(RecordingHandlerFactory.of(slow).events).extracting(e -> e.eventType()).containsExactly("one");
        }
    }

    @Test
    void aBatchThatFillsAQueueMidwayNamesTheEventsThatWereAccepted() throws Exception {
        String slow = "batch-" + UUID.randomUUID();
        try (TestService service = TestService.start("""
                version: 1
                handlers:
                  - {name: %s, type: recording, events: ["*"], concurrency: 1, queue_capacity: 2, config: {delay: 500ms}}
                """.formatted(slow))) {
            HttpResponse<String> refused = service.postJson("/v1/events",
                    "[{\"event_type\": \"a\"}, {\"event_type\": \"b\"}, {\"event_type\": \"c\"}]");

            assertThat(refused.statusCode()).isEqualTo(503);
            JsonNode error = json(refused);
            assertThat(error.get("accepted").asInt()).isEqualTo(2);
            assertThat(error.get("ids")).hasSize(2);
            assertThat(error.get("error").asText()).contains("only the first 2 events were accepted");
        }
    }
}
