package dev.switchboard.core.server;

import dev.switchboard.core.Switchboard;
import dev.switchboard.core.config.HandlerSpec;
import dev.switchboard.core.RuntimeVersion;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The service's Prometheus registry: events accepted and rejected, per-handler delivery series (see
 * {@link DeliveryMetrics}), queue depth, stuck threads, build info
 * ({@code switchboard_build_info{version,java_version} 1}), and JVM basics (memory, GC, threads, classes, CPU, uptime).
 */
final class ServiceMetrics implements AutoCloseable {

    /** The Prometheus text exposition format {@link PrometheusMeterRegistry#scrape()} writes. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final JvmMetrics jvm;
    private final PrometheusMeterRegistry registry;
    private final Counter accepted;
    private final DeliveryMetrics deliveries;
    private final HandlerGauges handlers;
    private final Switchboard switchboard;

    /** @param jvm the registry to add to, closed with this */
    ServiceMetrics(JvmMetrics jvm, Switchboard switchboard) {
        this.jvm = jvm;
        this.registry = jvm.registry();
        this.switchboard = switchboard;
        Gauge.builder("switchboard.build.info", () -> 1)
                .description("The running Switchboard: its version and the Java version it runs on (value 1)")
                .tag("version", RuntimeVersion.get())
                .tag("java_version", System.getProperty("java.version"))
                .register(registry);
        accepted = Counter.builder("switchboard.events.accepted")
                .description("Events accepted over HTTP")
                .register(registry);
        for (String reason : new String[] {"invalid", "too_large", "unsupported_media_type", "overloaded", "store_unavailable"}) {
            rejectedCounter(reason);
        }
        for (boolean succeeded : new boolean[] {true, false}) {
            FunctionCounter.builder("switchboard.config.reloads", switchboard, runtime -> runtime.reloads(succeeded))
                    .description("Reloads of handlers.yaml (SIGHUP, POST /v1/admin/reload, run --watch) by result:"
                            + " success, or failure (the running configuration stayed)")
                    .tag("result", succeeded ? "success" : "failure")
                    .register(registry);
        }
        handlers = new HandlerGauges(registry, switchboard);
        deliveries = new DeliveryMetrics(registry, names(switchboard));
    }

    DeliveryMetrics deliveries() {
        return deliveries;
    }

    void accepted(int events) {
        accepted.increment(events);
    }

    /**
     * @param reason {@code invalid}, {@code too_large}, {@code unsupported_media_type} or {@code overloaded}
     * @param events the events refused; 1 for a request whose body could not be read as events
     */
    void rejected(String reason, int events) {
        rejectedCounter(reason).increment(events);
    }

    private Counter rejectedCounter(String reason) {
        return Counter.builder("switchboard.events.rejected")
                .description("Events (or unreadable requests) refused, by reason")
                .tag("reason", reason)
                .register(registry);
    }

    /** The Prometheus text, per-handler series first brought in line with the configuration (a reload's). */
    String scrape() {
        handlers.follow();
        deliveries.follow(names(switchboard));
        return registry.scrape();
    }

    private static java.util.List<String> names(Switchboard switchboard) {
        return switchboard.config().handlers().stream().map(HandlerSpec::name).toList();
    }

    @Override
    public void close() {
        jvm.close();
    }
}
