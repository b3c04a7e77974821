package dev.switchboard.core.store;

import java.time.Instant;
import java.util.Objects;

/**
 * What a store keeps of one handler's delivery policy, so that it survives a restart: whether a
 * 410 disabled it, its circuit breaker, and a pause a receiver asked for. Immutable.
 *
 * @param disabledAt when a 410 (or an operator) disabled the handler; null while it is enabled
 * @param disabledReason why, e.g. {@code 410}; null while it is enabled
 * @param breaker the circuit breaker's state: {@code closed}, {@code open} or {@code half_open}; never null
 * @param breakerSince when the breaker last changed state; null when it never did
 * @param pausedUntil until when a receiver's 429 Retry-After pauses the whole handler; null for no pause
 * @since 0.1
 */
public record HandlerState(Instant disabledAt, String disabledReason, String breaker, Instant breakerSince,
        Instant pausedUntil) {

    /** A handler's state before anything happened to it: enabled, breaker closed, not paused. */
    public static final HandlerState INITIAL = new HandlerState(null, null, "closed", null, null);

    /** Checks that the breaker state is given. */
    public HandlerState {
        Objects.requireNonNull(breaker, "breaker");
    }

    /** @return whether a 410 or an operator disabled the handler */
    public boolean disabled() {
        return disabledAt != null;
    }
}
