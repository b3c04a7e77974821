package dev.switchboard.core.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.config.RedactSettings;
import dev.switchboard.core.delivery.Subscription;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The view holds what redaction leaves of each event's data, never the value it removes. */
class SessionViewRedactionTest {

    private static final String SECRET = "hunter2-s3cr3t-value";

    private static SessionView view(RedactSettings redact) {
        return new SessionView(new SessionLimits(10, Duration.ofHours(1), 10),
                Map.of("audit", new Subscription(List.of("*"), Map.of())), redact,
                Clock.fixed(Instant.parse("2025-11-12T10:00:00Z"), ZoneOffset.UTC));
    }

    private static WorkflowEvent event(Map<String, Object> data) {
        return WorkflowEvent.builder("step_complete").id(UUID.randomUUID().toString()).sessionId("s").data(data).build();
    }

    /** Sensitive keys at depths 1 to 4, in maps and in lists, in any case. */
    private static Map<String, Object> nested() {
        return Map.of(
                "password", SECRET,
                "step", Map.of("API_KEY", SECRET, "name", "fetch"),
                "calls", List.of(Map.of("Secret", SECRET, "url", "https://example.com"),
                        List.of(Map.of("auth", Map.of("password", SECRET, "user", "ann")))),
                "response", "Step output...");
    }

    @Test
    void noRedactedValueIsKeptAtAnyDepthInMapsOrLists() {
        SessionView view = view(RedactSettings.DEFAULT);

        view.record(event(nested()));

        EventRecord record = view.find("s").orElseThrow().events().get(0);
        assertThat(record.event().data().toString()).doesNotContain(SECRET).doesNotContainIgnoringCase("password")
                .doesNotContainIgnoringCase("api_key").doesNotContainIgnoringCase("secret");
        assertThat(record.event().data()).isEqualTo(Map.of(
                "step", Map.of("name", "fetch"),
                "calls", List.of(Map.of("url", "https://example.com"), List.of(Map.of("auth", Map.of("user", "ann")))),
                "response", "Step output..."));
    }

    @Test
    void maskModeKeepsTheKeyAndHidesTheValue() {
        SessionView view = view(new RedactSettings(List.of("password", "api_key", "secret"), RedactSettings.Mode.MASK));

        view.record(event(nested()));

        Map<String, Object> kept = view.find("s").orElseThrow().events().get(0).event().data();
        assertThat(kept.toString()).doesNotContain(SECRET);
        assertThat(kept).containsEntry("password", "***").containsEntry("step", Map.of("API_KEY", "***", "name", "fetch"));
    }

    @Test
    void anEventWithNothingSensitiveIsKeptAsTheSameInstance() {
        SessionView view = view(RedactSettings.DEFAULT);
        WorkflowEvent event = event(Map.of("step_index", 1, "response", "Step output...", "tags", List.of("a", "b")));

        view.record(event);

        assertThat(view.find("s").orElseThrow().events().get(0).event()).isSameAs(event);
    }
}
