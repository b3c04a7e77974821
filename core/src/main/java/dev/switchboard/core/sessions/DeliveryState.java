package dev.switchboard.core.sessions;

import java.time.Instant;
import java.util.Locale;

/**
 * What has become of one event's delivery to one handler.
 *
 * @param attempts attempts made so far (0 while pending)
 * @param nextAttemptAt when a scheduled retry runs; null unless {@link State#RETRY_SCHEDULED}
 * @param reason why the last attempt failed; null when none failed
 * @param updatedAt when this state was reached
 */
public record DeliveryState(State state, int attempts, Instant nextAttemptAt, String reason, Instant updatedAt) {

    /** The stages of a delivery. */
    public enum State {
        /** Accepted for the handler, no outcome yet. */
        PENDING,
        DELIVERED,
        /** The last attempt failed and another is scheduled. */
        RETRY_SCHEDULED,
        /** Failed for good. */
        FAILED;

        /** @return the state as written in the API, e.g. {@code retry_scheduled} */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static DeliveryState pending(Instant at) {
        return new DeliveryState(State.PENDING, 0, null, null, at);
    }
}
