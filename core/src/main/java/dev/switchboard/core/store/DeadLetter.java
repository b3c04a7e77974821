package dev.switchboard.core.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A delivery that failed for good, as {@link DeadLetters} lists it. Immutable.
 *
 * @param delivery the delivery: its attempts count the failed ones, its last reason says why
 * @param deadAt when it was dead-lettered, on the store's clock
 * @since 0.1
 */
public record DeadLetter(StoredDelivery delivery, Instant deadAt) {

    /** Checks that no field is null. */
    public DeadLetter {
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(deadAt, "deadAt");
    }
}
