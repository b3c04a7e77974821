package dev.switchboard.core.server;

import dev.switchboard.core.HandlerStats;
import dev.switchboard.core.Switchboard;
import dev.switchboard.core.config.HandlerSpec;
import dev.switchboard.core.RuntimeVersion;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.ToLongFunction;

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

    /** @param jvm the registry to add to, closed with this */
    ServiceMetrics(JvmMetrics jvm, Switchboard switchboard) {
        this.jvm = jvm;
        this.registry = jvm.registry();
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
        for (HandlerSpec spec : switchboard.config().handlers()) {
            String name = spec.name();
            Gauge.builder("switchboard.queue.depth", switchboard, runtime -> stat(runtime, name, HandlerStats::queued))
                    .description("Deliveries accepted and not yet finished (waiting, in flight or awaiting a retry)")
                    .tag("handler", name)
                    .register(registry);
            Gauge.builder("switchboard.handler.stuck.threads", switchboard,
                            runtime -> stat(runtime, name, stats -> stats.stuckThreads()))
                    .description("Worker threads abandoned in a handler that ignored the interrupt at its timeout")
                    .tag("handler", name)
                    .register(registry);
        }
        for (boolean succeeded : new boolean[] {true, false}) {
            FunctionCounter.builder("switchboard.config.reloads", switchboard, runtime -> runtime.reloads(succeeded))
                    .description("Reloads of handlers.yaml (SIGHUP, POST /v1/admin/reload, run --watch) by result:"
                            + " success, or failure (the running configuration stayed)")
                    .tag("result", succeeded ? "success" : "failure")
                    .register(registry);
        }
        HandlerStateMetrics.register(registry, switchboard);
        deliveries = new DeliveryMetrics(registry, switchboard.config().handlers().stream().map(HandlerSpec::name).toList());
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

    String scrape() {
        return registry.scrape();
    }

    private static double stat(Switchboard switchboard, String handler, ToLongFunction<HandlerStats> stat) {
        return switchboard.stats().stream()
                .filter(stats -> stats.name().equals(handler))
                .mapToLong(stat)
                .findFirst()
                .orElse(0);
    }

    @Override
    public void close() {
        jvm.close();
    }
}
