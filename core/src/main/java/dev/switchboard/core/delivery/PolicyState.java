package dev.switchboard.core.delivery;

import java.time.Instant;

/**
 * A handler's delivery policy state at one moment, as {@code /v1/handlers} and the metrics show it.
 *
 * @param disabledAt when a 410 disabled the handler; null while enabled
 * @param disabledReason why (the answer that disabled it); null while enabled
 * @param breaker {@code closed}, {@code open} or {@code half_open}
 * @param pausedUntil until when a receiver's 429 Retry-After pauses the handler; null when not paused
 */
public record PolicyState(Instant disabledAt, String disabledReason, String breaker, Instant pausedUntil) {

    /** @return {@code enabled}, or {@code disabled (410 at …)} */
    public String status() {
        return disabledAt == null ? "enabled" : "disabled (" + disabledReason + " at " + disabledAt + ")";
    }
}
