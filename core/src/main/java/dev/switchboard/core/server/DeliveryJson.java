package dev.switchboard.core.server;

import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.config.ConfigProblem;
import dev.switchboard.core.config.RuntimeConfig;
import dev.switchboard.core.delivery.Redaction;
import dev.switchboard.core.store.DeliveryRecord;
import dev.switchboard.core.store.DeliveryState;
import dev.switchboard.core.store.StoredDelivery;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A stored delivery as {@code /v1/deliveries} and {@code switchboard deliveries --json} write it:
 * snake_case keys, ISO-8601 UTC times, nulls kept, and its event in the seed's shape with its data
 * redacted as the sessions view redacts it ({@code server.sessions.redact}), so neither shows what
 * redaction removes. Thread-safe.
 *
 * @since 0.1
 */
public final class DeliveryJson {

    private DeliveryJson() {
    }

    /**
     * The redaction the API applies to the events it shows, read from a configuration's
     * {@code server.sessions.redact} (by default every handler's keys and the built-in three).
     *
     * @param config the loaded configuration; never null
     * @return a thread-safe function redacting an event's data
     * @throws ConfigProblem when the {@code server:} section has mistakes
     * @since 0.1
     */
    public static UnaryOperator<WorkflowEvent> redaction(RuntimeConfig config) throws ConfigProblem {
        return Redaction.of(ServerSettings.read(config, null, null).sessionsRedact);
    }

    /**
     * @param record the delivery; never null
     * @param redaction applied to its event's data before it is written; never null
     * @return a new map: {@code id}, {@code event_id}, {@code handler}, {@code state},
     *     {@code attempts}, {@code last_status}, {@code last_reason}, {@code next_attempt_at} (when
     *     pending, else null), {@code updated_at}, {@code dead_at} (when dead, else null), {@code event}
     * @since 0.1
     */
    public static Map<String, Object> of(DeliveryRecord record, UnaryOperator<WorkflowEvent> redaction) {
        StoredDelivery delivery = record.delivery();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", delivery.id());
        json.put("event_id", delivery.eventId());
        json.put("handler", delivery.handler());
        json.put("state", record.state().column());
        json.put("attempts", delivery.attempts());
        json.put("last_status", record.lastStatus());
        json.put("last_reason", delivery.lastReason());
        json.put("next_attempt_at", record.state() == DeliveryState.PENDING ? time(delivery.dueAt()) : null);
        json.put("updated_at", time(record.updatedAt()));
        json.put("dead_at", record.state() == DeliveryState.DEAD ? time(record.updatedAt()) : null);
        json.put("event", redaction.apply(delivery.event()).toSeedMap());
        return json;
    }

    private static String time(Instant instant) {
        return instant.toString();
    }
}
