package dev.switchboard.plugins.sentry;

import static dev.switchboard.plugins.sentry.Handlers.config;
import static dev.switchboard.plugins.sentry.Handlers.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.plugins.sentry.SentryStandIn.Envelope;
import io.sentry.Sentry;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SentryEventHandlerTest extends WithSentryStandIn {

    @Test
    void reportsAnErrorEventWithItsMessageLevelTagsContextAndRelease() throws Exception {
        WorkflowEvent error = event("error", "evt-42").toBuilder()
                .data(Map.of("error", "Step 2 timed out", "step_index", 2))
                .build();

        try (SentryEventHandler handler = Handlers.create("errors", config(sentry.dsn("7"),
                "environment", "staging", "release", "research-bot@1.4.2"))) {
            handler.handle(error);
        }

        Envelope envelope = sentry.awaitEnvelope(WAIT);
        assertThat(envelope.project()).isEqualTo("7");
        assertThat(envelope.requestHeaders())
                .containsEntry("content-encoding", "gzip")
                .containsEntry("content-type", "application/x-sentry-envelope");
        assertThat(envelope.requestHeaders().get("x-sentry-auth"))
                .contains("sentry_key=" + SentryStandIn.PUBLIC_KEY);

        JsonNode event = envelope.event();
        assertThat(event.path("message").path("formatted").asText()).isEqualTo("Step 2 timed out");
        assertThat(event.path("level").asText()).isEqualTo("error");
        assertThat(event.path("environment").asText()).isEqualTo("staging");
        assertThat(event.path("release").asText()).isEqualTo("research-bot@1.4.2");
        assertThat(event.path("timestamp").asText()).startsWith("2025-11-12T10:30:45.123");
        assertThat(event.path("event_id").asText()).isEqualTo(
                UUID.nameUUIDFromBytes("evt-42".getBytes(StandardCharsets.UTF_8))
                        .toString().replace("-", ""));
        assertThat(envelope.header().path("event_id").asText())
                .isEqualTo(event.path("event_id").asText());

        JsonNode tags = event.path("tags");
        assertThat(tags.path("workflow").asText()).isEqualTo("research-workflow");
        assertThat(tags.path("pattern").asText()).isEqualTo("chain");
        assertThat(tags.path("event_type").asText()).isEqualTo("error");
        assertThat(tags.path("switchboard_event_id").asText()).isEqualTo("evt-42");

        JsonNode workflow = event.path("contexts").path("workflow");
        assertThat(workflow.path("name").asText()).isEqualTo("research-workflow");
        assertThat(workflow.path("pattern").asText()).isEqualTo("chain");
        assertThat(workflow.path("session_id").asText()).isEqualTo("a1b2c3d4-e5f6-7890");
    }

    @Test
    void thePreviewDescribesTheEventTheStandInThenReceives() throws Exception {
        WorkflowEvent error = event("error", "evt-43").toBuilder().data(Map.of("error", "Step 2 timed out")).build();
        Map<String, Object> preview;
        try (SentryEventHandler handler = Handlers.create("errors", config(sentry.dsn("7")))) {
            preview = handler.preview(error);
            handler.handle(error);
        }

        JsonNode event = sentry.awaitEnvelope(WAIT).event();
        assertThat(preview.get("message")).isEqualTo(event.path("message").path("formatted").asText())
                .isEqualTo("Step 2 timed out");
        assertThat(preview.get("level")).isEqualTo(event.path("level").asText()).isEqualTo("error");
        assertThat(preview.get("tags")).isEqualTo(Map.of("workflow", "research-workflow", "pattern", "chain",
                "event_type", "error", "switchboard_event_id", "evt-43"));
        assertThat(preview.get("contexts").toString()).contains("name=research-workflow")
                .contains("session_id=a1b2c3d4-e5f6-7890");
        assertThat(event.path("contexts").path("workflow").path("name").asText()).isEqualTo("research-workflow");
    }

    @Test
    void reportsOtherEventsAtTheConfiguredLevelUnderTheirType() throws Exception {
        try (SentryEventHandler handler = Handlers.create("progress",
                config(sentry.dsn("7"), "level", "warning"))) {
            handler.handle(event("step_complete", "evt-1"));
        }

        JsonNode event = sentry.awaitEnvelope(WAIT).event();
        assertThat(event.path("message").path("formatted").asText()).isEqualTo("step_complete");
        assertThat(event.path("level").asText()).isEqualTo("warning");
        assertThat(event.path("tags").path("event_type").asText()).isEqualTo("step_complete");
    }

    @Test
    void reportsOtherEventsAtInfoByDefaultAndErrorsAtErrorWhateverTheLevel() throws Exception {
        try (SentryEventHandler handler = Handlers.create("all",
                config(sentry.dsn("7"), "level", "debug"))) {
            handler.handle(event("workflow_start", "evt-1"));
            handler.handle(event("error", "evt-2"));
        }
        try (SentryEventHandler handler = Handlers.create("defaults", config(sentry.dsn("7")))) {
            handler.handle(event("workflow_complete", "evt-3"));
        }

        assertThat(sentry.awaitEnvelope(WAIT).event().path("level").asText()).isEqualTo("debug");
        JsonNode error = sentry.awaitEnvelope(WAIT).event();
        assertThat(error.path("level").asText()).isEqualTo("error");
        assertThat(error.path("message").path("formatted").asText())
                .as("an error without data.error is reported under its event type")
                .isEqualTo("error");
        assertThat(sentry.awaitEnvelope(WAIT).event().path("level").asText()).isEqualTo("info");
    }

    @Test
    void leavesOutTagsOfMissingFieldsAndKeepsTheEventWithoutAnId() throws Exception {
        WorkflowEvent bare = WorkflowEvent.builder("hitl_pause")
                .timestamp("2025-11-12T10:30:45Z")
                .build();

        try (SentryEventHandler handler = Handlers.create("bare", config(sentry.dsn("7")))) {
            handler.handle(bare);
        }

        JsonNode event = sentry.awaitEnvelope(WAIT).event();
        assertThat(event.path("tags").path("event_type").asText()).isEqualTo("hitl_pause");
        assertThat(event.path("tags").has("workflow")).isFalse();
        assertThat(event.path("tags").has("switchboard_event_id")).isFalse();
        assertThat(event.path("contexts").path("workflow").path("session_id").isNull())
                .as("a missing session id is sent as null").isTrue();
        assertThat(event.path("event_id").asText()).hasSize(32);
        assertThat(event.path("timestamp").asText()).startsWith("2025-11-12T10:30:45");
    }

    @Test
    void twoHandlersWithTwoDsnsEachReportOnlyToTheirOwn() throws Exception {
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        try (SentryStandIn other = SentryStandIn.start()) {
            SentryEventHandler alpha = Handlers.create("alpha", config(sentry.dsn("11")));
            SentryEventHandler beta = Handlers.create("beta", config(other.dsn("22")));
            try (beta) {
                try (alpha) {
                    alpha.handle(specEvent("alpha-spec", "a1"));
                    beta.handle(specEvent("beta-spec", "b1"));
                    alpha.handle(specEvent("alpha-spec", "a2"));
                }
                // A second Sentry.init would have closed the first client; here closing one
                // handler leaves the other one working.
                beta.handle(specEvent("beta-spec", "b2"));
            }

            assertReceivedOnly(sentry, "11", "alpha-spec", "a1", "a2");
            assertReceivedOnly(other, "22", "beta-spec", "b1", "b2");
        }
        assertThat(Sentry.isEnabled()).as("the global Sentry SDK stays uninitialised").isFalse();
        assertThat(Thread.getDefaultUncaughtExceptionHandler()).isSameAs(before);
    }

    private static WorkflowEvent specEvent(String spec, String id) {
        return event("workflow_start", id).toBuilder().specName(spec).build();
    }

    private static void assertReceivedOnly(SentryStandIn standIn, String project, String spec,
                                           String... ids) throws InterruptedException {
        for (String id : ids) {
            Envelope envelope = standIn.awaitEnvelope(WAIT);
            assertThat(envelope.project()).isEqualTo(project);
            assertThat(envelope.event().path("tags").path("workflow").asText()).isEqualTo(spec);
            assertThat(envelope.event().path("tags").path("switchboard_event_id").asText())
                    .isEqualTo(id);
        }
        assertThat(standIn.drain()).isEmpty();
    }
}
