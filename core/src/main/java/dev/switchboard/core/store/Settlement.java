package dev.switchboard.core.store;

import java.time.Instant;
import java.util.Objects;

/**
 * What becomes of a leased delivery after an attempt: delivered, pending again at a later time, or
 * dead. Immutable.
 *
 * @param state {@link DeliveryState#DELIVERED}, {@link DeliveryState#PENDING} (a retry) or
 *     {@link DeliveryState#DEAD}; never null
 * @param retryAt when a retry is due, on the store's clock; non-null exactly for a retry
 * @param reason why the attempt failed, or null
 * @param status the HTTP status of the attempt's answer, or null when there was none
 * @since 0.1
 */
public record Settlement(DeliveryState state, Instant retryAt, String reason, Integer status) {

    /** Checks that the state is a settled one and that only a retry has a due time. */
    public Settlement {
        Objects.requireNonNull(state, "state");
        if (state == DeliveryState.IN_FLIGHT || (state == DeliveryState.PENDING) != (retryAt != null)) {
            throw new IllegalArgumentException("a settlement is delivered, dead, or pending with a retry time");
        }
    }

    /** @return delivered, with no reason */
    public static Settlement delivered() {
        return new Settlement(DeliveryState.DELIVERED, null, null, null);
    }

    /**
     * @param when when it is due again
     * @param reason why the attempt failed, may be null
     * @return pending again at {@code when}
     */
    public static Settlement retryAt(Instant when, String reason) {
        return new Settlement(DeliveryState.PENDING, Objects.requireNonNull(when, "when"), reason, null);
    }

    /**
     * @param reason why it failed for good, may be null
     * @return dead
     */
    public static Settlement dead(String reason) {
        return new Settlement(DeliveryState.DEAD, null, reason, null);
    }

    /**
     * @param value the HTTP status of the attempt's answer, or null
     * @return this settlement with that status
     */
    public Settlement withStatus(Integer value) {
        return new Settlement(state, retryAt, reason, value);
    }
}
