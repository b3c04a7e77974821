package dev.switchboard.core.delivery;

import java.time.Instant;

/**
 * A handler's rate limit: {@code burst} tokens at most, refilled at {@code perSecond}; each attempt
 * takes one. Not thread-safe (its {@link HandlerGate} holds the lock).
 */
final class TokenBucket {

    private final double perNano;
    private final double burst;
    private double tokens;
    private Instant refilled;

    TokenBucket(double perSecond, int burst, Instant now) {
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.refilled = now;
    }

    /** @return 0 when a token was taken, else the nanoseconds until one is there (nothing taken) */
    long take(Instant now) {
        if (now.isAfter(refilled)) {
            long elapsed = java.time.Duration.between(refilled, now).toNanos();
            tokens = Math.min(burst, tokens + elapsed * perNano);
            refilled = now;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) / perNano));
    }
}
