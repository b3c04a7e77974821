package dev.switchboard.core.server;

import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.sessions.DeliveryState;
import dev.switchboard.core.sessions.EventRecord;
import dev.switchboard.core.sessions.SessionDetail;
import dev.switchboard.core.sessions.SessionSummary;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Sessions as the API writes them: snake_case keys, ISO-8601 UTC times, nulls kept. */
final class SessionJson {

    private SessionJson() {
    }

    static Map<String, Object> summary(SessionSummary session) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("session_id", session.sessionId());
        json.put("spec_name", session.specName());
        json.put("pattern_type", session.patternType());
        json.put("status", session.status().label());
        json.put("created_at", time(session.createdAt()));
        json.put("updated_at", time(session.updatedAt()));
        json.put("event_count", session.eventCount());
        return json;
    }

    static Map<String, Object> detail(SessionDetail session) {
        Map<String, Object> json = summary(session.summary());
        json.put("events", session.events().stream().map(SessionJson::event).toList());
        return json;
    }

    private static Map<String, Object> event(EventRecord record) {
        WorkflowEvent event = record.event();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", event.id());
        json.put("event_type", event.eventType());
        json.put("timestamp", event.timestamp());
        json.put("received_at", time(record.receivedAt()));
        json.put("data", event.data());
        if (record.truncation() != null) {
            Map<String, Object> truncated = new LinkedHashMap<>();
            truncated.put("original_bytes", record.truncation().originalBytes());
            truncated.put("dropped_keys", record.truncation().droppedKeys());
            json.put("data_truncated", truncated);
        }
        Map<String, Object> deliveries = new LinkedHashMap<>();
        record.deliveries().forEach((handler, state) -> deliveries.put(handler, delivery(state)));
        json.put("deliveries", deliveries);
        return json;
    }

    private static Map<String, Object> delivery(DeliveryState state) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("state", state.state().label());
        json.put("attempts", state.attempts());
        if (state.nextAttemptAt() != null) {
            json.put("next_attempt_at", time(state.nextAttemptAt()));
        }
        if (state.reason() != null) {
            json.put("reason", state.reason());
        }
        json.put("updated_at", time(state.updatedAt()));
        return json;
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
