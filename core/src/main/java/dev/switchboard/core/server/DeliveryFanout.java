package dev.switchboard.core.server;

import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.delivery.DeliveryListener;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The runtime's one {@link DeliveryListener}, passing every call to the service's views (sessions,
 * metrics). Those are built from the loaded configuration, so they are attached once the runtime is
 * built; no event is published before then.
 */
final class DeliveryFanout implements DeliveryListener {

    private volatile List<DeliveryListener> targets = List.of();

    void attach(DeliveryListener... listeners) {
        targets = List.of(listeners);
    }

    @Override
    public void attempted(String handler, WorkflowEvent event, int attempt, Duration latency, boolean succeeded) {
        targets.forEach(target -> target.attempted(handler, event, attempt, latency, succeeded));
    }

    @Override
    public void delivered(String handler, WorkflowEvent event, int attempts) {
        targets.forEach(target -> target.delivered(handler, event, attempts));
    }

    @Override
    public void retryScheduled(String handler, WorkflowEvent event, int attempts, Instant nextAttempt, String reason) {
        targets.forEach(target -> target.retryScheduled(handler, event, attempts, nextAttempt, reason));
    }

    @Override
    public void failed(String handler, WorkflowEvent event, int attempts, String reason) {
        targets.forEach(target -> target.failed(handler, event, attempts, reason));
    }
}
