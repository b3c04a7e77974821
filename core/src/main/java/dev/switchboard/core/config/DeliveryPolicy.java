package dev.switchboard.core.config;

import java.time.Duration;

/**
 * A handler's delivery policy beyond retry, in the order the lane applies it to each delivery:
 * expiry, then whether the handler is enabled (a 410 disables it), its circuit breaker, its rate,
 * then per-session ordering, then the attempt. The defaults keep the behaviour of a runtime without
 * them, except the breaker, which only pauses a handler that failed {@code breaker.failures} times in a row.
 *
 * @param expireAfter a delivery not delivered this long after its event was accepted is a dead letter
 *     with reason {@code expired}; null: never
 * @param breaker when the handler's circuit opens, and for how long
 * @param rate how many attempts per second it may start; null: no limit
 * @param ordering whether one session's deliveries are attempted one at a time, in acceptance order
 * @param fallback the handler that receives this handler's dead letters as new deliveries; null: none
 */
public record DeliveryPolicy(Duration expireAfter, BreakerSettings breaker, RateSettings rate, Ordering ordering,
        String fallback) {

    /** No expiry, the default breaker, no rate limit, no ordering, no fallback. */
    public static final DeliveryPolicy DEFAULT =
            new DeliveryPolicy(null, BreakerSettings.DEFAULT, null, Ordering.NONE, null);

    /** Whether the deliveries of one session wait for each other. */
    public enum Ordering {
        /** Today's: any delivery whenever it is due. */
        NONE,
        /** One delivery of a session at a time, in the order its events were accepted. */
        SESSION
    }

    /**
     * @param failures consecutive failed attempts that open the circuit
     * @param openFor how long it stays open before one probe attempt
     */
    public record BreakerSettings(int failures, Duration openFor) {
        public static final BreakerSettings DEFAULT = new BreakerSettings(10, Duration.ofSeconds(30));
    }

    /**
     * A token bucket.
     *
     * @param perSecond tokens added per second (a {@code per_minute} rate divided by 60)
     * @param burst the most tokens the bucket holds, and so the most attempts started at once
     */
    public record RateSettings(double perSecond, int burst) {
    }

    /** @return this policy with that expiry (null: none); the others alike */
    public DeliveryPolicy withExpireAfter(Duration value) {
        return new DeliveryPolicy(value, breaker, rate, ordering, fallback);
    }

    public DeliveryPolicy withBreaker(BreakerSettings value) {
        return new DeliveryPolicy(expireAfter, value, rate, ordering, fallback);
    }

    public DeliveryPolicy withRate(RateSettings value) {
        return new DeliveryPolicy(expireAfter, breaker, value, ordering, fallback);
    }

    public DeliveryPolicy withOrdering(Ordering value) {
        return new DeliveryPolicy(expireAfter, breaker, rate, value, fallback);
    }

    public DeliveryPolicy withFallback(String value) {
        return new DeliveryPolicy(expireAfter, breaker, rate, ordering, value);
    }
}
