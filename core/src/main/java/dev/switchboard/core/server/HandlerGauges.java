package dev.switchboard.core.server;

import dev.switchboard.core.HandlerStats;
import dev.switchboard.core.Switchboard;
import dev.switchboard.core.config.HandlerSpec;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * The per-handler gauges ({@code switchboard_queue_depth}, {@code switchboard_handler_stuck_threads},
 * {@code switchboard_handler_state}) of the handlers configured now, following reloads: {@link #follow()}
 * (at start and before each scrape) registers those of an added handler. A removed handler keeps only its
 * {@code switchboard_queue_depth}, which then reports the backlog the store keeps for it, until that is 0:
 * then that gauge goes too (it comes back if the handler is configured again).
 */
final class HandlerGauges {

    /** One handler's gauges: its queue depth, and the rest (removed with the handler). */
    private record Registered(Meter queueDepth, List<Meter> whileConfigured) {
    }

    private final MeterRegistry registry;
    private final Switchboard switchboard;
    private final Map<String, Registered> registered = new HashMap<>();
    /** Backlogs in the store of handlers removed by a reload, as of the last {@link #follow()}. */
    private volatile Map<String, Long> kept = Map.of();

    HandlerGauges(MeterRegistry registry, Switchboard switchboard) {
        this.registry = registry;
        this.switchboard = switchboard;
        follow();
    }

    /** Registers the gauges of handlers configured since the last call and retires those of removed ones. */
    synchronized void follow() {
        Set<String> configured = new LinkedHashSet<>();
        for (HandlerSpec spec : switchboard.config().handlers()) {
            configured.add(spec.name());
        }
        for (String name : configured) {
            Registered gauges = registered.get(name);
            if (gauges == null) {
                registered.put(name, register(name));
            } else if (gauges.whileConfigured().isEmpty()) { // removed earlier, configured again
                registered.put(name, new Registered(gauges.queueDepth(),
                        withStates(name, stuckThreads(name))));
            }
        }
        Set<String> removed = new LinkedHashSet<>(registered.keySet());
        removed.removeAll(configured);
        if (removed.isEmpty()) {
            kept = Map.of();
            return;
        }
        Map<String, Long> backlogs = switchboard.store().backlogs();
        Map<String, Long> nowKept = new HashMap<>();
        for (String name : removed) {
            Registered gauges = registered.get(name);
            gauges.whileConfigured().forEach(registry::remove);
            long left = backlogs.getOrDefault(name, 0L);
            if (left > 0) {
                nowKept.put(name, left);
                registered.put(name, new Registered(gauges.queueDepth(), List.of()));
            } else {
                registry.remove(gauges.queueDepth());
                registered.remove(name);
            }
        }
        kept = nowKept;
    }

    private Registered register(String name) {
        Meter queueDepth = Gauge.builder("switchboard.queue.depth", switchboard, runtime -> queued(runtime, name))
                .description("Deliveries accepted and not yet finished (waiting, in flight or awaiting a retry);"
                        + " for a handler a reload removed, what the store keeps for it")
                .tag("handler", name)
                .register(registry);
        return new Registered(queueDepth, withStates(name, stuckThreads(name)));
    }

    private Meter stuckThreads(String name) {
        return Gauge.builder("switchboard.handler.stuck.threads", switchboard,
                        runtime -> stat(runtime, name, HandlerStats::stuckThreads).orElse(0))
                .description("Worker threads abandoned in a handler that ignored the interrupt at its timeout")
                .tag("handler", name)
                .register(registry);
    }

    private List<Meter> withStates(String name, Meter stuckThreads) {
        List<Meter> meters = new ArrayList<>(HandlerStateMetrics.register(registry, switchboard, name));
        meters.add(0, stuckThreads);
        return List.copyOf(meters);
    }

    private double queued(Switchboard runtime, String name) {
        return stat(runtime, name, HandlerStats::queued).orElse(kept.getOrDefault(name, 0L));
    }

    private static java.util.OptionalLong stat(Switchboard runtime, String handler, ToLongFunction<HandlerStats> stat) {
        return runtime.stats().stream()
                .filter(stats -> stats.name().equals(handler))
                .mapToLong(stat)
                .findFirst();
    }
}
