package dev.switchboard.core.sessions;

import dev.switchboard.api.WorkflowEvent;
import java.time.Instant;
import java.util.Map;

/**
 * One event of a session as the runtime saw it.
 *
 * @param event the event's envelope (id, type, timestamp, session, spec, pattern); its data is empty,
 *     what the view keeps of it is {@code data}
 * @param data the event's data, redacted and bounded
 * @param receivedAt when the runtime accepted it
 * @param deliveries per subscribed handler, in configuration order, what became of its delivery
 */
public record EventRecord(WorkflowEvent event, KeptData data, Instant receivedAt,
                          Map<String, DeliveryState> deliveries) {
}
