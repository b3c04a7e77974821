package dev.switchboard.core.server;

import static dev.switchboard.core.server.TestService.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code /v1/handlers}, {@code /healthz}, {@code /readyz} and {@code /metrics} over real HTTP. */
class HandlersAndMetricsTest {

    private final String ok = "ok-" + UUID.randomUUID();
    private final String flaky = "flaky-" + UUID.randomUUID();

    private TestService start() throws Exception {
        return TestService.start("""
                version: 1
                handlers:
                  - name: %s
                    type: recording
                    events: ["workflow_*", error]
                    match: {spec_name: "research-*"}
                  - name: %s
                    type: recording
                    events: [error]
                    retry: {attempts: 2, backoff: 10ms}
                    queue_capacity: 50
                    config: {fail_times: 5}
                """.formatted(ok, flaky));
    }

    @Test
    void handlersAreListedWithTypePluginSubscriptionsCountsAndQueueDepth() throws Exception {
        try (TestService service = start()) {
            service.postJson("/v1/events", """
                    [{"event_type": "workflow_start", "spec_name": "research-a"},
                     {"event_type": "error", "spec_name": "research-a"}]
                    """);
            assertThat(service.server.switchboard().awaitIdle(Duration.ofSeconds(5))).isTrue();

            HttpResponse<String> response = service.get("/v1/handlers");

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode items = json(response).get("items");
            assertThat(items).hasSize(2);
            JsonNode first = items.get(0);
            assertThat(first.get("name").asText()).isEqualTo(ok);
            assertThat(first.get("type").asText()).isEqualTo("recording");
            assertThat(first.get("plugin").asText()).isEqualTo("built-in");
            assertThat(first.get("events")).extracting(JsonNode::asText).containsExactly("workflow_*", "error");
            assertThat(first.get("match").get("spec_name").asText()).isEqualTo("research-*");
            assertThat(first.get("delivered").asLong()).isEqualTo(2);
            assertThat(first.get("queued").asInt()).isZero();
            assertThat(first.get("stuck_threads").asInt()).isZero();
            JsonNode second = items.get(1);
            assertThat(second.get("delivered").asLong()).isZero();
            assertThat(second.get("retried").asLong()).isEqualTo(1);
            assertThat(second.get("failed").asLong()).isEqualTo(1);
            assertThat(second.get("queue_capacity").asInt()).isEqualTo(50);
        }
    }

    @Test
    void healthAndReadinessAnswer200WhileServing() throws Exception {
        try (TestService service = start()) {
            HttpResponse<String> health = service.get("/healthz");
            HttpResponse<String> ready = service.get("/readyz");

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(json(health).get("status").asText()).isEqualTo("ok");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(json(ready).get("status").asText()).isEqualTo("ready");
        }
    }

    @Test
    void metricsAreThePrometheusTextWithTheNamedSeries() throws Exception {
        try (TestService service = start()) {
            service.postJson("/v1/events", "[{\"event_type\": \"error\", \"spec_name\": \"research-b\"}]");
            service.postJson("/v1/events", "{\"event_type\": 1}");
            assertThat(service.server.switchboard().awaitIdle(Duration.ofSeconds(5))).isTrue();

            HttpResponse<String> response = service.get("/metrics");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain; version=0.0.4");
            assertThat(response.body())
                    .contains("switchboard_events_accepted_total 1.0")
                    .contains("switchboard_events_rejected_total{reason=\"invalid\"} 1.0")
                    .contains("switchboard_deliveries_total{handler=\"" + ok + "\",outcome=\"delivered\"} 1.0")
                    .contains("switchboard_deliveries_total{handler=\"" + flaky + "\",outcome=\"retried\"} 1.0")
                    .contains("switchboard_deliveries_total{handler=\"" + flaky + "\",outcome=\"failed\"} 1.0")
                    .contains("switchboard_delivery_attempts_total{handler=\"" + flaky + "\",result=\"error\"} 2.0")
                    .contains("switchboard_delivery_attempts_total{handler=\"" + ok + "\",result=\"ok\"} 1.0")
                    .contains("switchboard_delivery_latency_seconds_bucket{handler=\"" + ok + "\",le=\"0.1\"}")
                    .contains("switchboard_delivery_latency_seconds_count{handler=\"" + flaky + "\"} 2")
                    .contains("switchboard_queue_depth{handler=\"" + ok + "\"} 0.0")
                    .contains("switchboard_handler_stuck_threads{handler=\"" + flaky + "\"} 0.0")
                    .contains("jvm_memory_used_bytes")
                    .contains("jvm_threads_live_threads")
                    .contains("process_uptime_seconds");
        }
    }
}
