package dev.switchboard.core.config;

import java.time.Duration;

/**
 * How often and how late a failed delivery is tried again. {@code attempts} counts the first.
 *
 * @param jitter each backoff is randomised within ± this fraction of itself (0 to 1), so that many
 *     deliveries that failed at once do not retry in lockstep; the backoff stays the centre
 */
public record RetrySettings(int attempts, Duration backoff, double multiplier, Duration maxBackoff, double jitter) {

    /** The default jitter: ±10 %. */
    public static final double DEFAULT_JITTER = 0.1;

    /** The seed's behaviour: 3 attempts, waits of 1 s then 2 s (±10 %), never more than 10 s (+10 %). */
    public static final RetrySettings DEFAULT =
            new RetrySettings(3, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(10));

    /** With the default jitter. */
    public RetrySettings(int attempts, Duration backoff, double multiplier, Duration maxBackoff) {
        this(attempts, backoff, multiplier, maxBackoff, DEFAULT_JITTER);
    }
}
