package dev.switchboard.core.server;

import dev.switchboard.core.HandlerStats;
import dev.switchboard.core.Switchboard;
import dev.switchboard.core.config.FilterSpec;
import dev.switchboard.core.config.HandlerSpec;
import dev.switchboard.core.plugin.HandlerFactoryEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.jetty.http.HttpStatus;

/**
 * {@code GET /v1/handlers}: each configured handler with its type, the plugin that provides it,
 * its subscriptions, its counts (delivered, retried, failed), its queue depth, its stuck threads, its
 * state, and its recent activity (see {@link HandlerActivity}).
 */
final class HandlersEndpoint implements Endpoint {

    private final Switchboard switchboard;
    private final HandlerActivity activity;

    HandlersEndpoint(Switchboard switchboard, HandlerActivity activity) {
        this.switchboard = switchboard;
        this.activity = activity;
    }

    @Override
    public void handle(Exchange exchange) {
        Map<String, HandlerStats> stats = switchboard.stats().stream()
                .collect(Collectors.toMap(HandlerStats::name, Function.identity()));
        List<Map<String, Object>> items = new ArrayList<>();
        for (HandlerSpec spec : switchboard.config().handlers()) {
            HandlerStats counts = stats.get(spec.name());
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("name", spec.name());
            json.put("type", spec.type());
            json.put("plugin", switchboard.plugins().handlerFactory(spec.type())
                    .map(HandlerFactoryEntry::origin).orElse(null));
            json.put("events", spec.events());
            json.put("match", spec.match());
            json.put("filters", spec.filters().stream().map(FilterSpec::type).toList());
            json.put("concurrency", spec.concurrency());
            json.put("queue_capacity", spec.queueCapacity());
            json.put("delivered", counts == null ? 0 : counts.delivered());
            json.put("retried", counts == null ? 0 : counts.retried());
            json.put("failed", counts == null ? 0 : counts.failed());
            json.put("queued", counts == null ? 0 : counts.queued());
            json.put("stuck_threads", counts == null ? 0 : counts.stuckThreads());
            Map<String, Object> recent = activity.describe(spec.name());
            json.put("state", state(counts, (Boolean) recent.remove("last_attempt_failed")));
            json.putAll(recent);
            items.add(json);
        }
        exchange.json(HttpStatus.OK_200, Map.of("items", items));
    }

    /** {@code stuck} with a stuck thread, else {@code failing} when its last attempt failed, else {@code running}. */
    private static String state(HandlerStats counts, boolean lastAttemptFailed) {
        if (counts != null && counts.stuckThreads() > 0) {
            return "stuck";
        }
        return lastAttemptFailed ? "failing" : "running";
    }
}
