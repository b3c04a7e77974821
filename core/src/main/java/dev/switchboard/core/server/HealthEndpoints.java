package dev.switchboard.core.server;

import dev.switchboard.core.Switchboard;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpStatus;

/**
 * {@code GET /healthz} (the process answers) and {@code GET /readyz} (plugins loaded, handlers built,
 * the store able to write and the server accepting; 503 once shutdown has begun or while the store
 * cannot write), both open to anyone, and
 * {@code GET /metrics} in the Prometheus text format.
 */
final class HealthEndpoints {

    private final ServiceMetrics metrics;
    private final Switchboard switchboard;
    private volatile boolean ready;

    HealthEndpoints(ServiceMetrics metrics, Switchboard switchboard) {
        this.metrics = metrics;
        this.switchboard = switchboard;
    }

    void ready(boolean value) {
        ready = value;
    }

    void health(Exchange exchange) {
        exchange.json(HttpStatus.OK_200, Map.of("status", "ok"));
    }

    void readiness(Exchange exchange) {
        if (!ready) {
            exchange.json(HttpStatus.SERVICE_UNAVAILABLE_503, Map.of("status", "stopping"));
            return;
        }
        Optional<String> storeProblem = switchboard.storeProblem();
        if (storeProblem.isPresent()) {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("status", "store_unavailable");
            answer.put("reason", storeProblem.get());
            exchange.json(HttpStatus.SERVICE_UNAVAILABLE_503, answer);
            return;
        }
        exchange.json(HttpStatus.OK_200, Map.of("status", "ready"));
    }

    void metrics(Exchange exchange) {
        exchange.text(HttpStatus.OK_200, ServiceMetrics.CONTENT_TYPE, metrics.scrape());
    }
}
