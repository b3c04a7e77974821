package dev.switchboard.core.store;

import dev.switchboard.api.WorkflowEvent;
import java.time.Instant;
import java.util.Objects;

/**
 * One delivery of one event to one handler, as a store hands it out. Immutable.
 *
 * @param id the delivery's id, unique in its store and kept across retries and replays
 * @param event the event, with its id (the {@code webhook-id} of every attempt); never null
 * @param handler the handler's name; never null
 * @param attempts how many attempts were settled before this one (0 for a fresh or replayed
 *     delivery)
 * @param dueAt when it was (or is) due, on the store's clock; never null
 * @param lastReason why the last attempt failed, or null when none failed or none was given
 * @param acceptedAt when its event was accepted, on the store's clock (what {@code expire_after}
 *     counts from); null when the store does not say
 * @since 0.1
 */
public record StoredDelivery(long id, WorkflowEvent event, String handler, int attempts, Instant dueAt,
        String lastReason, Instant acceptedAt) {

    /** A delivery whose acceptance time the store does not say. */
    public StoredDelivery(long id, WorkflowEvent event, String handler, int attempts, Instant dueAt,
            String lastReason) {
        this(id, event, handler, attempts, dueAt, lastReason, null);
    }

    /** Checks the fields that must not be null. */
    public StoredDelivery {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(event.id(), "event id");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(dueAt, "dueAt");
    }

    /** @return the event's id, sent as the {@code webhook-id} header */
    public String eventId() {
        return event.id();
    }

    StoredDelivery retried(Instant when, String reason) {
        return new StoredDelivery(id, event, handler, attempts + 1, when, reason, acceptedAt);
    }

    StoredDelivery settled(String reason) {
        return new StoredDelivery(id, event, handler, attempts + 1, dueAt, reason, acceptedAt);
    }

    StoredDelivery replayed(Instant now) {
        return new StoredDelivery(id, event, handler, 0, now, lastReason, acceptedAt);
    }
}
