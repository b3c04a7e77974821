package dev.switchboard.core.store;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * One stored delivery with its state, as {@link Deliveries} lists it for the API and the command
 * line. Immutable.
 *
 * @param delivery the delivery: its id, its event (as accepted, not redacted), its handler, the
 *     attempts settled so far, its due time and its last reason
 * @param state its state now; never null
 * @param lastStatus the HTTP status of its last attempt's answer, or null when that attempt had
 *     none (a timeout, a refused connection, a handler that is no HTTP client) or none was made
 * @param updatedAt when it last changed state (accepted, leased, retried, replayed, delivered or
 *     dead-lettered), on the store's clock; for a dead letter, when it died; never null
 * @since 0.1
 */
public record DeliveryRecord(StoredDelivery delivery, DeliveryState state, Integer lastStatus, Instant updatedAt) {

    /** Newest first: by the time of the last change, then by id, both descending. */
    static final Comparator<DeliveryRecord> NEWEST_FIRST = Comparator.comparing(DeliveryRecord::updatedAt)
            .thenComparingLong(DeliveryRecord::id).reversed();

    /** Checks that no field but the status is null. */
    public DeliveryRecord {
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** @return the delivery's id */
    public long id() {
        return delivery.id();
    }
}
