package dev.switchboard.core.sessions;

import dev.switchboard.api.WorkflowEvent;
import java.time.Instant;
import java.util.Map;

/**
 * One event of a session as the runtime saw it.
 *
 * @param event the event as the view keeps it: its data redacted, and cut when it was larger than
 *     {@link SessionLimits#maxEventBytes}
 * @param receivedAt when the runtime accepted it
 * @param deliveries per subscribed handler, in configuration order, what became of its delivery
 * @param truncation what was cut of its data; null when the data is whole
 */
public record EventRecord(WorkflowEvent event, Instant receivedAt, Map<String, DeliveryState> deliveries,
                          DataTruncation truncation) {
}
