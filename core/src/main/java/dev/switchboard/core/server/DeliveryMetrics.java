package dev.switchboard.core.server;

import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.delivery.DeliveryListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per handler: {@code switchboard_deliveries_total{outcome=delivered|retried|failed}} (the counts
 * of {@code GET /v1/handlers}), {@code switchboard_delivery_attempts_total{result=ok|error}} and
 * the {@code switchboard_delivery_latency_seconds} histogram of attempts. Every series exists from
 * the start, at zero.
 */
final class DeliveryMetrics implements DeliveryListener {

    private static final Duration[] BUCKETS = {
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
    };

    /** One handler's meters, registered once at start. */
    private record Meters(Counter delivered, Counter retried, Counter failed, Counter ok, Counter error, Timer latency) {
    }

    private final MeterRegistry registry;
    private final Map<String, Meters> meters = new ConcurrentHashMap<>();

    DeliveryMetrics(MeterRegistry registry, List<String> handlers) {
        this.registry = registry;
        follow(handlers);
    }

    /** Registers the series, at zero, of handlers configured since (a reload's); a removed handler's stay. */
    void follow(List<String> handlers) {
        handlers.forEach(this::of);
    }

    /** A handler's meters, registered at its first use too (a handler a reload added). */
    private Meters of(String handler) {
        return meters.computeIfAbsent(handler, name -> new Meters(outcome(name, "delivered"),
                outcome(name, "retried"), outcome(name, "failed"), attempts(name, "ok"), attempts(name, "error"),
                latency(name)));
    }

    @Override
    public void attempted(String handler, WorkflowEvent event, int attempt, Duration latency, boolean succeeded) {
        Meters of = of(handler);
        (succeeded ? of.ok : of.error).increment();
        of.latency.record(latency);
    }

    @Override
    public void delivered(String handler, WorkflowEvent event, int attempts) {
        of(handler).delivered.increment();
    }

    @Override
    public void retryScheduled(String handler, WorkflowEvent event, int attempts, Instant nextAttempt, String reason) {
        of(handler).retried.increment();
    }

    @Override
    public void failed(String handler, WorkflowEvent event, int attempts, String reason) {
        of(handler).failed.increment();
    }

    private Counter outcome(String handler, String outcome) {
        return Counter.builder("switchboard.deliveries")
                .description("Deliveries by outcome: delivered, retried (an attempt failed, another is scheduled), failed for good")
                .tag("handler", handler)
                .tag("outcome", outcome)
                .register(registry);
    }

    private Counter attempts(String handler, String result) {
        return Counter.builder("switchboard.delivery.attempts")
                .description("Attempts to hand an event to a handler")
                .tag("handler", handler)
                .tag("result", result)
                .register(registry);
    }

    private Timer latency(String handler) {
        return Timer.builder("switchboard.delivery.latency")
                .description("How long one attempt took, middleware included")
                .tag("handler", handler)
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }
}
