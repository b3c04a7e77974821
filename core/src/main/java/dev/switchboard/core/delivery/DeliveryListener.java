package dev.switchboard.core.delivery;

import dev.switchboard.api.WorkflowEvent;
import java.time.Duration;
import java.time.Instant;

/**
 * Told what becomes of each delivery (one event to one handler). Called on the lane's threads,
 * so implementations must be quick and thread-safe.
 */
public interface DeliveryListener {

    DeliveryListener NONE = new DeliveryListener() {
    };

    /**
     * One attempt finished, before the delivery's outcome ({@link #delivered}, {@link #retryScheduled}
     * or {@link #failed}) is told.
     *
     * @param attempt 1 for the first attempt
     * @param latency how long the attempt took, middleware included
     * @param succeeded whether the handler took the event
     */
    default void attempted(String handler, WorkflowEvent event, int attempt, Duration latency, boolean succeeded) {
    }

    default void delivered(String handler, WorkflowEvent event, int attempts) {
    }

    default void retryScheduled(String handler, WorkflowEvent event, int attempts, Instant nextAttempt,
                                String reason) {
    }

    default void failed(String handler, WorkflowEvent event, int attempts, String reason) {
    }
}
