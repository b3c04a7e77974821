package dev.switchboard.core.delivery;

import dev.switchboard.api.DeliveryException;
import dev.switchboard.core.config.RetrySettings;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleSupplier;

/**
 * Decides whether and when a failed delivery is tried again. It schedules; it never sleeps.
 * Waits grow from {@code backoff} by {@code multiplier} up to {@code max_backoff}: with the
 * defaults, attempt 2 after 1 s and attempt 3 after 2 s, each randomised within ±{@code jitter} (10 %) of
 * itself so that deliveries that failed together (a receiver's outage) do not retry in lockstep. A
 * receiver's own Retry-After is honoured as asked, without jitter.
 */
final class RetryPolicy {

    /**
     * A receiver may ask for a longer pause than our own backoff allows (rate limits are often
     * a minute); we honour up to this much, or {@code max_backoff} if that is larger.
     */
    static final Duration RETRY_AFTER_CAP = Duration.ofSeconds(60);

    private final RetrySettings settings;
    private final DoubleSupplier random;

    /** Without randomness: every backoff is its centre (for tests of the schedule itself). */
    RetryPolicy(RetrySettings settings) {
        this(settings, () -> 0.5);
    }

    /** @param random uniform in [0, 1), as {@link java.util.Random#nextDouble()}; seeded in tests */
    RetryPolicy(RetrySettings settings, DoubleSupplier random) {
        this.settings = settings;
        this.random = random;
    }

    /**
     * @param failure what the attempt failed with
     * @param attemptsMade attempts made so far, including the one that failed (1 after the first)
     */
    RetryDecision decide(Throwable failure, int attemptsMade) {
        Throwable cause = unwrap(failure);
        String reason = describe(cause);
        // The handler says another attempt cannot succeed (a 4xx other than 408/429, a refused payload).
        if (cause instanceof DeliveryException delivery && !delivery.isRetryable()) {
            return RetryDecision.giveUp(reason);
        }
        // Neither a delivery failure nor a transient one (any other exception, or an Error): a bug
        // in the handler, which another attempt would only repeat.
        if (!(cause instanceof DeliveryException) && !isTransient(cause)) {
            return RetryDecision.bug(reason);
        }
        // Every configured attempt has been made.
        if (attemptsMade >= settings.attempts()) {
            return RetryDecision.giveUp(reason + " (after " + attemptsMade + " attempts)");
        }
        // The receiver asked for a pause (a 408's or 429's Retry-After): honour it, up to the cap.
        Duration asked = cause instanceof DeliveryException delivery ? delivery.retryAfter().orElse(null) : null;
        if (asked != null) {
            return RetryDecision.retryAfter(min(asked, retryAfterCap()), reason);
        }
        // A transient failure (5xx, timeout, connection): back off exponentially, up to max_backoff.
        return RetryDecision.retryAfter(jittered(backoff(attemptsMade)), reason);
    }

    /** The longest Retry-After honoured: {@link #RETRY_AFTER_CAP}, or max_backoff if larger. */
    Duration retryAfterCap() {
        return maxOf(settings.maxBackoff(), RETRY_AFTER_CAP);
    }

    /** The wait before attempt {@code attemptsMade + 1}. */
    Duration backoff(int attemptsMade) {
        double millis = settings.backoff().toMillis() * Math.pow(settings.multiplier(), attemptsMade - 1);
        long capped = (long) Math.min(millis, settings.maxBackoff().toMillis());
        return Duration.ofMillis(capped);
    }

    /** The backoff moved by up to ± jitter of itself: uniformly, so its centre stays the backoff. */
    Duration jittered(Duration backoff) {
        double offset = (random.getAsDouble() * 2 - 1) * settings.jitter();
        return Duration.ofMillis(Math.max(0, Math.round(backoff.toMillis() * (1 + offset))));
    }

    private static boolean isTransient(Throwable cause) {
        return cause instanceof IOException || cause instanceof TimeoutException;
    }

    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    static String describe(Throwable cause) {
        if (cause instanceof TimeoutException) {
            return cause.getMessage() == null ? "timed out" : cause.getMessage();
        }
        if (cause instanceof CancellationException) {
            return "cancelled";
        }
        String message = cause.getMessage();
        if (cause instanceof DeliveryException) {
            return message;
        }
        String type = cause.getClass().getSimpleName();
        if (message == null || message.isBlank()) {
            // E.g. an ExceptionInInitializerError: what went wrong is said by its cause.
            return cause.getCause() == null || cause.getCause() == cause ? type : type + ": " + describe(cause.getCause());
        }
        return type + ": " + message;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration maxOf(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
