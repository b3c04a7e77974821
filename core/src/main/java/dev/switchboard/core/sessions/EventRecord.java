package dev.switchboard.core.sessions;

import dev.switchboard.api.WorkflowEvent;
import java.time.Instant;
import java.util.Map;

/**
 * One event of a session as the runtime saw it.
 *
 * @param receivedAt when the runtime accepted it
 * @param deliveries per subscribed handler, in configuration order, what became of its delivery
 */
public record EventRecord(WorkflowEvent event, Instant receivedAt, Map<String, DeliveryState> deliveries) {
}
