package dev.switchboard.core.delivery;

import dev.switchboard.api.WorkflowEvent;
import java.time.Instant;

/**
 * Told what becomes of each delivery (one event to one handler). Called on the lane's threads,
 * so implementations must be quick and thread-safe.
 */
public interface DeliveryListener {

    DeliveryListener NONE = new DeliveryListener() {
    };

    default void delivered(String handler, WorkflowEvent event, int attempts) {
    }

    default void retryScheduled(String handler, WorkflowEvent event, int attempts, Instant nextAttempt,
                                String reason) {
    }

    default void failed(String handler, WorkflowEvent event, int attempts, String reason) {
    }
}
