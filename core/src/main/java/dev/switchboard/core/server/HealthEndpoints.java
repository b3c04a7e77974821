package dev.switchboard.core.server;

import java.util.Map;
import org.eclipse.jetty.http.HttpStatus;

/**
 * {@code GET /healthz} (the process answers) and {@code GET /readyz} (plugins loaded, handlers built
 * and the server accepting; 503 once shutdown has begun), both open to anyone, and
 * {@code GET /metrics} in the Prometheus text format.
 */
final class HealthEndpoints {

    private final ServiceMetrics metrics;
    private volatile boolean ready;

    HealthEndpoints(ServiceMetrics metrics) {
        this.metrics = metrics;
    }

    void ready(boolean value) {
        ready = value;
    }

    void health(Exchange exchange) {
        exchange.json(HttpStatus.OK_200, Map.of("status", "ok"));
    }

    void readiness(Exchange exchange) {
        if (ready) {
            exchange.json(HttpStatus.OK_200, Map.of("status", "ready"));
        } else {
            exchange.json(HttpStatus.SERVICE_UNAVAILABLE_503, Map.of("status", "stopping"));
        }
    }

    void metrics(Exchange exchange) {
        exchange.text(HttpStatus.OK_200, ServiceMetrics.CONTENT_TYPE, metrics.scrape());
    }
}
