package dev.switchboard.plugins.datadog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.api.EventHandler;
import dev.switchboard.api.WebhookEventHandler;
import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.testing.MapHandlerConfig;
import dev.switchboard.testkit.RecordingTransport;
import dev.switchboard.core.testing.TestHandlerContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The api mode's request: Datadog's v1 series body in the seed's format, URL and API key header. */
class ApiHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "0123456789abcdef0123456789abcdef";

    @Test
    void postsACountAndTheDurationInTheSeedsSeriesFormat() throws Exception {
        WebhookEventHandler handler = handler(MapHandlerConfig.of("mode", "api", "api_key", KEY));

        Object payload = handler.formatPayload(event("step_complete", Map.of("duration_seconds", 2.5)));

        assertThat(JSON.writeValueAsString(payload)).isEqualTo("{\"series\":["
                + "{\"metric\":\"strands.workflow.events\",\"points\":[[1762943445,1]],\"type\":\"count\","
                + "\"tags\":[\"workflow:research\",\"pattern:chain\",\"event_type:step_complete\"]},"
                + "{\"metric\":\"strands.workflow.duration\",\"points\":[[1762943445,2.5]],"
                + "\"tags\":[\"workflow:research\",\"pattern:chain\",\"event_type:step_complete\"]}]}");
    }

    @Test
    void postsOnlyTheCountWhenTheEventHasNoDuration() throws Exception {
        WebhookEventHandler handler = handler(MapHandlerConfig.of("mode", "api", "api_key", KEY,
                "prefix", "acme.flows", "tags", List.of("env:prod")));

        Object payload = handler.formatPayload(WorkflowEvent.builder("workflow_start")
                .specName("research").timestamp("2025-11-12T11:30:45.5+01:00").build());

        assertThat(JSON.writeValueAsString(payload)).isEqualTo("{\"series\":["
                + "{\"metric\":\"acme.flows.events\",\"points\":[[1762943445,1]],\"type\":\"count\","
                + "\"tags\":[\"workflow:research\",\"event_type:workflow_start\",\"env:prod\"]}]}");
    }

    @Test
    void postsToDatadogsUsSiteWithTheApiKeyHeaderByDefault() throws Exception {
        RecordingTransport http = new RecordingTransport();
        TestHandlerContext context = TestHandlerContext.of("dd", MapHandlerConfig.of("mode", "api", "api_key", KEY))
                .withHttp(http);
        EventHandler handler = new DatadogHandlerFactory().create(context);

        handler.handle(event("error", Map.of("error", "boom")));

        assertThat(http.posts()).singleElement().satisfies(post -> {
            assertThat(post.url()).isEqualTo("https://api.datadoghq.com/api/v1/series");
            assertThat(post.headers()).containsExactly(Map.entry("DD-API-KEY", KEY));
            assertThat(post.body()).isEqualTo(((WebhookEventHandler) handler).formatPayload(post.event()));
        });
    }

    @Test
    void postsToTheConfiguredApiUrl() throws Exception {
        WebhookEventHandler handler = handler(MapHandlerConfig.of("mode", "api", "api_key", KEY,
                "api_url", "https://api.datadoghq.eu/api/v1/series"));

        assertThat(handler.webhookUrl()).isEqualTo("https://api.datadoghq.eu/api/v1/series");
    }

    @Test
    void neverShowsTheApiKeyInItsDescription() {
        WebhookEventHandler handler = handler(MapHandlerConfig.of("mode", "api", "api_key", KEY));

        assertThat(handler.toString()).contains("dd").doesNotContain(KEY);
    }

    private static WebhookEventHandler handler(MapHandlerConfig config) {
        return (WebhookEventHandler) new DatadogHandlerFactory().create(TestHandlerContext.of("dd", config));
    }

    private static WorkflowEvent event(String type, Map<String, ?> data) {
        return WorkflowEvent.builder(type)
                .specName("research")
                .patternType("chain")
                .timestamp("2025-11-12T10:30:45.123456")
                .data(data)
                .build();
    }
}
