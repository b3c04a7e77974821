package dev.switchboard.core.store;

import java.util.List;
import java.util.Optional;

/**
 * Every stored delivery by its state, for the API ({@code GET /v1/deliveries}) and the command
 * line ({@code switchboard deliveries}): read-only; {@link DeadLetters} replays and deletes.
 * Thread-safe.
 *
 * <p>What each store keeps: pending (also scheduled retries and replayed dead letters), in-flight
 * and dead deliveries in every store; delivered ones only where the store keeps them (the SQLite
 * store, for its retention; the memory store keeps none). The SQLite store records a lease with
 * the writer's next commit, so a delivery just taken may still show as pending for a few
 * milliseconds, and a delivery left in flight by a crash is pending again after the next open.
 *
 * @since 0.1
 */
public interface Deliveries {

    /**
     * Lists deliveries in one state, newest first (by when their state last changed, then by id).
     *
     * @param state the state; never null
     * @param handler only this handler's, or null for every handler's
     * @param eventId only this event's, or null for every event's
     * @param offset how many of the matching ones to skip, at least 0
     * @param limit how many to return at most, at least 0
     * @return the page, never null
     * @throws IllegalArgumentException when offset or limit is negative
     * @throws IllegalStateException when the store is closed
     */
    List<DeliveryRecord> list(DeliveryState state, String handler, String eventId, int offset, int limit);

    /**
     * @param deliveryId a delivery id
     * @return the delivery with that id in whatever state it is, or empty when the store has none
     *     (never had it, deleted it, or pruned it after delivery)
     * @throws IllegalStateException when the store is closed
     */
    Optional<DeliveryRecord> get(long deliveryId);
}
