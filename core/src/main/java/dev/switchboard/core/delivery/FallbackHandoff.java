package dev.switchboard.core.delivery;

import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.event.EventIds;
import dev.switchboard.core.store.DeliveryStore;
import dev.switchboard.core.store.StoreFullException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code fallback: HANDLER}: a delivery that became a dead letter is handed to the fallback handler as
 * a new delivery of the same event, with {@code data._switchboard} saying why: {@code failure} (the
 * reason), {@code handler} (the one that gave up) and {@code event_id} (the event's own id). The copy
 * has an id of its own, as its body differs; the dead letter stays. One hop only: the configuration
 * refuses a fallback that has a fallback itself.
 */
final class FallbackHandoff {

    private static final Logger LOG = LoggerFactory.getLogger(FallbackHandoff.class);
    static final String KEY = "_switchboard";

    private final DeliveryStore store;
    private final PendingDeliveries pending;

    FallbackHandoff(DeliveryStore store, PendingDeliveries pending) {
        this.store = store;
        this.pending = pending;
    }

    /** Hands the dead letter of {@code handler} on to {@code fallback}; never throws. */
    void handOff(String handler, String fallback, WorkflowEvent event, String reason) {
        WorkflowEvent copy = copy(handler, event, reason);
        try {
            store.acceptAsync(copy, List.of(fallback), null, pending::add).whenComplete((ok, failure) -> {
                if (failure != null) {
                    pending.done();
                    LOG.error("handler '{}': the dead letter of event {} could not be handed to its fallback '{}': {}",
                            handler, event.id(), fallback, failure.getMessage());
                }
            });
            LOG.info("handler '{}': event {} handed to fallback '{}' as event {} ({})", handler, event.id(), fallback,
                    copy.id(), reason);
        } catch (StoreFullException | RuntimeException refused) {
            LOG.error("handler '{}': the dead letter of event {} could not be handed to its fallback '{}': {}",
                    handler, event.id(), fallback, refused.getMessage());
        }
    }

    static WorkflowEvent copy(String handler, WorkflowEvent event, String reason) {
        Map<String, Object> why = new LinkedHashMap<>();
        why.put("failure", reason);
        why.put("handler", handler);
        why.put("event_id", event.id());
        Map<String, Object> data = new LinkedHashMap<>(event.data());
        data.put(KEY, why);
        return event.toBuilder().id(EventIds.next()).data(data).build();
    }
}
