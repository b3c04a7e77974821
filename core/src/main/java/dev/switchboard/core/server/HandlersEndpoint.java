package dev.switchboard.core.server;

import dev.switchboard.core.HandlerStats;
import dev.switchboard.core.Switchboard;
import dev.switchboard.core.config.DeliveryPolicy;
import dev.switchboard.core.config.FilterSpec;
import dev.switchboard.core.config.HandlerSpec;
import dev.switchboard.core.delivery.PolicyState;
import dev.switchboard.core.plugin.HandlerFactoryEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.jetty.http.HttpStatus;

/**
 * {@code GET /v1/handlers}: each configured handler with its type, the plugin that provides it,
 * its subscriptions, its counts (delivered, retried, failed), its queue depth, its stuck threads, its
 * state, its recent activity (see {@link HandlerActivity}), and its delivery policy with its policy
 * state ({@code status}: {@code enabled} or {@code disabled (410 at …)}; {@code breaker}:
 * {@code closed}, {@code open} or {@code half_open}; {@code paused_until}).
 * With them, the loaded configuration's {@code config_hash}, and under {@code removed} each handler
 * no longer configured whose deliveries wait in the store ({@code state: removed}, {@code queued}).
 * {@code POST /v1/handlers/{name}/enable}: enables a handler a 410 disabled.
 */
final class HandlersEndpoint {

    private final Switchboard switchboard;
    private final HandlerActivity activity;

    HandlersEndpoint(Switchboard switchboard, HandlerActivity activity) {
        this.switchboard = switchboard;
        this.activity = activity;
    }

    void list(Exchange exchange) {
        Map<String, HandlerStats> stats = switchboard.stats().stream()
                .collect(Collectors.toMap(HandlerStats::name, Function.identity()));
        Map<String, PolicyState> states = switchboard.policyStates();
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
            PolicyState policyState = states.get(spec.name());
            Map<String, Object> recent = activity.describe(spec.name());
            json.put("state", state(counts, policyState, (Boolean) recent.remove("last_attempt_failed")));
            json.putAll(recent);
            if (policyState != null) {
                json.put("status", policyState.status());
                json.put("breaker", policyState.breaker());
                json.put("paused_until", policyState.pausedUntil() == null ? null : policyState.pausedUntil().toString());
            }
            json.put("policy", policy(spec.policy()));
            items.add(json);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("config_hash", switchboard.configHash());
        answer.put("items", items);
        answer.put("removed", removed());
        exchange.json(HttpStatus.OK_200, answer);
    }

    /** Handlers no longer configured whose deliveries the store keeps until they are configured again. */
    private List<Map<String, Object>> removed() {
        Set<String> configured = switchboard.config().handlers().stream().map(HandlerSpec::name)
                .collect(Collectors.toSet());
        List<Map<String, Object>> removed = new ArrayList<>();
        switchboard.store().backlogs().forEach((name, queued) -> {
            if (!configured.contains(name) && queued > 0) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("name", name);
                json.put("state", "removed");
                json.put("queued", queued);
                removed.add(json);
            }
        });
        return removed;
    }

    /**
     * In the order an operator needs to know it: {@code stuck} with a stuck thread, {@code disabled}
     * (a 410), {@code open} or {@code half_open} (its breaker), {@code paused} (a receiver's
     * Retry-After), {@code failing} when its last attempt failed, else {@code running}.
     */
    private static String state(HandlerStats counts, PolicyState policy, boolean lastAttemptFailed) {
        if (counts != null && counts.stuckThreads() > 0) {
            return "stuck";
        }
        if (policy != null) {
            if (!policy.status().equals("enabled")) {
                return "disabled";
            }
            if (!policy.breaker().equals("closed")) {
                return policy.breaker();
            }
            if (policy.pausedUntil() != null) {
                return "paused";
            }
        }
        return lastAttemptFailed ? "failing" : "running";
    }

    void enable(Exchange exchange) throws ApiError {
        String name = exchange.pathParameter(0);
        boolean configured = switchboard.config().handlers().stream().anyMatch(spec -> spec.name().equals(name));
        if (!configured) {
            throw new ApiError(HttpStatus.NOT_FOUND_404, "no handler named '" + name + "'");
        }
        boolean wasDisabled = switchboard.enableHandler(name);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("name", name);
        answer.put("status", switchboard.policyStates().get(name).status());
        answer.put("was_disabled", wasDisabled);
        exchange.json(HttpStatus.OK_200, answer);
    }

    private static Map<String, Object> policy(DeliveryPolicy policy) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("expire_after", policy.expireAfter() == null ? null : policy.expireAfter().toString());
        json.put("breaker", Map.of("failures", policy.breaker().failures(),
                "open_for", policy.breaker().openFor().toString()));
        json.put("rate", policy.rate() == null ? null
                : Map.of("per_second", policy.rate().perSecond(), "burst", policy.rate().burst()));
        json.put("ordering", policy.ordering().name().toLowerCase(java.util.Locale.ROOT));
        json.put("fallback", policy.fallback());
        return json;
    }
}
