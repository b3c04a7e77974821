package dev.switchboard.core.config;

import java.time.Duration;

/** How often and how late a failed delivery is tried again. {@code attempts} counts the first. */
public record RetrySettings(int attempts, Duration backoff, double multiplier, Duration maxBackoff) {

    /** The seed's behaviour: 3 attempts, waits of 1 s then 2 s, never more than 10 s. */
    public static final RetrySettings DEFAULT =
            new RetrySettings(3, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(10));
}
